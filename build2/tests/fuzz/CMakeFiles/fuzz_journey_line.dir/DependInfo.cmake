
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/app/journey/runner.c" "tests/fuzz/CMakeFiles/fuzz_journey_line.dir/__/__/app/journey/runner.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_journey_line.dir/__/__/app/journey/runner.c.o.d"
  "/work/wt-16-layout/tests/fuzz/fuzz_journey_line.c" "tests/fuzz/CMakeFiles/fuzz_journey_line.dir/fuzz_journey_line.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_journey_line.dir/fuzz_journey_line.c.o.d"
  "/work/wt-16-layout/tests/fuzz/replay_main.c" "tests/fuzz/CMakeFiles/fuzz_journey_line.dir/replay_main.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_journey_line.dir/replay_main.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
