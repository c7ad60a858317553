# Empty dependencies file for test_validator.
# This may be replaced when dependencies are built.
