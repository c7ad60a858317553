file(REMOVE_RECURSE
  "../../bin/kiosk-pki"
  "../../bin/kiosk-pki.pdb"
  "CMakeFiles/kiosk-pki.dir/kiosk-pki.c.o"
  "CMakeFiles/kiosk-pki.dir/kiosk-pki.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk-pki.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
