# Empty dependencies file for kiosk_fleet.
# This may be replaced when dependencies are built.
