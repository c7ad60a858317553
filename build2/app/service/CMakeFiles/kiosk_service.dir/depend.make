# Empty dependencies file for kiosk_service.
# This may be replaced when dependencies are built.
