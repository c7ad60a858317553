# Empty compiler generated dependencies file for kioskctl.
# This may be replaced when dependencies are built.
