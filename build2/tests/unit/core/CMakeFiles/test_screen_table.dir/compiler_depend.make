# Empty compiler generated dependencies file for test_screen_table.
# This may be replaced when dependencies are built.
