# Empty dependencies file for kiosk_update.
# This may be replaced when dependencies are built.
