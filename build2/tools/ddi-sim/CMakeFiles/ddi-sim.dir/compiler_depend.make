# Empty compiler generated dependencies file for ddi-sim.
# This may be replaced when dependencies are built.
