# Empty dependencies file for kiosk_nexo.
# This may be replaced when dependencies are built.
