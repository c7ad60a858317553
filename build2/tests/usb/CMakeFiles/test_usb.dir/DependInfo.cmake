
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/tests/usb/mockusb.c" "tests/usb/CMakeFiles/test_usb.dir/mockusb.c.o" "gcc" "tests/usb/CMakeFiles/test_usb.dir/mockusb.c.o.d"
  "/work/wt-16-layout/tests/usb/test_usb.c" "tests/usb/CMakeFiles/test_usb.dir/test_usb.c.o" "gcc" "tests/usb/CMakeFiles/test_usb.dir/test_usb.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/drivers/usb/CMakeFiles/kiosk_usb.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/cash/CMakeFiles/kiosk_cash_emu.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/tests/CMakeFiles/kiosk_test_magnesafe.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/card/CMakeFiles/kiosk_card.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/printer/CMakeFiles/kiosk_printer.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/cash/CMakeFiles/kiosk_cash.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/tools/portal-sim/CMakeFiles/kiosk_dukpt.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
