# Empty compiler generated dependencies file for test_card_readers.
# This may be replaced when dependencies are built.
