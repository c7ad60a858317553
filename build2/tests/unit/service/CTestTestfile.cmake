# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/unit/service
# Build directory: /work/wt-16-layout/build2/tests/unit/service
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[unit.service]=] "/work/wt-16-layout/build2/bin/test_service")
set_tests_properties([=[unit.service]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/service/CMakeLists.txt;5;add_test;/work/wt-16-layout/tests/unit/service/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "unit")
