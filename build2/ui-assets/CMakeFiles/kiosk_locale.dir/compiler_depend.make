# Empty custom commands generated dependencies file for kiosk_locale.
# This may be replaced when dependencies are built.
