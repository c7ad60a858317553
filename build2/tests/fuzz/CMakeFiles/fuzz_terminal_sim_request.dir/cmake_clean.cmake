file(REMOVE_RECURSE
  "../../bin/fuzz_terminal_sim_request"
  "../../bin/fuzz_terminal_sim_request.pdb"
  "CMakeFiles/fuzz_terminal_sim_request.dir/__/__/tools/terminal-sim/ledger.c.o"
  "CMakeFiles/fuzz_terminal_sim_request.dir/__/__/tools/terminal-sim/ledger.c.o.d"
  "CMakeFiles/fuzz_terminal_sim_request.dir/__/__/tools/terminal-sim/poi.c.o"
  "CMakeFiles/fuzz_terminal_sim_request.dir/__/__/tools/terminal-sim/poi.c.o.d"
  "CMakeFiles/fuzz_terminal_sim_request.dir/fuzz_terminal_sim_request.c.o"
  "CMakeFiles/fuzz_terminal_sim_request.dir/fuzz_terminal_sim_request.c.o.d"
  "CMakeFiles/fuzz_terminal_sim_request.dir/replay_main.c.o"
  "CMakeFiles/fuzz_terminal_sim_request.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_terminal_sim_request.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
