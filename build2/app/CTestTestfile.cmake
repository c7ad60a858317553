# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/app
# Build directory: /work/wt-16-layout/build2/app
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("ui")
subdirs("screens")
subdirs("a11y")
subdirs("journey")
subdirs("payments")
subdirs("service")
