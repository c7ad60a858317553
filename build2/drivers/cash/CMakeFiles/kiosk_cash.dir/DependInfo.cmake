
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/drivers/cash/essp.c" "drivers/cash/CMakeFiles/kiosk_cash.dir/essp.c.o" "gcc" "drivers/cash/CMakeFiles/kiosk_cash.dir/essp.c.o.d"
  "/work/wt-16-layout/drivers/cash/ssp.c" "drivers/cash/CMakeFiles/kiosk_cash.dir/ssp.c.o" "gcc" "drivers/cash/CMakeFiles/kiosk_cash.dir/ssp.c.o.d"
  "/work/wt-16-layout/drivers/cash/validator.c" "drivers/cash/CMakeFiles/kiosk_cash.dir/validator.c.o" "gcc" "drivers/cash/CMakeFiles/kiosk_cash.dir/validator.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
