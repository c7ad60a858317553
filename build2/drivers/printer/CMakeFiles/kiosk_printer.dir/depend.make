# Empty dependencies file for kiosk_printer.
# This may be replaced when dependencies are built.
