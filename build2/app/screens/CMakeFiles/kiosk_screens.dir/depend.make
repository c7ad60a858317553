# Empty dependencies file for kiosk_screens.
# This may be replaced when dependencies are built.
