# Empty compiler generated dependencies file for test_rconf.
# This may be replaced when dependencies are built.
