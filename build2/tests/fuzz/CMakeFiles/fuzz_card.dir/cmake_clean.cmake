file(REMOVE_RECURSE
  "../../bin/fuzz_card"
  "../../bin/fuzz_card.pdb"
  "CMakeFiles/fuzz_card.dir/fuzz_card.c.o"
  "CMakeFiles/fuzz_card.dir/fuzz_card.c.o.d"
  "CMakeFiles/fuzz_card.dir/replay_main.c.o"
  "CMakeFiles/fuzz_card.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_card.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
