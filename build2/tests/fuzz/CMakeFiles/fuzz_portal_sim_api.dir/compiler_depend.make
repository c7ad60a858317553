# Empty compiler generated dependencies file for fuzz_portal_sim_api.
# This may be replaced when dependencies are built.
