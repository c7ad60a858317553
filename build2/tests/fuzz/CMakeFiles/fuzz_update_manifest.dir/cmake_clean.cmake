file(REMOVE_RECURSE
  "../../bin/fuzz_update_manifest"
  "../../bin/fuzz_update_manifest.pdb"
  "CMakeFiles/fuzz_update_manifest.dir/fuzz_update_manifest.c.o"
  "CMakeFiles/fuzz_update_manifest.dir/fuzz_update_manifest.c.o.d"
  "CMakeFiles/fuzz_update_manifest.dir/replay_main.c.o"
  "CMakeFiles/fuzz_update_manifest.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_update_manifest.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
