
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/app/ui/layout.c" "app/ui/CMakeFiles/kiosk_ui.dir/layout.c.o" "gcc" "app/ui/CMakeFiles/kiosk_ui.dir/layout.c.o.d"
  "/work/wt-16-layout/app/ui/text_cache.c" "app/ui/CMakeFiles/kiosk_ui.dir/text_cache.c.o" "gcc" "app/ui/CMakeFiles/kiosk_ui.dir/text_cache.c.o.d"
  "/work/wt-16-layout/app/ui/theme.c" "app/ui/CMakeFiles/kiosk_ui.dir/theme.c.o" "gcc" "app/ui/CMakeFiles/kiosk_ui.dir/theme.c.o.d"
  "/work/wt-16-layout/app/ui/ui.c" "app/ui/CMakeFiles/kiosk_ui.dir/ui.c.o" "gcc" "app/ui/CMakeFiles/kiosk_ui.dir/ui.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/CMakeFiles/kiosk_i18n.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
