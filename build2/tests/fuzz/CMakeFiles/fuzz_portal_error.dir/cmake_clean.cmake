file(REMOVE_RECURSE
  "../../bin/fuzz_portal_error"
  "../../bin/fuzz_portal_error.pdb"
  "CMakeFiles/fuzz_portal_error.dir/fuzz_portal_error.c.o"
  "CMakeFiles/fuzz_portal_error.dir/fuzz_portal_error.c.o.d"
  "CMakeFiles/fuzz_portal_error.dir/replay_main.c.o"
  "CMakeFiles/fuzz_portal_error.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_portal_error.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
