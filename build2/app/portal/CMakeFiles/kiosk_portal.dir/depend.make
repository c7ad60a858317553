# Empty dependencies file for kiosk_portal.
# This may be replaced when dependencies are built.
