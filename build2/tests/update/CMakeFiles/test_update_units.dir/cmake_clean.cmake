file(REMOVE_RECURSE
  "../../bin/test_update_units"
  "../../bin/test_update_units.pdb"
  "CMakeFiles/test_update_units.dir/test_update_units.c.o"
  "CMakeFiles/test_update_units.dir/test_update_units.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_update_units.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
