# Empty dependencies file for kiosk-enroll.
# This may be replaced when dependencies are built.
