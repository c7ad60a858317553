file(REMOVE_RECURSE
  "CMakeFiles/kiosk_service.dir/corner.c.o"
  "CMakeFiles/kiosk_service.dir/corner.c.o.d"
  "CMakeFiles/kiosk_service.dir/ctl_commands.c.o"
  "CMakeFiles/kiosk_service.dir/ctl_commands.c.o.d"
  "CMakeFiles/kiosk_service.dir/ctl_server.c.o"
  "CMakeFiles/kiosk_service.dir/ctl_server.c.o.d"
  "CMakeFiles/kiosk_service.dir/service_worker.c.o"
  "CMakeFiles/kiosk_service.dir/service_worker.c.o.d"
  "CMakeFiles/kiosk_service.dir/snapshot.c.o"
  "CMakeFiles/kiosk_service.dir/snapshot.c.o.d"
  "libkiosk_service.a"
  "libkiosk_service.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_service.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
