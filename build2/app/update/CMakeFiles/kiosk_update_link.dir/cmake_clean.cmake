file(REMOVE_RECURSE
  "CMakeFiles/kiosk_update_link.dir/link.c.o"
  "CMakeFiles/kiosk_update_link.dir/link.c.o.d"
  "libkiosk_update_link.a"
  "libkiosk_update_link.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_update_link.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
