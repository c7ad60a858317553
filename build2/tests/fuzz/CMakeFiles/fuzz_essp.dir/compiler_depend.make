# Empty compiler generated dependencies file for fuzz_essp.
# This may be replaced when dependencies are built.
