# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/soak
# Build directory: /work/wt-16-layout/build2/tests/soak
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[soak.50-journeys]=] "/work/wt-16-layout/tests/soak/soak.sh" "50")
set_tests_properties([=[soak.50-journeys]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "300" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/soak/CMakeLists.txt;2;add_test;/work/wt-16-layout/tests/soak/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "soak")
