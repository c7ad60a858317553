file(REMOVE_RECURSE
  "../../../bin/test_validator"
  "../../../bin/test_validator.pdb"
  "CMakeFiles/test_validator.dir/test_validator.c.o"
  "CMakeFiles/test_validator.dir/test_validator.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_validator.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
