# Empty dependencies file for kiosk_ui.
# This may be replaced when dependencies are built.
