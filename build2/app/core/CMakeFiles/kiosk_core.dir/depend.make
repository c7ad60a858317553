# Empty dependencies file for kiosk_core.
# This may be replaced when dependencies are built.
