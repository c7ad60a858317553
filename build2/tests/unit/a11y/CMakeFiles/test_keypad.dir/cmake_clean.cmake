file(REMOVE_RECURSE
  "../../../bin/test_keypad"
  "../../../bin/test_keypad.pdb"
  "CMakeFiles/test_keypad.dir/test_keypad.c.o"
  "CMakeFiles/test_keypad.dir/test_keypad.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_keypad.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
