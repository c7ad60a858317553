file(REMOVE_RECURSE
  "../../bin/test_terminal_tender"
  "../../bin/test_terminal_tender.pdb"
  "CMakeFiles/test_terminal_tender.dir/sim_harness.c.o"
  "CMakeFiles/test_terminal_tender.dir/sim_harness.c.o.d"
  "CMakeFiles/test_terminal_tender.dir/test_terminal_tender.c.o"
  "CMakeFiles/test_terminal_tender.dir/test_terminal_tender.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_terminal_tender.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
