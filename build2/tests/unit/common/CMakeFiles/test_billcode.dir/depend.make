# Empty dependencies file for test_billcode.
# This may be replaced when dependencies are built.
