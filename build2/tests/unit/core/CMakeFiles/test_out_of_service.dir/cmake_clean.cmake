file(REMOVE_RECURSE
  "../../../bin/test_out_of_service"
  "../../../bin/test_out_of_service.pdb"
  "CMakeFiles/test_out_of_service.dir/test_out_of_service.c.o"
  "CMakeFiles/test_out_of_service.dir/test_out_of_service.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_out_of_service.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
