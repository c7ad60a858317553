
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/tests/unit/screens/test_screens_draw.c" "tests/unit/screens/CMakeFiles/test_screens_draw.dir/test_screens_draw.c.o" "gcc" "tests/unit/screens/CMakeFiles/test_screens_draw.dir/test_screens_draw.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/screens/CMakeFiles/kiosk_screens.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/ui/CMakeFiles/kiosk_ui.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/core/CMakeFiles/kiosk_core.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/CMakeFiles/kiosk_i18n.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
