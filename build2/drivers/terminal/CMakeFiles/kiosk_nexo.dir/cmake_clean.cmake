file(REMOVE_RECURSE
  "CMakeFiles/kiosk_nexo.dir/nexo.c.o"
  "CMakeFiles/kiosk_nexo.dir/nexo.c.o.d"
  "CMakeFiles/kiosk_nexo.dir/nexo_json.c.o"
  "CMakeFiles/kiosk_nexo.dir/nexo_json.c.o.d"
  "libkiosk_nexo.a"
  "libkiosk_nexo.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_nexo.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
