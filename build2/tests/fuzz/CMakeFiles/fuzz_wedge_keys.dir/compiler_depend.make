# Empty compiler generated dependencies file for fuzz_wedge_keys.
# This may be replaced when dependencies are built.
