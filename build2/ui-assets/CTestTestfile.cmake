# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/ui-assets
# Build directory: /work/wt-16-layout/build2/ui-assets
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
