file(REMOVE_RECURSE
  "CMakeFiles/kiosk_dukpt.dir/dukpt.c.o"
  "CMakeFiles/kiosk_dukpt.dir/dukpt.c.o.d"
  "libkiosk_dukpt.a"
  "libkiosk_dukpt.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_dukpt.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
