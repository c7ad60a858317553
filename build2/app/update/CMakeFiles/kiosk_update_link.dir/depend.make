# Empty dependencies file for kiosk_update_link.
# This may be replaced when dependencies are built.
