file(REMOVE_RECURSE
  "CMakeFiles/kiosk_fleet.dir/heartbeat.c.o"
  "CMakeFiles/kiosk_fleet.dir/heartbeat.c.o.d"
  "CMakeFiles/kiosk_fleet.dir/identity.c.o"
  "CMakeFiles/kiosk_fleet.dir/identity.c.o.d"
  "CMakeFiles/kiosk_fleet.dir/rconf.c.o"
  "CMakeFiles/kiosk_fleet.dir/rconf.c.o.d"
  "libkiosk_fleet.a"
  "libkiosk_fleet.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_fleet.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
