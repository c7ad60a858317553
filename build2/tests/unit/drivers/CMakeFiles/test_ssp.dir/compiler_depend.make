# Empty compiler generated dependencies file for test_ssp.
# This may be replaced when dependencies are built.
