file(REMOVE_RECURSE
  "CMakeFiles/kiosk_crypto.dir/pin.c.o"
  "CMakeFiles/kiosk_crypto.dir/pin.c.o.d"
  "CMakeFiles/kiosk_crypto.dir/seal.c.o"
  "CMakeFiles/kiosk_crypto.dir/seal.c.o.d"
  "libkiosk_crypto.a"
  "libkiosk_crypto.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_crypto.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
