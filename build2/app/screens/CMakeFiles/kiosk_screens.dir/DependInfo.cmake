
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/app/screens/account_proof.c" "app/screens/CMakeFiles/kiosk_screens.dir/account_proof.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/account_proof.c.o.d"
  "/work/wt-16-layout/app/screens/autopay.c" "app/screens/CMakeFiles/kiosk_screens.dir/autopay.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/autopay.c.o.d"
  "/work/wt-16-layout/app/screens/bill_summary.c" "app/screens/CMakeFiles/kiosk_screens.dir/bill_summary.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/bill_summary.c.o.d"
  "/work/wt-16-layout/app/screens/bills_payments.c" "app/screens/CMakeFiles/kiosk_screens.dir/bills_payments.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/bills_payments.c.o.d"
  "/work/wt-16-layout/app/screens/chrome.c" "app/screens/CMakeFiles/kiosk_screens.dir/chrome.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/chrome.c.o.d"
  "/work/wt-16-layout/app/screens/guest_lookup.c" "app/screens/CMakeFiles/kiosk_screens.dir/guest_lookup.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/guest_lookup.c.o.d"
  "/work/wt-16-layout/app/screens/home.c" "app/screens/CMakeFiles/kiosk_screens.dir/home.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/home.c.o.d"
  "/work/wt-16-layout/app/screens/link_account.c" "app/screens/CMakeFiles/kiosk_screens.dir/link_account.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/link_account.c.o.d"
  "/work/wt-16-layout/app/screens/out_of_service.c" "app/screens/CMakeFiles/kiosk_screens.dir/out_of_service.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/out_of_service.c.o.d"
  "/work/wt-16-layout/app/screens/paperless.c" "app/screens/CMakeFiles/kiosk_screens.dir/paperless.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/paperless.c.o.d"
  "/work/wt-16-layout/app/screens/pay_amount.c" "app/screens/CMakeFiles/kiosk_screens.dir/pay_amount.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/pay_amount.c.o.d"
  "/work/wt-16-layout/app/screens/pay_card.c" "app/screens/CMakeFiles/kiosk_screens.dir/pay_card.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/pay_card.c.o.d"
  "/work/wt-16-layout/app/screens/pay_result.c" "app/screens/CMakeFiles/kiosk_screens.dir/pay_result.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/pay_result.c.o.d"
  "/work/wt-16-layout/app/screens/register.c" "app/screens/CMakeFiles/kiosk_screens.dir/register.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/register.c.o.d"
  "/work/wt-16-layout/app/screens/screen_table.c" "app/screens/CMakeFiles/kiosk_screens.dir/screen_table.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/screen_table.c.o.d"
  "/work/wt-16-layout/app/screens/service.c" "app/screens/CMakeFiles/kiosk_screens.dir/service.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/service.c.o.d"
  "/work/wt-16-layout/app/screens/sign_in.c" "app/screens/CMakeFiles/kiosk_screens.dir/sign_in.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/sign_in.c.o.d"
  "/work/wt-16-layout/app/screens/tags.c" "app/screens/CMakeFiles/kiosk_screens.dir/tags.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/tags.c.o.d"
  "/work/wt-16-layout/app/screens/utility_bill.c" "app/screens/CMakeFiles/kiosk_screens.dir/utility_bill.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/utility_bill.c.o.d"
  "/work/wt-16-layout/app/screens/verify_email.c" "app/screens/CMakeFiles/kiosk_screens.dir/verify_email.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/verify_email.c.o.d"
  "/work/wt-16-layout/app/screens/welcome.c" "app/screens/CMakeFiles/kiosk_screens.dir/welcome.c.o" "gcc" "app/screens/CMakeFiles/kiosk_screens.dir/welcome.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/ui/CMakeFiles/kiosk_ui.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/core/CMakeFiles/kiosk_core.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/CMakeFiles/kiosk_i18n.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
