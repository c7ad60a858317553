file(REMOVE_RECURSE
  "../../bin/fuzz_journey_line"
  "../../bin/fuzz_journey_line.pdb"
  "CMakeFiles/fuzz_journey_line.dir/__/__/app/journey/runner.c.o"
  "CMakeFiles/fuzz_journey_line.dir/__/__/app/journey/runner.c.o.d"
  "CMakeFiles/fuzz_journey_line.dir/fuzz_journey_line.c.o"
  "CMakeFiles/fuzz_journey_line.dir/fuzz_journey_line.c.o.d"
  "CMakeFiles/fuzz_journey_line.dir/replay_main.c.o"
  "CMakeFiles/fuzz_journey_line.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_journey_line.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
