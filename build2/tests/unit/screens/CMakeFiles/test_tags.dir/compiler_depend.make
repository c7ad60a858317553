# Empty compiler generated dependencies file for test_tags.
# This may be replaced when dependencies are built.
