# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tools/kiosk-pki
# Build directory: /work/wt-16-layout/build2/tools/kiosk-pki
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
