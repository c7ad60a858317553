# Empty compiler generated dependencies file for test_usb.
# This may be replaced when dependencies are built.
