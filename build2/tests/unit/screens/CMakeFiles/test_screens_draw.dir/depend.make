# Empty dependencies file for test_screens_draw.
# This may be replaced when dependencies are built.
