# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/drivers
# Build directory: /work/wt-16-layout/build2/drivers
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("card")
subdirs("cash")
subdirs("printer")
subdirs("sim")
subdirs("usb")
subdirs("terminal")
