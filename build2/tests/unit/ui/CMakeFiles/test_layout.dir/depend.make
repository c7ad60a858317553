# Empty dependencies file for test_layout.
# This may be replaced when dependencies are built.
