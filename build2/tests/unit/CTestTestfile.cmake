# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/unit
# Build directory: /work/wt-16-layout/build2/tests/unit
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("core")
subdirs("drivers")
subdirs("store")
subdirs("common")
subdirs("fleet")
subdirs("a11y")
subdirs("service")
subdirs("config")
subdirs("screens")
subdirs("payments")
subdirs("ui")
set_directory_properties(PROPERTIES LABELS "unit")
