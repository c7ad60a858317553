# Empty dependencies file for kiosk_payments.
# This may be replaced when dependencies are built.
