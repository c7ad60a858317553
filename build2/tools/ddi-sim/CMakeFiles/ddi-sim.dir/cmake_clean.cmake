file(REMOVE_RECURSE
  "../../bin/ddi-sim"
  "../../bin/ddi-sim.pdb"
  "CMakeFiles/ddi-sim.dir/ddi-sim.c.o"
  "CMakeFiles/ddi-sim.dir/ddi-sim.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/ddi-sim.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
