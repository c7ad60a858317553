
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/app/payments/admin.c" "app/payments/CMakeFiles/kiosk_payments.dir/admin.c.o" "gcc" "app/payments/CMakeFiles/kiosk_payments.dir/admin.c.o.d"
  "/work/wt-16-layout/app/payments/magstripe.c" "app/payments/CMakeFiles/kiosk_payments.dir/magstripe.c.o" "gcc" "app/payments/CMakeFiles/kiosk_payments.dir/magstripe.c.o.d"
  "/work/wt-16-layout/app/payments/payment.c" "app/payments/CMakeFiles/kiosk_payments.dir/payment.c.o" "gcc" "app/payments/CMakeFiles/kiosk_payments.dir/payment.c.o.d"
  "/work/wt-16-layout/app/payments/payments.c" "app/payments/CMakeFiles/kiosk_payments.dir/payments.c.o" "gcc" "app/payments/CMakeFiles/kiosk_payments.dir/payments.c.o.d"
  "/work/wt-16-layout/app/payments/receipts.c" "app/payments/CMakeFiles/kiosk_payments.dir/receipts.c.o" "gcc" "app/payments/CMakeFiles/kiosk_payments.dir/receipts.c.o.d"
  "/work/wt-16-layout/app/payments/reconcile.c" "app/payments/CMakeFiles/kiosk_payments.dir/reconcile.c.o" "gcc" "app/payments/CMakeFiles/kiosk_payments.dir/reconcile.c.o.d"
  "/work/wt-16-layout/app/payments/sync.c" "app/payments/CMakeFiles/kiosk_payments.dir/sync.c.o" "gcc" "app/payments/CMakeFiles/kiosk_payments.dir/sync.c.o.d"
  "/work/wt-16-layout/app/payments/terminal_tender.c" "app/payments/CMakeFiles/kiosk_payments.dir/terminal_tender.c.o" "gcc" "app/payments/CMakeFiles/kiosk_payments.dir/terminal_tender.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/CMakeFiles/kiosk_i18n.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/core/CMakeFiles/kiosk_core.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/store/CMakeFiles/kiosk_store.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/portal/CMakeFiles/kiosk_portal.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/crypto/CMakeFiles/kiosk_crypto.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/card/CMakeFiles/kiosk_card.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/printer/CMakeFiles/kiosk_printer.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/sim/CMakeFiles/kiosk_sim.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/terminal/CMakeFiles/kiosk_terminal.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/cash/CMakeFiles/kiosk_cash_emu.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/cash/CMakeFiles/kiosk_cash.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/terminal/CMakeFiles/kiosk_nexo.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
