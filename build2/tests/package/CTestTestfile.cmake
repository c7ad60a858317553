# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/package
# Build directory: /work/wt-16-layout/build2/tests/package
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[package_deb]=] "/work/wt-16-layout/tests/package/package.sh")
set_tests_properties([=[package_deb]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" LABELS "package" RUN_SERIAL "TRUE" TIMEOUT "300" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/package/CMakeLists.txt;2;add_test;/work/wt-16-layout/tests/package/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "package")
