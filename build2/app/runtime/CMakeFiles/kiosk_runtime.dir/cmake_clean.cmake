file(REMOVE_RECURSE
  "CMakeFiles/kiosk_runtime.dir/access.c.o"
  "CMakeFiles/kiosk_runtime.dir/access.c.o.d"
  "CMakeFiles/kiosk_runtime.dir/certificate.c.o"
  "CMakeFiles/kiosk_runtime.dir/certificate.c.o.d"
  "CMakeFiles/kiosk_runtime.dir/cli.c.o"
  "CMakeFiles/kiosk_runtime.dir/cli.c.o.d"
  "CMakeFiles/kiosk_runtime.dir/control.c.o"
  "CMakeFiles/kiosk_runtime.dir/control.c.o.d"
  "CMakeFiles/kiosk_runtime.dir/fleet.c.o"
  "CMakeFiles/kiosk_runtime.dir/fleet.c.o.d"
  "CMakeFiles/kiosk_runtime.dir/host.c.o"
  "CMakeFiles/kiosk_runtime.dir/host.c.o.d"
  "CMakeFiles/kiosk_runtime.dir/input.c.o"
  "CMakeFiles/kiosk_runtime.dir/input.c.o.d"
  "CMakeFiles/kiosk_runtime.dir/loop.c.o"
  "CMakeFiles/kiosk_runtime.dir/loop.c.o.d"
  "CMakeFiles/kiosk_runtime.dir/paths.c.o"
  "CMakeFiles/kiosk_runtime.dir/paths.c.o.d"
  "CMakeFiles/kiosk_runtime.dir/settings.c.o"
  "CMakeFiles/kiosk_runtime.dir/settings.c.o.d"
  "CMakeFiles/kiosk_runtime.dir/staff.c.o"
  "CMakeFiles/kiosk_runtime.dir/staff.c.o.d"
  "CMakeFiles/kiosk_runtime.dir/start.c.o"
  "CMakeFiles/kiosk_runtime.dir/start.c.o.d"
  "libkiosk_runtime.a"
  "libkiosk_runtime.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_runtime.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
