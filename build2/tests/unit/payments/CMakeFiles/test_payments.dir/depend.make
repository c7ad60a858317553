# Empty dependencies file for test_payments.
# This may be replaced when dependencies are built.
