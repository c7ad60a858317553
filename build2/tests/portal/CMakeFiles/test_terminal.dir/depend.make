# Empty dependencies file for test_terminal.
# This may be replaced when dependencies are built.
