# Empty compiler generated dependencies file for fuzz_update_state.
# This may be replaced when dependencies are built.
