file(REMOVE_RECURSE
  "CMakeFiles/kiosk_config.dir/config.c.o"
  "CMakeFiles/kiosk_config.dir/config.c.o.d"
  "libkiosk_config.a"
  "libkiosk_config.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_config.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
