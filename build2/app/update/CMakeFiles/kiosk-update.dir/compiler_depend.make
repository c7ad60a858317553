# Empty compiler generated dependencies file for kiosk-update.
# This may be replaced when dependencies are built.
