# Empty compiler generated dependencies file for test_receipt.
# This may be replaced when dependencies are built.
