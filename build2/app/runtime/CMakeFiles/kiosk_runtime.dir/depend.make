# Empty dependencies file for kiosk_runtime.
# This may be replaced when dependencies are built.
