
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/tools/terminal-sim/ledger.c" "tests/fuzz/CMakeFiles/fuzz_terminal_sim_request.dir/__/__/tools/terminal-sim/ledger.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_terminal_sim_request.dir/__/__/tools/terminal-sim/ledger.c.o.d"
  "/work/wt-16-layout/tools/terminal-sim/poi.c" "tests/fuzz/CMakeFiles/fuzz_terminal_sim_request.dir/__/__/tools/terminal-sim/poi.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_terminal_sim_request.dir/__/__/tools/terminal-sim/poi.c.o.d"
  "/work/wt-16-layout/tests/fuzz/fuzz_terminal_sim_request.c" "tests/fuzz/CMakeFiles/fuzz_terminal_sim_request.dir/fuzz_terminal_sim_request.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_terminal_sim_request.dir/fuzz_terminal_sim_request.c.o.d"
  "/work/wt-16-layout/tests/fuzz/replay_main.c" "tests/fuzz/CMakeFiles/fuzz_terminal_sim_request.dir/replay_main.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_terminal_sim_request.dir/replay_main.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/drivers/terminal/CMakeFiles/kiosk_nexo.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/tools/simhttp/CMakeFiles/kiosk_simhttp.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
