# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/unit/drivers
# Build directory: /work/wt-16-layout/build2/tests/unit/drivers
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[card]=] "/work/wt-16-layout/build2/bin/test_card")
set_tests_properties([=[card]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;6;add_test;/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;0;")
add_test([=[receipt]=] "/work/wt-16-layout/build2/bin/test_receipt")
set_tests_properties([=[receipt]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;10;add_test;/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;0;")
add_test([=[sim_reader]=] "/work/wt-16-layout/build2/bin/test_sim_reader")
set_tests_properties([=[sim_reader]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;14;add_test;/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;0;")
add_test([=[sim_printer]=] "/work/wt-16-layout/build2/bin/test_sim_printer")
set_tests_properties([=[sim_printer]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;21;add_test;/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;0;")
add_test([=[escpos]=] "/work/wt-16-layout/build2/bin/test_escpos")
set_tests_properties([=[escpos]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;25;add_test;/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;0;")
add_test([=[card_readers]=] "/work/wt-16-layout/build2/bin/test_card_readers")
set_tests_properties([=[card_readers]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;30;add_test;/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;0;")
add_test([=[printer_profiles]=] "/work/wt-16-layout/build2/bin/test_printer_profiles")
set_tests_properties([=[printer_profiles]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;37;add_test;/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;0;")
add_test([=[dukpt]=] "/work/wt-16-layout/build2/bin/test_dukpt")
set_tests_properties([=[dukpt]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;43;add_test;/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;0;")
add_test([=[ssp]=] "/work/wt-16-layout/build2/bin/test_ssp")
set_tests_properties([=[ssp]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;47;add_test;/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;0;")
add_test([=[validator]=] "/work/wt-16-layout/build2/bin/test_validator")
set_tests_properties([=[validator]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;51;add_test;/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;0;")
add_test([=[sim_cash]=] "/work/wt-16-layout/build2/bin/test_sim_cash")
set_tests_properties([=[sim_cash]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;55;add_test;/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;0;")
add_test([=[nexo]=] "/work/wt-16-layout/build2/bin/test_nexo")
set_tests_properties([=[nexo]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;60;add_test;/work/wt-16-layout/tests/unit/drivers/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "unit")
