file(REMOVE_RECURSE
  "../../../bin/test_ssp"
  "../../../bin/test_ssp.pdb"
  "CMakeFiles/test_ssp.dir/test_ssp.c.o"
  "CMakeFiles/test_ssp.dir/test_ssp.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_ssp.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
