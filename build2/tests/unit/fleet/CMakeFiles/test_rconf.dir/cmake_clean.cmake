file(REMOVE_RECURSE
  "../../../bin/test_rconf"
  "../../../bin/test_rconf.pdb"
  "CMakeFiles/test_rconf.dir/test_rconf.c.o"
  "CMakeFiles/test_rconf.dir/test_rconf.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_rconf.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
