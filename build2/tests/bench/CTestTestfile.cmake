# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/bench
# Build directory: /work/wt-16-layout/build2/tests/bench
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[bench.idle-cpu]=] "/work/wt-16-layout/tests/bench/idle-cpu.sh")
set_tests_properties([=[bench.idle-cpu]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "60" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/bench/CMakeLists.txt;12;add_test;/work/wt-16-layout/tests/bench/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "bench")
