file(REMOVE_RECURSE
  "../../bin/terminal-sim"
  "../../bin/terminal-sim.pdb"
  "CMakeFiles/terminal-sim.dir/ledger.c.o"
  "CMakeFiles/terminal-sim.dir/ledger.c.o.d"
  "CMakeFiles/terminal-sim.dir/main.c.o"
  "CMakeFiles/terminal-sim.dir/main.c.o.d"
  "CMakeFiles/terminal-sim.dir/poi.c.o"
  "CMakeFiles/terminal-sim.dir/poi.c.o.d"
  "CMakeFiles/terminal-sim.dir/server.c.o"
  "CMakeFiles/terminal-sim.dir/server.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/terminal-sim.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
