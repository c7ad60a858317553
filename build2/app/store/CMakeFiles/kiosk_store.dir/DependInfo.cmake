
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/app/store/audit.c" "app/store/CMakeFiles/kiosk_store.dir/audit.c.o" "gcc" "app/store/CMakeFiles/kiosk_store.dir/audit.c.o.d"
  "/work/wt-16-layout/app/store/journal.c" "app/store/CMakeFiles/kiosk_store.dir/journal.c.o" "gcc" "app/store/CMakeFiles/kiosk_store.dir/journal.c.o.d"
  "/work/wt-16-layout/app/store/outbox.c" "app/store/CMakeFiles/kiosk_store.dir/outbox.c.o" "gcc" "app/store/CMakeFiles/kiosk_store.dir/outbox.c.o.d"
  "/work/wt-16-layout/app/store/staff_pin.c" "app/store/CMakeFiles/kiosk_store.dir/staff_pin.c.o" "gcc" "app/store/CMakeFiles/kiosk_store.dir/staff_pin.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
