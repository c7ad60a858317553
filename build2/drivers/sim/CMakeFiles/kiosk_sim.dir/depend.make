# Empty dependencies file for kiosk_sim.
# This may be replaced when dependencies are built.
