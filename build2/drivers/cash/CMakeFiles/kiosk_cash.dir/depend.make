# Empty dependencies file for kiosk_cash.
# This may be replaced when dependencies are built.
