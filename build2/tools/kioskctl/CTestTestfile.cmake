# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tools/kioskctl
# Build directory: /work/wt-16-layout/build2/tools/kioskctl
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
