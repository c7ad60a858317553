# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/fleet
# Build directory: /work/wt-16-layout/build2/tests/fleet
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[fleet_enroll]=] "/work/wt-16-layout/tests/fleet/enroll.sh")
set_tests_properties([=[fleet_enroll]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" LABELS "fleet" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/fleet/CMakeLists.txt;2;add_test;/work/wt-16-layout/tests/fleet/CMakeLists.txt;0;")
add_test([=[fleet_out-of-service]=] "/work/wt-16-layout/tests/fleet/out-of-service.sh")
set_tests_properties([=[fleet_out-of-service]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" LABELS "fleet" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/fleet/CMakeLists.txt;8;add_test;/work/wt-16-layout/tests/fleet/CMakeLists.txt;0;")
add_test([=[fleet_remote-config]=] "/work/wt-16-layout/tests/fleet/remote-config.sh")
set_tests_properties([=[fleet_remote-config]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" LABELS "fleet" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/fleet/CMakeLists.txt;8;add_test;/work/wt-16-layout/tests/fleet/CMakeLists.txt;0;")
add_test([=[fleet_identity]=] "/work/wt-16-layout/tests/fleet/identity.sh")
set_tests_properties([=[fleet_identity]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" LABELS "fleet" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/fleet/CMakeLists.txt;8;add_test;/work/wt-16-layout/tests/fleet/CMakeLists.txt;0;")
add_test([=[fleet_kiosk-id-binding]=] "/work/wt-16-layout/tests/fleet/kiosk-id-binding.sh")
set_tests_properties([=[fleet_kiosk-id-binding]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" LABELS "fleet" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/fleet/CMakeLists.txt;8;add_test;/work/wt-16-layout/tests/fleet/CMakeLists.txt;0;")
add_test([=[fleet_enroll-tls]=] "/work/wt-16-layout/tests/fleet/enroll-tls.sh")
set_tests_properties([=[fleet_enroll-tls]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" LABELS "fleet" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/fleet/CMakeLists.txt;8;add_test;/work/wt-16-layout/tests/fleet/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "fleet")
