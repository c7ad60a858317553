file(REMOVE_RECURSE
  "../../../bin/test_sim_cash"
  "../../../bin/test_sim_cash.pdb"
  "CMakeFiles/test_sim_cash.dir/test_sim_cash.c.o"
  "CMakeFiles/test_sim_cash.dir/test_sim_cash.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_sim_cash.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
