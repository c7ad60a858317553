# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/app/a11y
# Build directory: /work/wt-16-layout/build2/app/a11y
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
