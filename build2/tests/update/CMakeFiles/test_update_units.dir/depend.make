# Empty dependencies file for test_update_units.
# This may be replaced when dependencies are built.
