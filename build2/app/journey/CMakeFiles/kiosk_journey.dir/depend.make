# Empty dependencies file for kiosk_journey.
# This may be replaced when dependencies are built.
