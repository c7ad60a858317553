file(REMOVE_RECURSE
  "CMakeFiles/kiosk_ui.dir/layout.c.o"
  "CMakeFiles/kiosk_ui.dir/layout.c.o.d"
  "CMakeFiles/kiosk_ui.dir/text_cache.c.o"
  "CMakeFiles/kiosk_ui.dir/text_cache.c.o.d"
  "CMakeFiles/kiosk_ui.dir/theme.c.o"
  "CMakeFiles/kiosk_ui.dir/theme.c.o.d"
  "CMakeFiles/kiosk_ui.dir/ui.c.o"
  "CMakeFiles/kiosk_ui.dir/ui.c.o.d"
  "libkiosk_ui.a"
  "libkiosk_ui.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_ui.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
