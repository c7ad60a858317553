# Empty dependencies file for kiosk_a11y.
# This may be replaced when dependencies are built.
