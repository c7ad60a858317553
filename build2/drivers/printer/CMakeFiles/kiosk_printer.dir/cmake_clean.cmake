file(REMOVE_RECURSE
  "CMakeFiles/kiosk_printer.dir/escpos.c.o"
  "CMakeFiles/kiosk_printer.dir/escpos.c.o.d"
  "CMakeFiles/kiosk_printer.dir/profile.c.o"
  "CMakeFiles/kiosk_printer.dir/profile.c.o.d"
  "CMakeFiles/kiosk_printer.dir/receipt.c.o"
  "CMakeFiles/kiosk_printer.dir/receipt.c.o.d"
  "libkiosk_printer.a"
  "libkiosk_printer.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_printer.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
