file(REMOVE_RECURSE
  "../../../bin/test_log"
  "../../../bin/test_log.pdb"
  "CMakeFiles/test_log.dir/test_log.c.o"
  "CMakeFiles/test_log.dir/test_log.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_log.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
