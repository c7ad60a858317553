file(REMOVE_RECURSE
  "../../../bin/test_money"
  "../../../bin/test_money.pdb"
  "CMakeFiles/test_money.dir/test_money.c.o"
  "CMakeFiles/test_money.dir/test_money.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_money.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
