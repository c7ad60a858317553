# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/money
# Build directory: /work/wt-16-layout/build2/tests/money
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[money.fault.latency]=] "/work/wt-16-layout/tests/money/faults.sh" "latency")
set_tests_properties([=[money.fault.latency]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/money/CMakeLists.txt;7;add_test;/work/wt-16-layout/tests/money/CMakeLists.txt;0;")
add_test([=[money.fault.drop-before-commit-once]=] "/work/wt-16-layout/tests/money/faults.sh" "drop-before-commit-once")
set_tests_properties([=[money.fault.drop-before-commit-once]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/money/CMakeLists.txt;7;add_test;/work/wt-16-layout/tests/money/CMakeLists.txt;0;")
add_test([=[money.fault.drop-before-commit-always]=] "/work/wt-16-layout/tests/money/faults.sh" "drop-before-commit-always")
set_tests_properties([=[money.fault.drop-before-commit-always]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/money/CMakeLists.txt;7;add_test;/work/wt-16-layout/tests/money/CMakeLists.txt;0;")
add_test([=[money.fault.drop-after-commit-once]=] "/work/wt-16-layout/tests/money/faults.sh" "drop-after-commit-once")
set_tests_properties([=[money.fault.drop-after-commit-once]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/money/CMakeLists.txt;7;add_test;/work/wt-16-layout/tests/money/CMakeLists.txt;0;")
add_test([=[money.fault.drop-after-commit-always]=] "/work/wt-16-layout/tests/money/faults.sh" "drop-after-commit-always")
set_tests_properties([=[money.fault.drop-after-commit-always]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/money/CMakeLists.txt;7;add_test;/work/wt-16-layout/tests/money/CMakeLists.txt;0;")
add_test([=[money.fault.http500-once]=] "/work/wt-16-layout/tests/money/faults.sh" "http500-once")
set_tests_properties([=[money.fault.http500-once]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/money/CMakeLists.txt;7;add_test;/work/wt-16-layout/tests/money/CMakeLists.txt;0;")
add_test([=[money.fault.http500-always]=] "/work/wt-16-layout/tests/money/faults.sh" "http500-always")
set_tests_properties([=[money.fault.http500-always]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/money/CMakeLists.txt;7;add_test;/work/wt-16-layout/tests/money/CMakeLists.txt;0;")
add_test([=[money.fault.malformed-json-once]=] "/work/wt-16-layout/tests/money/faults.sh" "malformed-json-once")
set_tests_properties([=[money.fault.malformed-json-once]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/money/CMakeLists.txt;7;add_test;/work/wt-16-layout/tests/money/CMakeLists.txt;0;")
add_test([=[money.fault.malformed-json-always]=] "/work/wt-16-layout/tests/money/faults.sh" "malformed-json-always")
set_tests_properties([=[money.fault.malformed-json-always]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/money/CMakeLists.txt;7;add_test;/work/wt-16-layout/tests/money/CMakeLists.txt;0;")
add_test([=[money.fault.slow-body-once]=] "/work/wt-16-layout/tests/money/faults.sh" "slow-body-once")
set_tests_properties([=[money.fault.slow-body-once]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/money/CMakeLists.txt;7;add_test;/work/wt-16-layout/tests/money/CMakeLists.txt;0;")
add_test([=[money.fault.declined-drop-after-commit]=] "/work/wt-16-layout/tests/money/faults.sh" "declined-drop-after-commit")
set_tests_properties([=[money.fault.declined-drop-after-commit]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/money/CMakeLists.txt;7;add_test;/work/wt-16-layout/tests/money/CMakeLists.txt;0;")
add_test([=[money.no-card-data-kept]=] "/work/wt-16-layout/tests/money/card-data.sh")
set_tests_properties([=[money.no-card-data-kept]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/money/CMakeLists.txt;12;add_test;/work/wt-16-layout/tests/money/CMakeLists.txt;0;")
add_test([=[money.reprint-and-list]=] "/work/wt-16-layout/tests/money/reprint.sh")
set_tests_properties([=[money.reprint-and-list]=] PROPERTIES  ENVIRONMENT "KIOSK_BUILD=/work/wt-16-layout/build2" TIMEOUT "120" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/money/CMakeLists.txt;16;add_test;/work/wt-16-layout/tests/money/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "money")
