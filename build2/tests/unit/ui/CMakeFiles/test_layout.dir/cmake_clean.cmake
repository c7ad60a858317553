file(REMOVE_RECURSE
  "../../../bin/test_layout"
  "../../../bin/test_layout.pdb"
  "CMakeFiles/test_layout.dir/test_layout.c.o"
  "CMakeFiles/test_layout.dir/test_layout.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_layout.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
