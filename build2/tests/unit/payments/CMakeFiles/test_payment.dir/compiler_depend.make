# Empty compiler generated dependencies file for test_payment.
# This may be replaced when dependencies are built.
