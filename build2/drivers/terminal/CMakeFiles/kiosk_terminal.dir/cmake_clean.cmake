file(REMOVE_RECURSE
  "CMakeFiles/kiosk_terminal.dir/terminal.c.o"
  "CMakeFiles/kiosk_terminal.dir/terminal.c.o.d"
  "libkiosk_terminal.a"
  "libkiosk_terminal.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_terminal.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
