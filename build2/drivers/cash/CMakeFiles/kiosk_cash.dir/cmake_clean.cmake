file(REMOVE_RECURSE
  "CMakeFiles/kiosk_cash.dir/essp.c.o"
  "CMakeFiles/kiosk_cash.dir/essp.c.o.d"
  "CMakeFiles/kiosk_cash.dir/ssp.c.o"
  "CMakeFiles/kiosk_cash.dir/ssp.c.o.d"
  "CMakeFiles/kiosk_cash.dir/validator.c.o"
  "CMakeFiles/kiosk_cash.dir/validator.c.o.d"
  "libkiosk_cash.a"
  "libkiosk_cash.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_cash.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
