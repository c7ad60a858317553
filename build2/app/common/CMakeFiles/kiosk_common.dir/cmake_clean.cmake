file(REMOVE_RECURSE
  "CMakeFiles/kiosk_common.dir/billcode.c.o"
  "CMakeFiles/kiosk_common.dir/billcode.c.o.d"
  "CMakeFiles/kiosk_common.dir/clock.c.o"
  "CMakeFiles/kiosk_common.dir/clock.c.o.d"
  "CMakeFiles/kiosk_common.dir/crashpoint.c.o"
  "CMakeFiles/kiosk_common.dir/crashpoint.c.o.d"
  "CMakeFiles/kiosk_common.dir/err.c.o"
  "CMakeFiles/kiosk_common.dir/err.c.o.d"
  "CMakeFiles/kiosk_common.dir/fsutil.c.o"
  "CMakeFiles/kiosk_common.dir/fsutil.c.o.d"
  "CMakeFiles/kiosk_common.dir/https.c.o"
  "CMakeFiles/kiosk_common.dir/https.c.o.d"
  "CMakeFiles/kiosk_common.dir/inbox.c.o"
  "CMakeFiles/kiosk_common.dir/inbox.c.o.d"
  "CMakeFiles/kiosk_common.dir/log.c.o"
  "CMakeFiles/kiosk_common.dir/log.c.o.d"
  "CMakeFiles/kiosk_common.dir/rand.c.o"
  "CMakeFiles/kiosk_common.dir/rand.c.o.d"
  "libkiosk_common.a"
  "libkiosk_common.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_common.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
