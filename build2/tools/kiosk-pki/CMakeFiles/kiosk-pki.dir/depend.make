# Empty dependencies file for kiosk-pki.
# This may be replaced when dependencies are built.
