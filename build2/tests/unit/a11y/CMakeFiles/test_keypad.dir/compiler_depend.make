# Empty compiler generated dependencies file for test_keypad.
# This may be replaced when dependencies are built.
