file(REMOVE_RECURSE
  "CMakeFiles/kiosk_payments.dir/admin.c.o"
  "CMakeFiles/kiosk_payments.dir/admin.c.o.d"
  "CMakeFiles/kiosk_payments.dir/magstripe.c.o"
  "CMakeFiles/kiosk_payments.dir/magstripe.c.o.d"
  "CMakeFiles/kiosk_payments.dir/payment.c.o"
  "CMakeFiles/kiosk_payments.dir/payment.c.o.d"
  "CMakeFiles/kiosk_payments.dir/payments.c.o"
  "CMakeFiles/kiosk_payments.dir/payments.c.o.d"
  "CMakeFiles/kiosk_payments.dir/receipts.c.o"
  "CMakeFiles/kiosk_payments.dir/receipts.c.o.d"
  "CMakeFiles/kiosk_payments.dir/reconcile.c.o"
  "CMakeFiles/kiosk_payments.dir/reconcile.c.o.d"
  "CMakeFiles/kiosk_payments.dir/sync.c.o"
  "CMakeFiles/kiosk_payments.dir/sync.c.o.d"
  "CMakeFiles/kiosk_payments.dir/terminal_tender.c.o"
  "CMakeFiles/kiosk_payments.dir/terminal_tender.c.o.d"
  "libkiosk_payments.a"
  "libkiosk_payments.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_payments.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
