# Empty dependencies file for kiosk_crypto.
# This may be replaced when dependencies are built.
