# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/unit/common
# Build directory: /work/wt-16-layout/build2/tests/unit/common
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[unit.common.log]=] "/work/wt-16-layout/build2/bin/test_log")
set_tests_properties([=[unit.common.log]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/common/CMakeLists.txt;5;add_test;/work/wt-16-layout/tests/unit/common/CMakeLists.txt;0;")
add_test([=[unit.common.inbox]=] "/work/wt-16-layout/build2/bin/test_inbox")
set_tests_properties([=[unit.common.inbox]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/common/CMakeLists.txt;9;add_test;/work/wt-16-layout/tests/unit/common/CMakeLists.txt;0;")
add_test([=[unit.common.https]=] "/work/wt-16-layout/build2/bin/test_common")
set_tests_properties([=[unit.common.https]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/common/CMakeLists.txt;13;add_test;/work/wt-16-layout/tests/unit/common/CMakeLists.txt;0;")
add_test([=[unit.common.billcode]=] "/work/wt-16-layout/build2/bin/test_billcode")
set_tests_properties([=[unit.common.billcode]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/common/CMakeLists.txt;18;add_test;/work/wt-16-layout/tests/unit/common/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "unit")
