# Empty dependencies file for kiosk-sign.
# This may be replaced when dependencies are built.
