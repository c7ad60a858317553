# Empty dependencies file for kiosk_worker.
# This may be replaced when dependencies are built.
