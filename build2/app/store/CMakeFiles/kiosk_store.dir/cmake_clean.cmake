file(REMOVE_RECURSE
  "CMakeFiles/kiosk_store.dir/audit.c.o"
  "CMakeFiles/kiosk_store.dir/audit.c.o.d"
  "CMakeFiles/kiosk_store.dir/journal.c.o"
  "CMakeFiles/kiosk_store.dir/journal.c.o.d"
  "CMakeFiles/kiosk_store.dir/outbox.c.o"
  "CMakeFiles/kiosk_store.dir/outbox.c.o.d"
  "CMakeFiles/kiosk_store.dir/staff_pin.c.o"
  "CMakeFiles/kiosk_store.dir/staff_pin.c.o.d"
  "libkiosk_store.a"
  "libkiosk_store.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_store.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
