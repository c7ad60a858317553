# Empty dependencies file for test_theme.
# This may be replaced when dependencies are built.
