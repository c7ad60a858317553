# Empty dependencies file for kiosk_dukpt.
# This may be replaced when dependencies are built.
