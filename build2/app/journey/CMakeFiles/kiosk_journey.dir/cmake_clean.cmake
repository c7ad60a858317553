file(REMOVE_RECURSE
  "CMakeFiles/kiosk_journey.dir/runner.c.o"
  "CMakeFiles/kiosk_journey.dir/runner.c.o.d"
  "libkiosk_journey.a"
  "libkiosk_journey.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_journey.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
