file(REMOVE_RECURSE
  "CMakeFiles/kiosk_update.dir/agent.c.o"
  "CMakeFiles/kiosk_update.dir/agent.c.o.d"
  "CMakeFiles/kiosk_update.dir/bundle.c.o"
  "CMakeFiles/kiosk_update.dir/bundle.c.o.d"
  "CMakeFiles/kiosk_update.dir/ddi.c.o"
  "CMakeFiles/kiosk_update.dir/ddi.c.o.d"
  "CMakeFiles/kiosk_update.dir/http.c.o"
  "CMakeFiles/kiosk_update.dir/http.c.o.d"
  "CMakeFiles/kiosk_update.dir/signature.c.o"
  "CMakeFiles/kiosk_update.dir/signature.c.o.d"
  "CMakeFiles/kiosk_update.dir/state.c.o"
  "CMakeFiles/kiosk_update.dir/state.c.o.d"
  "libkiosk_update.a"
  "libkiosk_update.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_update.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
