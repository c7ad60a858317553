# Empty compiler generated dependencies file for fuzz_journey_line.
# This may be replaced when dependencies are built.
