
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/app/core/account.c" "app/core/CMakeFiles/kiosk_core.dir/account.c.o" "gcc" "app/core/CMakeFiles/kiosk_core.dir/account.c.o.d"
  "/work/wt-16-layout/app/core/core.c" "app/core/CMakeFiles/kiosk_core.dir/core.c.o" "gcc" "app/core/CMakeFiles/kiosk_core.dir/core.c.o.d"
  "/work/wt-16-layout/app/core/money.c" "app/core/CMakeFiles/kiosk_core.dir/money.c.o" "gcc" "app/core/CMakeFiles/kiosk_core.dir/money.c.o.d"
  "/work/wt-16-layout/app/core/screen_table.c" "app/core/CMakeFiles/kiosk_core.dir/screen_table.c.o" "gcc" "app/core/CMakeFiles/kiosk_core.dir/screen_table.c.o.d"
  "/work/wt-16-layout/app/core/service.c" "app/core/CMakeFiles/kiosk_core.dir/service.c.o" "gcc" "app/core/CMakeFiles/kiosk_core.dir/service.c.o.d"
  "/work/wt-16-layout/app/core/validate.c" "app/core/CMakeFiles/kiosk_core.dir/validate.c.o" "gcc" "app/core/CMakeFiles/kiosk_core.dir/validate.c.o.d"
  "/work/wt-16-layout/app/core/wedge_guard.c" "app/core/CMakeFiles/kiosk_core.dir/wedge_guard.c.o" "gcc" "app/core/CMakeFiles/kiosk_core.dir/wedge_guard.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
