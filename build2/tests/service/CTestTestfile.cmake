# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/service
# Build directory: /work/wt-16-layout/build2/tests/service
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[service.kioskctl]=] "/work/wt-16-layout/tests/service/kioskctl.sh")
set_tests_properties([=[service.kioskctl]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "240" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/service/CMakeLists.txt;2;add_test;/work/wt-16-layout/tests/service/CMakeLists.txt;0;")
add_test([=[service.live-settings]=] "/work/wt-16-layout/tests/service/live-settings.sh")
set_tests_properties([=[service.live-settings]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/service/CMakeLists.txt;6;add_test;/work/wt-16-layout/tests/service/CMakeLists.txt;0;")
add_test([=[service.pin-policy]=] "/work/wt-16-layout/tests/service/pin-policy.sh")
set_tests_properties([=[service.pin-policy]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "240" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/service/CMakeLists.txt;12;add_test;/work/wt-16-layout/tests/service/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "service")
