# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/unit/config
# Build directory: /work/wt-16-layout/build2/tests/unit/config
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[unit.config]=] "/work/wt-16-layout/build2/bin/test_config")
set_tests_properties([=[unit.config]=] PROPERTIES  LABELS "unit" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/config/CMakeLists.txt;4;add_test;/work/wt-16-layout/tests/unit/config/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "unit")
