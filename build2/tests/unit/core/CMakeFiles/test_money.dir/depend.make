# Empty dependencies file for test_money.
# This may be replaced when dependencies are built.
