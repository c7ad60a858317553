file(REMOVE_RECURSE
  "../../../bin/test_service"
  "../../../bin/test_service.pdb"
  "CMakeFiles/test_service.dir/__/__/__/app/service/corner.c.o"
  "CMakeFiles/test_service.dir/__/__/__/app/service/corner.c.o.d"
  "CMakeFiles/test_service.dir/test_service.c.o"
  "CMakeFiles/test_service.dir/test_service.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_service.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
