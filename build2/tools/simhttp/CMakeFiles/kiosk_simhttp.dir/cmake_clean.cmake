file(REMOVE_RECURSE
  "CMakeFiles/kiosk_simhttp.dir/simhttp.c.o"
  "CMakeFiles/kiosk_simhttp.dir/simhttp.c.o.d"
  "libkiosk_simhttp.a"
  "libkiosk_simhttp.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_simhttp.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
