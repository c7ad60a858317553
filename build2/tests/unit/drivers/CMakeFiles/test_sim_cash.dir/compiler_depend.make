# Empty compiler generated dependencies file for test_sim_cash.
# This may be replaced when dependencies are built.
