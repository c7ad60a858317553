# Empty compiler generated dependencies file for test_printer_profiles.
# This may be replaced when dependencies are built.
