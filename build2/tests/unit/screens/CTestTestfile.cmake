# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/unit/screens
# Build directory: /work/wt-16-layout/build2/tests/unit/screens
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[unit.screens.draw]=] "/work/wt-16-layout/build2/bin/test_screens_draw")
set_tests_properties([=[unit.screens.draw]=] PROPERTIES  ENVIRONMENT "SDL_VIDEODRIVER=offscreen" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/screens/CMakeLists.txt;9;add_test;/work/wt-16-layout/tests/unit/screens/CMakeLists.txt;0;")
add_test([=[unit.screens.tags]=] "/work/wt-16-layout/build2/bin/test_tags")
set_tests_properties([=[unit.screens.tags]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/unit/screens/CMakeLists.txt;14;add_test;/work/wt-16-layout/tests/unit/screens/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "unit")
