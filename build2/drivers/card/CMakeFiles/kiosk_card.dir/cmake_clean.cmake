file(REMOVE_RECURSE
  "CMakeFiles/kiosk_card.dir/card.c.o"
  "CMakeFiles/kiosk_card.dir/card.c.o.d"
  "CMakeFiles/kiosk_card.dir/hidrdr.c.o"
  "CMakeFiles/kiosk_card.dir/hidrdr.c.o.d"
  "CMakeFiles/kiosk_card.dir/wedge.c.o"
  "CMakeFiles/kiosk_card.dir/wedge.c.o.d"
  "libkiosk_card.a"
  "libkiosk_card.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_card.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
