file(REMOVE_RECURSE
  "../../../bin/test_billcode"
  "../../../bin/test_billcode.pdb"
  "CMakeFiles/test_billcode.dir/test_billcode.c.o"
  "CMakeFiles/test_billcode.dir/test_billcode.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_billcode.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
