
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/tools/kiosk-sign/kiosk-sign.c" "tools/kiosk-sign/CMakeFiles/kiosk-sign.dir/kiosk-sign.c.o" "gcc" "tools/kiosk-sign/CMakeFiles/kiosk-sign.dir/kiosk-sign.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/update/CMakeFiles/kiosk_update.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
