file(REMOVE_RECURSE
  "CMakeFiles/kiosk_i18n.dir/i18n.c.o"
  "CMakeFiles/kiosk_i18n.dir/i18n.c.o.d"
  "libkiosk_i18n.a"
  "libkiosk_i18n.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_i18n.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
