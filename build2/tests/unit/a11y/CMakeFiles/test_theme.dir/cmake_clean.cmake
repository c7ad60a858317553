file(REMOVE_RECURSE
  "../../../bin/test_theme"
  "../../../bin/test_theme.pdb"
  "CMakeFiles/test_theme.dir/test_theme.c.o"
  "CMakeFiles/test_theme.dir/test_theme.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_theme.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
