# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/unit/fleet
# Build directory: /work/wt-16-layout/build2/tests/unit/fleet
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[unit.fleet.rconf]=] "/work/wt-16-layout/build2/bin/test_rconf")
set_tests_properties([=[unit.fleet.rconf]=] PROPERTIES  LABELS "fleet" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/fleet/CMakeLists.txt;4;add_test;/work/wt-16-layout/tests/unit/fleet/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "unit")
