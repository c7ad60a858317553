# Empty compiler generated dependencies file for notify-listen.
# This may be replaced when dependencies are built.
