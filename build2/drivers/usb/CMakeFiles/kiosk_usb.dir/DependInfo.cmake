
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/drivers/usb/usbcash.c" "drivers/usb/CMakeFiles/kiosk_usb.dir/usbcash.c.o" "gcc" "drivers/usb/CMakeFiles/kiosk_usb.dir/usbcash.c.o.d"
  "/work/wt-16-layout/drivers/usb/usbdev.c" "drivers/usb/CMakeFiles/kiosk_usb.dir/usbdev.c.o" "gcc" "drivers/usb/CMakeFiles/kiosk_usb.dir/usbdev.c.o.d"
  "/work/wt-16-layout/drivers/usb/usbprn.c" "drivers/usb/CMakeFiles/kiosk_usb.dir/usbprn.c.o" "gcc" "drivers/usb/CMakeFiles/kiosk_usb.dir/usbprn.c.o.d"
  "/work/wt-16-layout/drivers/usb/usbrdr.c" "drivers/usb/CMakeFiles/kiosk_usb.dir/usbrdr.c.o" "gcc" "drivers/usb/CMakeFiles/kiosk_usb.dir/usbrdr.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/drivers/card/CMakeFiles/kiosk_card.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/cash/CMakeFiles/kiosk_cash.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/printer/CMakeFiles/kiosk_printer.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
