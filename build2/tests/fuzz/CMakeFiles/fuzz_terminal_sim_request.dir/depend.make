# Empty dependencies file for fuzz_terminal_sim_request.
# This may be replaced when dependencies are built.
