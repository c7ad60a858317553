# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/crash
# Build directory: /work/wt-16-layout/build2/tests/crash
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[crash.reduced]=] "/work/wt-16-layout/tests/crash/run.sh" "--payments" "12")
set_tests_properties([=[crash.reduced]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "300" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/crash/CMakeLists.txt;2;add_test;/work/wt-16-layout/tests/crash/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "crash")
