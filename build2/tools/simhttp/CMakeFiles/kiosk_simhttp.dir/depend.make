# Empty dependencies file for kiosk_simhttp.
# This may be replaced when dependencies are built.
