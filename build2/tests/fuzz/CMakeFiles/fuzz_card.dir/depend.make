# Empty dependencies file for fuzz_card.
# This may be replaced when dependencies are built.
