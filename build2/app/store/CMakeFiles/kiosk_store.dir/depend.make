# Empty dependencies file for kiosk_store.
# This may be replaced when dependencies are built.
