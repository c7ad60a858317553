# Empty dependencies file for kiosk_cash_emu.
# This may be replaced when dependencies are built.
