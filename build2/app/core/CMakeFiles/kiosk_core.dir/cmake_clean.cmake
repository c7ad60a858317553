file(REMOVE_RECURSE
  "CMakeFiles/kiosk_core.dir/account.c.o"
  "CMakeFiles/kiosk_core.dir/account.c.o.d"
  "CMakeFiles/kiosk_core.dir/core.c.o"
  "CMakeFiles/kiosk_core.dir/core.c.o.d"
  "CMakeFiles/kiosk_core.dir/money.c.o"
  "CMakeFiles/kiosk_core.dir/money.c.o.d"
  "CMakeFiles/kiosk_core.dir/screen_table.c.o"
  "CMakeFiles/kiosk_core.dir/screen_table.c.o.d"
  "CMakeFiles/kiosk_core.dir/service.c.o"
  "CMakeFiles/kiosk_core.dir/service.c.o.d"
  "CMakeFiles/kiosk_core.dir/validate.c.o"
  "CMakeFiles/kiosk_core.dir/validate.c.o.d"
  "CMakeFiles/kiosk_core.dir/wedge_guard.c.o"
  "CMakeFiles/kiosk_core.dir/wedge_guard.c.o.d"
  "libkiosk_core.a"
  "libkiosk_core.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_core.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
