file(REMOVE_RECURSE
  "../../bin/fuzz_nexo_response"
  "../../bin/fuzz_nexo_response.pdb"
  "CMakeFiles/fuzz_nexo_response.dir/fuzz_nexo_response.c.o"
  "CMakeFiles/fuzz_nexo_response.dir/fuzz_nexo_response.c.o.d"
  "CMakeFiles/fuzz_nexo_response.dir/replay_main.c.o"
  "CMakeFiles/fuzz_nexo_response.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_nexo_response.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
