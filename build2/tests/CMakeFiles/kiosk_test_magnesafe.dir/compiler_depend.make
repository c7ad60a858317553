# Empty compiler generated dependencies file for kiosk_test_magnesafe.
# This may be replaced when dependencies are built.
