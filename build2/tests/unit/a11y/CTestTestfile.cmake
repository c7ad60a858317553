# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/unit/a11y
# Build directory: /work/wt-16-layout/build2/tests/unit/a11y
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[unit.a11y.theme]=] "/work/wt-16-layout/build2/bin/test_theme")
set_tests_properties([=[unit.a11y.theme]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/a11y/CMakeLists.txt;4;add_test;/work/wt-16-layout/tests/unit/a11y/CMakeLists.txt;0;")
add_test([=[unit.a11y.keypad]=] "/work/wt-16-layout/build2/bin/test_keypad")
set_tests_properties([=[unit.a11y.keypad]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/a11y/CMakeLists.txt;8;add_test;/work/wt-16-layout/tests/unit/a11y/CMakeLists.txt;0;")
add_test([=[unit.a11y.speech]=] "/work/wt-16-layout/build2/bin/test_speech")
set_tests_properties([=[unit.a11y.speech]=] PROPERTIES  ENVIRONMENT "SDL_AUDIODRIVER=dummy" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/a11y/CMakeLists.txt;12;add_test;/work/wt-16-layout/tests/unit/a11y/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "unit")
