file(REMOVE_RECURSE
  "CMakeFiles/kiosk_a11y.dir/describe.c.o"
  "CMakeFiles/kiosk_a11y.dir/describe.c.o.d"
  "CMakeFiles/kiosk_a11y.dir/keypad.c.o"
  "CMakeFiles/kiosk_a11y.dir/keypad.c.o.d"
  "CMakeFiles/kiosk_a11y.dir/speech.c.o"
  "CMakeFiles/kiosk_a11y.dir/speech.c.o.d"
  "libkiosk_a11y.a"
  "libkiosk_a11y.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_a11y.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
