
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/app/common/billcode.c" "app/common/CMakeFiles/kiosk_common.dir/billcode.c.o" "gcc" "app/common/CMakeFiles/kiosk_common.dir/billcode.c.o.d"
  "/work/wt-16-layout/app/common/clock.c" "app/common/CMakeFiles/kiosk_common.dir/clock.c.o" "gcc" "app/common/CMakeFiles/kiosk_common.dir/clock.c.o.d"
  "/work/wt-16-layout/app/common/crashpoint.c" "app/common/CMakeFiles/kiosk_common.dir/crashpoint.c.o" "gcc" "app/common/CMakeFiles/kiosk_common.dir/crashpoint.c.o.d"
  "/work/wt-16-layout/app/common/err.c" "app/common/CMakeFiles/kiosk_common.dir/err.c.o" "gcc" "app/common/CMakeFiles/kiosk_common.dir/err.c.o.d"
  "/work/wt-16-layout/app/common/fsutil.c" "app/common/CMakeFiles/kiosk_common.dir/fsutil.c.o" "gcc" "app/common/CMakeFiles/kiosk_common.dir/fsutil.c.o.d"
  "/work/wt-16-layout/app/common/https.c" "app/common/CMakeFiles/kiosk_common.dir/https.c.o" "gcc" "app/common/CMakeFiles/kiosk_common.dir/https.c.o.d"
  "/work/wt-16-layout/app/common/inbox.c" "app/common/CMakeFiles/kiosk_common.dir/inbox.c.o" "gcc" "app/common/CMakeFiles/kiosk_common.dir/inbox.c.o.d"
  "/work/wt-16-layout/app/common/log.c" "app/common/CMakeFiles/kiosk_common.dir/log.c.o" "gcc" "app/common/CMakeFiles/kiosk_common.dir/log.c.o.d"
  "/work/wt-16-layout/app/common/rand.c" "app/common/CMakeFiles/kiosk_common.dir/rand.c.o" "gcc" "app/common/CMakeFiles/kiosk_common.dir/rand.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
