# CMake generated Testfile for 
# Source directory: /work/wt-16-layout
# Build directory: /work/wt-16-layout/build2
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
subdirs("app/common")
subdirs("app/crypto")
subdirs("drivers")
subdirs("app/store")
subdirs("app/portal")
subdirs("app/core")
subdirs("ui-assets")
subdirs("app")
subdirs("app/update")
subdirs("app/fleet")
subdirs("app/runtime")
subdirs("tools")
subdirs("tests")
subdirs("board/generic-x86")
