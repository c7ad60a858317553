# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/unit/payments
# Build directory: /work/wt-16-layout/build2/tests/unit/payments
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[unit.payments.machine]=] "/work/wt-16-layout/build2/bin/test_payment")
set_tests_properties([=[unit.payments.machine]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/payments/CMakeLists.txt;5;add_test;/work/wt-16-layout/tests/unit/payments/CMakeLists.txt;0;")
add_test([=[unit.payments.service]=] "/work/wt-16-layout/build2/bin/test_payments")
set_tests_properties([=[unit.payments.service]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/payments/CMakeLists.txt;9;add_test;/work/wt-16-layout/tests/unit/payments/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "unit")
