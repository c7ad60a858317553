# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/board/generic-x86
# Build directory: /work/wt-16-layout/build2/board/generic-x86
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
