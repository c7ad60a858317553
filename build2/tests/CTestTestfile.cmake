# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests
# Build directory: /work/wt-16-layout/build2/tests
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("unit")
subdirs("portal")
subdirs("usb")
subdirs("i18n")
subdirs("journeys")
subdirs("money")
subdirs("crash")
subdirs("bench")
subdirs("soak")
subdirs("fuzz")
subdirs("lint")
subdirs("update")
subdirs("package")
subdirs("fleet")
subdirs("service")
