# Empty compiler generated dependencies file for test_terminal_tender.
# This may be replaced when dependencies are built.
