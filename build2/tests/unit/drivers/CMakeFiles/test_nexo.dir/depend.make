# Empty dependencies file for test_nexo.
# This may be replaced when dependencies are built.
