# Empty custom commands generated dependencies file for kiosk-pki-files.
# This may be replaced when dependencies are built.
