
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/tests/unit/payments/test_payments.c" "tests/unit/payments/CMakeFiles/test_payments.dir/test_payments.c.o" "gcc" "tests/unit/payments/CMakeFiles/test_payments.dir/test_payments.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/payments/CMakeFiles/kiosk_payments.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/CMakeFiles/kiosk_i18n.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/core/CMakeFiles/kiosk_core.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/store/CMakeFiles/kiosk_store.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/portal/CMakeFiles/kiosk_portal.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/crypto/CMakeFiles/kiosk_crypto.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/sim/CMakeFiles/kiosk_sim.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/card/CMakeFiles/kiosk_card.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/printer/CMakeFiles/kiosk_printer.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/cash/CMakeFiles/kiosk_cash_emu.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/cash/CMakeFiles/kiosk_cash.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/terminal/CMakeFiles/kiosk_terminal.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/terminal/CMakeFiles/kiosk_nexo.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
