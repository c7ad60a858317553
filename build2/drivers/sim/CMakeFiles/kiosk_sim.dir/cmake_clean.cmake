file(REMOVE_RECURSE
  "CMakeFiles/kiosk_sim.dir/sim_cash.c.o"
  "CMakeFiles/kiosk_sim.dir/sim_cash.c.o.d"
  "CMakeFiles/kiosk_sim.dir/sim_printer.c.o"
  "CMakeFiles/kiosk_sim.dir/sim_printer.c.o.d"
  "CMakeFiles/kiosk_sim.dir/sim_reader.c.o"
  "CMakeFiles/kiosk_sim.dir/sim_reader.c.o.d"
  "libkiosk_sim.a"
  "libkiosk_sim.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_sim.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
