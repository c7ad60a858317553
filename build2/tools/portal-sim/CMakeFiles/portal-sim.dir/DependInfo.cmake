
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/tools/portal-sim/api.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/api.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/api.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/bills.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/bills.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/bills.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/cards.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/cards.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/cards.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/db.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/db.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/db.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/enroll.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/enroll.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/enroll.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/fleet.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/fleet.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/fleet.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/ledger.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/ledger.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/ledger.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/mail.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/mail.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/mail.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/main.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/main.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/main.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/match.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/match.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/match.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/password.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/password.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/password.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/residents.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/residents.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/residents.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/rstore.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/rstore.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/rstore.c.o.d"
  "/work/wt-16-layout/tools/portal-sim/server.c" "tools/portal-sim/CMakeFiles/portal-sim.dir/server.c.o" "gcc" "tools/portal-sim/CMakeFiles/portal-sim.dir/server.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/tools/simhttp/CMakeFiles/kiosk_simhttp.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/tools/portal-sim/CMakeFiles/kiosk_dukpt.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
