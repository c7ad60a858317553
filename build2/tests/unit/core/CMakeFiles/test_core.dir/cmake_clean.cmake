file(REMOVE_RECURSE
  "../../../bin/test_core"
  "../../../bin/test_core.pdb"
  "CMakeFiles/test_core.dir/test_core.c.o"
  "CMakeFiles/test_core.dir/test_core.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_core.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
