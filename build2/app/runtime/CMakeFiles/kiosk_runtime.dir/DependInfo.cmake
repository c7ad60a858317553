
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/app/runtime/access.c" "app/runtime/CMakeFiles/kiosk_runtime.dir/access.c.o" "gcc" "app/runtime/CMakeFiles/kiosk_runtime.dir/access.c.o.d"
  "/work/wt-16-layout/app/runtime/certificate.c" "app/runtime/CMakeFiles/kiosk_runtime.dir/certificate.c.o" "gcc" "app/runtime/CMakeFiles/kiosk_runtime.dir/certificate.c.o.d"
  "/work/wt-16-layout/app/runtime/cli.c" "app/runtime/CMakeFiles/kiosk_runtime.dir/cli.c.o" "gcc" "app/runtime/CMakeFiles/kiosk_runtime.dir/cli.c.o.d"
  "/work/wt-16-layout/app/runtime/control.c" "app/runtime/CMakeFiles/kiosk_runtime.dir/control.c.o" "gcc" "app/runtime/CMakeFiles/kiosk_runtime.dir/control.c.o.d"
  "/work/wt-16-layout/app/runtime/fleet.c" "app/runtime/CMakeFiles/kiosk_runtime.dir/fleet.c.o" "gcc" "app/runtime/CMakeFiles/kiosk_runtime.dir/fleet.c.o.d"
  "/work/wt-16-layout/app/runtime/host.c" "app/runtime/CMakeFiles/kiosk_runtime.dir/host.c.o" "gcc" "app/runtime/CMakeFiles/kiosk_runtime.dir/host.c.o.d"
  "/work/wt-16-layout/app/runtime/input.c" "app/runtime/CMakeFiles/kiosk_runtime.dir/input.c.o" "gcc" "app/runtime/CMakeFiles/kiosk_runtime.dir/input.c.o.d"
  "/work/wt-16-layout/app/runtime/loop.c" "app/runtime/CMakeFiles/kiosk_runtime.dir/loop.c.o" "gcc" "app/runtime/CMakeFiles/kiosk_runtime.dir/loop.c.o.d"
  "/work/wt-16-layout/app/runtime/paths.c" "app/runtime/CMakeFiles/kiosk_runtime.dir/paths.c.o" "gcc" "app/runtime/CMakeFiles/kiosk_runtime.dir/paths.c.o.d"
  "/work/wt-16-layout/app/runtime/settings.c" "app/runtime/CMakeFiles/kiosk_runtime.dir/settings.c.o" "gcc" "app/runtime/CMakeFiles/kiosk_runtime.dir/settings.c.o.d"
  "/work/wt-16-layout/app/runtime/staff.c" "app/runtime/CMakeFiles/kiosk_runtime.dir/staff.c.o" "gcc" "app/runtime/CMakeFiles/kiosk_runtime.dir/staff.c.o.d"
  "/work/wt-16-layout/app/runtime/start.c" "app/runtime/CMakeFiles/kiosk_runtime.dir/start.c.o" "gcc" "app/runtime/CMakeFiles/kiosk_runtime.dir/start.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/CMakeFiles/kiosk_worker.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/service/CMakeFiles/kiosk_service.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/fleet/CMakeFiles/kiosk_fleet.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/update/CMakeFiles/kiosk_update_link.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/screens/CMakeFiles/kiosk_screens.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/a11y/CMakeFiles/kiosk_a11y.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/journey/CMakeFiles/kiosk_journey.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/ui/CMakeFiles/kiosk_ui.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/CMakeFiles/kiosk_config.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/payments/CMakeFiles/kiosk_payments.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/CMakeFiles/kiosk_i18n.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/core/CMakeFiles/kiosk_core.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/terminal/CMakeFiles/kiosk_terminal.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/terminal/CMakeFiles/kiosk_nexo.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/sim/CMakeFiles/kiosk_sim.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/cash/CMakeFiles/kiosk_cash_emu.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/usb/CMakeFiles/kiosk_usb.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/printer/CMakeFiles/kiosk_printer.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/cash/CMakeFiles/kiosk_cash.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/store/CMakeFiles/kiosk_store.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/portal/CMakeFiles/kiosk_portal.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/crypto/CMakeFiles/kiosk_crypto.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/card/CMakeFiles/kiosk_card.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
