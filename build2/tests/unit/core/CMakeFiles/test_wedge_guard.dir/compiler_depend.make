# Empty compiler generated dependencies file for test_wedge_guard.
# This may be replaced when dependencies are built.
