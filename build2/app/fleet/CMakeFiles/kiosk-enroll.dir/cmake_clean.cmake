file(REMOVE_RECURSE
  "../../bin/kiosk-enroll"
  "../../bin/kiosk-enroll.pdb"
  "CMakeFiles/kiosk-enroll.dir/kiosk-enroll.c.o"
  "CMakeFiles/kiosk-enroll.dir/kiosk-enroll.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk-enroll.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
