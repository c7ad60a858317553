file(REMOVE_RECURSE
  "../../../bin/test_wedge_guard"
  "../../../bin/test_wedge_guard.pdb"
  "CMakeFiles/test_wedge_guard.dir/test_wedge_guard.c.o"
  "CMakeFiles/test_wedge_guard.dir/test_wedge_guard.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_wedge_guard.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
