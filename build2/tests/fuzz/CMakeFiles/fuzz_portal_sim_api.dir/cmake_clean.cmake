file(REMOVE_RECURSE
  "../../bin/fuzz_portal_sim_api"
  "../../bin/fuzz_portal_sim_api.pdb"
  "CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/api.c.o"
  "CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/api.c.o.d"
  "CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/cards.c.o"
  "CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/cards.c.o.d"
  "CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/db.c.o"
  "CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/db.c.o.d"
  "CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/dukpt.c.o"
  "CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/dukpt.c.o.d"
  "CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/match.c.o"
  "CMakeFiles/fuzz_portal_sim_api.dir/__/__/tools/portal-sim/match.c.o.d"
  "CMakeFiles/fuzz_portal_sim_api.dir/fuzz_portal_sim_api.c.o"
  "CMakeFiles/fuzz_portal_sim_api.dir/fuzz_portal_sim_api.c.o.d"
  "CMakeFiles/fuzz_portal_sim_api.dir/replay_main.c.o"
  "CMakeFiles/fuzz_portal_sim_api.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_portal_sim_api.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
