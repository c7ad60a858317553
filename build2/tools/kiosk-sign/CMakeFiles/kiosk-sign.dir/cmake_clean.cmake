file(REMOVE_RECURSE
  "../../bin/kiosk-sign"
  "../../bin/kiosk-sign.pdb"
  "CMakeFiles/kiosk-sign.dir/kiosk-sign.c.o"
  "CMakeFiles/kiosk-sign.dir/kiosk-sign.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk-sign.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
