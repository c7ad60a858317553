file(REMOVE_RECURSE
  "CMakeFiles/kiosk_cash_emu.dir/essp_emu.c.o"
  "CMakeFiles/kiosk_cash_emu.dir/essp_emu.c.o.d"
  "libkiosk_cash_emu.a"
  "libkiosk_cash_emu.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_cash_emu.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
