# Empty compiler generated dependencies file for test_journal.
# This may be replaced when dependencies are built.
