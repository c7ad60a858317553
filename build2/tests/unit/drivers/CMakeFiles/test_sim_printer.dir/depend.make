# Empty dependencies file for test_sim_printer.
# This may be replaced when dependencies are built.
