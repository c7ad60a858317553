# Empty dependencies file for kiosk_card.
# This may be replaced when dependencies are built.
