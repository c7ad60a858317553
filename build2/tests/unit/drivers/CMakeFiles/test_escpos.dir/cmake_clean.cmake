file(REMOVE_RECURSE
  "../../../bin/test_escpos"
  "../../../bin/test_escpos.pdb"
  "CMakeFiles/test_escpos.dir/test_escpos.c.o"
  "CMakeFiles/test_escpos.dir/test_escpos.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_escpos.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
