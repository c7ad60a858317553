# Empty dependencies file for kiosk_config.
# This may be replaced when dependencies are built.
