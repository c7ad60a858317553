file(REMOVE_RECURSE
  "CMakeFiles/kiosk_test_magnesafe.dir/support/magnesafe.c.o"
  "CMakeFiles/kiosk_test_magnesafe.dir/support/magnesafe.c.o.d"
  "libkiosk_test_magnesafe.a"
  "libkiosk_test_magnesafe.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_test_magnesafe.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
