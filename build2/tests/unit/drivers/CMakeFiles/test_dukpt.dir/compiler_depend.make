# Empty compiler generated dependencies file for test_dukpt.
# This may be replaced when dependencies are built.
