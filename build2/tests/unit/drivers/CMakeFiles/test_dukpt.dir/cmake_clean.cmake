file(REMOVE_RECURSE
  "../../../bin/test_dukpt"
  "../../../bin/test_dukpt.pdb"
  "CMakeFiles/test_dukpt.dir/test_dukpt.c.o"
  "CMakeFiles/test_dukpt.dir/test_dukpt.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_dukpt.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
