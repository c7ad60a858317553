file(REMOVE_RECURSE
  "../bin/kiosk"
  "../bin/kiosk.pdb"
  "CMakeFiles/kiosk.dir/main.c.o"
  "CMakeFiles/kiosk.dir/main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
