file(REMOVE_RECURSE
  "../../../bin/test_sim_printer"
  "../../../bin/test_sim_printer.pdb"
  "CMakeFiles/test_sim_printer.dir/test_sim_printer.c.o"
  "CMakeFiles/test_sim_printer.dir/test_sim_printer.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_sim_printer.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
