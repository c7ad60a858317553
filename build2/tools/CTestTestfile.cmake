# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tools
# Build directory: /work/wt-16-layout/build2/tools
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("simhttp")
subdirs("kiosk-pki")
subdirs("portal-sim")
subdirs("terminal-sim")
subdirs("kiosk-sign")
subdirs("ddi-sim")
subdirs("kioskctl")
