file(REMOVE_RECURSE
  "../../bin/fuzz_essp"
  "../../bin/fuzz_essp.pdb"
  "CMakeFiles/fuzz_essp.dir/fuzz_essp.c.o"
  "CMakeFiles/fuzz_essp.dir/fuzz_essp.c.o.d"
  "CMakeFiles/fuzz_essp.dir/replay_main.c.o"
  "CMakeFiles/fuzz_essp.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_essp.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
