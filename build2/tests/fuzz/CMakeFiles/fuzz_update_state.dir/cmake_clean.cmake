file(REMOVE_RECURSE
  "../../bin/fuzz_update_state"
  "../../bin/fuzz_update_state.pdb"
  "CMakeFiles/fuzz_update_state.dir/fuzz_update_state.c.o"
  "CMakeFiles/fuzz_update_state.dir/fuzz_update_state.c.o.d"
  "CMakeFiles/fuzz_update_state.dir/replay_main.c.o"
  "CMakeFiles/fuzz_update_state.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_update_state.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
