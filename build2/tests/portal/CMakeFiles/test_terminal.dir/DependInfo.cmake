
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/tests/portal/sim_harness.c" "tests/portal/CMakeFiles/test_terminal.dir/sim_harness.c.o" "gcc" "tests/portal/CMakeFiles/test_terminal.dir/sim_harness.c.o.d"
  "/work/wt-16-layout/tests/portal/test_terminal.c" "tests/portal/CMakeFiles/test_terminal.dir/test_terminal.c.o" "gcc" "tests/portal/CMakeFiles/test_terminal.dir/test_terminal.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/drivers/terminal/CMakeFiles/kiosk_terminal.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/terminal/CMakeFiles/kiosk_nexo.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
