# Empty dependencies file for terminal-sim.
# This may be replaced when dependencies are built.
