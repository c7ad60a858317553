file(REMOVE_RECURSE
  "CMakeFiles/kiosk_portal.dir/fleet.c.o"
  "CMakeFiles/kiosk_portal.dir/fleet.c.o.d"
  "CMakeFiles/kiosk_portal.dir/portal.c.o"
  "CMakeFiles/kiosk_portal.dir/portal.c.o.d"
  "CMakeFiles/kiosk_portal.dir/resident.c.o"
  "CMakeFiles/kiosk_portal.dir/resident.c.o.d"
  "libkiosk_portal.a"
  "libkiosk_portal.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_portal.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
