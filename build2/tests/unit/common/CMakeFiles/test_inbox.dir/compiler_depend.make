# Empty compiler generated dependencies file for test_inbox.
# This may be replaced when dependencies are built.
