# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/unit/store
# Build directory: /work/wt-16-layout/build2/tests/unit/store
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[journal]=] "/work/wt-16-layout/build2/bin/test_journal")
set_tests_properties([=[journal]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/store/CMakeLists.txt;4;add_test;/work/wt-16-layout/tests/unit/store/CMakeLists.txt;0;")
add_test([=[unit.store.outbox]=] "/work/wt-16-layout/build2/bin/test_outbox")
set_tests_properties([=[unit.store.outbox]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/store/CMakeLists.txt;9;add_test;/work/wt-16-layout/tests/unit/store/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "unit")
