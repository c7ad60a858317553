
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/app/update/agent.c" "app/update/CMakeFiles/kiosk_update.dir/agent.c.o" "gcc" "app/update/CMakeFiles/kiosk_update.dir/agent.c.o.d"
  "/work/wt-16-layout/app/update/bundle.c" "app/update/CMakeFiles/kiosk_update.dir/bundle.c.o" "gcc" "app/update/CMakeFiles/kiosk_update.dir/bundle.c.o.d"
  "/work/wt-16-layout/app/update/ddi.c" "app/update/CMakeFiles/kiosk_update.dir/ddi.c.o" "gcc" "app/update/CMakeFiles/kiosk_update.dir/ddi.c.o.d"
  "/work/wt-16-layout/app/update/http.c" "app/update/CMakeFiles/kiosk_update.dir/http.c.o" "gcc" "app/update/CMakeFiles/kiosk_update.dir/http.c.o.d"
  "/work/wt-16-layout/app/update/signature.c" "app/update/CMakeFiles/kiosk_update.dir/signature.c.o" "gcc" "app/update/CMakeFiles/kiosk_update.dir/signature.c.o.d"
  "/work/wt-16-layout/app/update/state.c" "app/update/CMakeFiles/kiosk_update.dir/state.c.o" "gcc" "app/update/CMakeFiles/kiosk_update.dir/state.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
