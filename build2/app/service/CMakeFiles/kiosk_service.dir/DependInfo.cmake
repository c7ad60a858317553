
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/app/service/corner.c" "app/service/CMakeFiles/kiosk_service.dir/corner.c.o" "gcc" "app/service/CMakeFiles/kiosk_service.dir/corner.c.o.d"
  "/work/wt-16-layout/app/service/ctl_commands.c" "app/service/CMakeFiles/kiosk_service.dir/ctl_commands.c.o" "gcc" "app/service/CMakeFiles/kiosk_service.dir/ctl_commands.c.o.d"
  "/work/wt-16-layout/app/service/ctl_server.c" "app/service/CMakeFiles/kiosk_service.dir/ctl_server.c.o" "gcc" "app/service/CMakeFiles/kiosk_service.dir/ctl_server.c.o.d"
  "/work/wt-16-layout/app/service/service_worker.c" "app/service/CMakeFiles/kiosk_service.dir/service_worker.c.o" "gcc" "app/service/CMakeFiles/kiosk_service.dir/service_worker.c.o.d"
  "/work/wt-16-layout/app/service/snapshot.c" "app/service/CMakeFiles/kiosk_service.dir/snapshot.c.o" "gcc" "app/service/CMakeFiles/kiosk_service.dir/snapshot.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/payments/CMakeFiles/kiosk_payments.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/CMakeFiles/kiosk_config.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/core/CMakeFiles/kiosk_core.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/store/CMakeFiles/kiosk_store.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/portal/CMakeFiles/kiosk_portal.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/crypto/CMakeFiles/kiosk_crypto.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/sim/CMakeFiles/kiosk_sim.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/cash/CMakeFiles/kiosk_cash_emu.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/terminal/CMakeFiles/kiosk_terminal.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/terminal/CMakeFiles/kiosk_nexo.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/a11y/CMakeFiles/kiosk_a11y.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/ui/CMakeFiles/kiosk_ui.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/CMakeFiles/kiosk_i18n.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/usb/CMakeFiles/kiosk_usb.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/card/CMakeFiles/kiosk_card.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/printer/CMakeFiles/kiosk_printer.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/cash/CMakeFiles/kiosk_cash.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
