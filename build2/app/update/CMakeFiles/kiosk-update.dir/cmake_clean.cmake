file(REMOVE_RECURSE
  "../../bin/kiosk-update"
  "../../bin/kiosk-update.pdb"
  "CMakeFiles/kiosk-update.dir/kiosk-update.c.o"
  "CMakeFiles/kiosk-update.dir/kiosk-update.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk-update.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
