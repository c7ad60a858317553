# Empty dependencies file for test_card.
# This may be replaced when dependencies are built.
