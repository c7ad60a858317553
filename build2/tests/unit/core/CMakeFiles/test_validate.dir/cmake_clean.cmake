file(REMOVE_RECURSE
  "../../../bin/test_validate"
  "../../../bin/test_validate.pdb"
  "CMakeFiles/test_validate.dir/test_validate.c.o"
  "CMakeFiles/test_validate.dir/test_validate.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_validate.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
