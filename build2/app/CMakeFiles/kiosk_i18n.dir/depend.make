# Empty dependencies file for kiosk_i18n.
# This may be replaced when dependencies are built.
