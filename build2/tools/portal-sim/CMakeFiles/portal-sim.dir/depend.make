# Empty dependencies file for portal-sim.
# This may be replaced when dependencies are built.
