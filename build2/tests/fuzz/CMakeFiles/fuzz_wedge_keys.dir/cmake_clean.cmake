file(REMOVE_RECURSE
  "../../bin/fuzz_wedge_keys"
  "../../bin/fuzz_wedge_keys.pdb"
  "CMakeFiles/fuzz_wedge_keys.dir/fuzz_wedge_keys.c.o"
  "CMakeFiles/fuzz_wedge_keys.dir/fuzz_wedge_keys.c.o.d"
  "CMakeFiles/fuzz_wedge_keys.dir/replay_main.c.o"
  "CMakeFiles/fuzz_wedge_keys.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_wedge_keys.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
