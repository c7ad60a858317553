# Empty custom commands generated dependencies file for fuzz-targets.
# This may be replaced when dependencies are built.
