# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/unit/core
# Build directory: /work/wt-16-layout/build2/tests/unit/core
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[unit.core]=] "/work/wt-16-layout/build2/bin/test_core")
set_tests_properties([=[unit.core]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/core/CMakeLists.txt;4;add_test;/work/wt-16-layout/tests/unit/core/CMakeLists.txt;0;")
add_test([=[unit.core.money]=] "/work/wt-16-layout/build2/bin/test_money")
set_tests_properties([=[unit.core.money]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/core/CMakeLists.txt;8;add_test;/work/wt-16-layout/tests/unit/core/CMakeLists.txt;0;")
add_test([=[unit.core.validate]=] "/work/wt-16-layout/build2/bin/test_validate")
set_tests_properties([=[unit.core.validate]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/core/CMakeLists.txt;12;add_test;/work/wt-16-layout/tests/unit/core/CMakeLists.txt;0;")
add_test([=[unit.core.out-of-service]=] "/work/wt-16-layout/build2/bin/test_out_of_service")
set_tests_properties([=[unit.core.out-of-service]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/core/CMakeLists.txt;16;add_test;/work/wt-16-layout/tests/unit/core/CMakeLists.txt;0;")
add_test([=[unit.core.screen-table]=] "/work/wt-16-layout/build2/bin/test_screen_table")
set_tests_properties([=[unit.core.screen-table]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/core/CMakeLists.txt;20;add_test;/work/wt-16-layout/tests/unit/core/CMakeLists.txt;0;")
add_test([=[unit.core.wedge-guard]=] "/work/wt-16-layout/build2/bin/test_wedge_guard")
set_tests_properties([=[unit.core.wedge-guard]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/core/CMakeLists.txt;24;add_test;/work/wt-16-layout/tests/unit/core/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "unit")
