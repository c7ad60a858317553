file(REMOVE_RECURSE
  "../../../bin/test_screen_table"
  "../../../bin/test_screen_table.pdb"
  "CMakeFiles/test_screen_table.dir/test_screen_table.c.o"
  "CMakeFiles/test_screen_table.dir/test_screen_table.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_screen_table.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
