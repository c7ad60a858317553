file(REMOVE_RECURSE
  "../../../bin/test_nexo"
  "../../../bin/test_nexo.pdb"
  "CMakeFiles/test_nexo.dir/test_nexo.c.o"
  "CMakeFiles/test_nexo.dir/test_nexo.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_nexo.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
