# Empty dependencies file for kiosk_usb.
# This may be replaced when dependencies are built.
