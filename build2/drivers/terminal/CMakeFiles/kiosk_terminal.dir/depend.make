# Empty dependencies file for kiosk_terminal.
# This may be replaced when dependencies are built.
