file(REMOVE_RECURSE
  "../../bin/portal-sim"
  "../../bin/portal-sim.pdb"
  "CMakeFiles/portal-sim.dir/api.c.o"
  "CMakeFiles/portal-sim.dir/api.c.o.d"
  "CMakeFiles/portal-sim.dir/bills.c.o"
  "CMakeFiles/portal-sim.dir/bills.c.o.d"
  "CMakeFiles/portal-sim.dir/cards.c.o"
  "CMakeFiles/portal-sim.dir/cards.c.o.d"
  "CMakeFiles/portal-sim.dir/db.c.o"
  "CMakeFiles/portal-sim.dir/db.c.o.d"
  "CMakeFiles/portal-sim.dir/enroll.c.o"
  "CMakeFiles/portal-sim.dir/enroll.c.o.d"
  "CMakeFiles/portal-sim.dir/fleet.c.o"
  "CMakeFiles/portal-sim.dir/fleet.c.o.d"
  "CMakeFiles/portal-sim.dir/ledger.c.o"
  "CMakeFiles/portal-sim.dir/ledger.c.o.d"
  "CMakeFiles/portal-sim.dir/mail.c.o"
  "CMakeFiles/portal-sim.dir/mail.c.o.d"
  "CMakeFiles/portal-sim.dir/main.c.o"
  "CMakeFiles/portal-sim.dir/main.c.o.d"
  "CMakeFiles/portal-sim.dir/match.c.o"
  "CMakeFiles/portal-sim.dir/match.c.o.d"
  "CMakeFiles/portal-sim.dir/password.c.o"
  "CMakeFiles/portal-sim.dir/password.c.o.d"
  "CMakeFiles/portal-sim.dir/residents.c.o"
  "CMakeFiles/portal-sim.dir/residents.c.o.d"
  "CMakeFiles/portal-sim.dir/rstore.c.o"
  "CMakeFiles/portal-sim.dir/rstore.c.o.d"
  "CMakeFiles/portal-sim.dir/server.c.o"
  "CMakeFiles/portal-sim.dir/server.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/portal-sim.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
