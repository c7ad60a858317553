# Empty dependencies file for kiosk_common.
# This may be replaced when dependencies are built.
