
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/tools/portal-sim/api.c" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/api.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/api.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/cards.c" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/cards.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/cards.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/db.c" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/db.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/db.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/dukpt.c" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/dukpt.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/dukpt.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/match.c" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/match.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/match.c.o.d"
  "/work/wt-16-layout/tests/fuzz/fuzz_portal_sim_api.c" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/fuzz_portal_sim_api.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/fuzz_portal_sim_api.c.o.d"
  "/work/wt-16-layout/tests/fuzz/replay_main.c" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/replay_main.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_portal_sim_api.dir/replay_main.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
