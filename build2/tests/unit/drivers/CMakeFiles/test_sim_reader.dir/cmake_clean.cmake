file(REMOVE_RECURSE
  "../../../bin/test_sim_reader"
  "../../../bin/test_sim_reader.pdb"
  "CMakeFiles/test_sim_reader.dir/test_sim_reader.c.o"
  "CMakeFiles/test_sim_reader.dir/test_sim_reader.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_sim_reader.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
