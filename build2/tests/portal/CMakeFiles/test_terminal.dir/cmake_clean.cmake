file(REMOVE_RECURSE
  "../../bin/test_terminal"
  "../../bin/test_terminal.pdb"
  "CMakeFiles/test_terminal.dir/sim_harness.c.o"
  "CMakeFiles/test_terminal.dir/sim_harness.c.o.d"
  "CMakeFiles/test_terminal.dir/test_terminal.c.o"
  "CMakeFiles/test_terminal.dir/test_terminal.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_terminal.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
