# Empty dependencies file for test_sim_reader.
# This may be replaced when dependencies are built.
