# Empty dependencies file for kiosk.
# This may be replaced when dependencies are built.
