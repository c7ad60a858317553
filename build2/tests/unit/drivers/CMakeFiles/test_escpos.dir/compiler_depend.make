# Empty compiler generated dependencies file for test_escpos.
# This may be replaced when dependencies are built.
