
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/app/fleet/kiosk-enroll.c" "app/fleet/CMakeFiles/kiosk-enroll.dir/kiosk-enroll.c.o" "gcc" "app/fleet/CMakeFiles/kiosk-enroll.dir/kiosk-enroll.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/fleet/CMakeFiles/kiosk_fleet.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/CMakeFiles/kiosk_config.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/a11y/CMakeFiles/kiosk_a11y.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/ui/CMakeFiles/kiosk_ui.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/CMakeFiles/kiosk_i18n.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/usb/CMakeFiles/kiosk_usb.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/cash/CMakeFiles/kiosk_cash.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/printer/CMakeFiles/kiosk_printer.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/portal/CMakeFiles/kiosk_portal.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/crypto/CMakeFiles/kiosk_crypto.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/card/CMakeFiles/kiosk_card.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/store/CMakeFiles/kiosk_store.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/core/CMakeFiles/kiosk_core.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
