file(REMOVE_RECURSE
  "../../bin/fuzz_printer_status"
  "../../bin/fuzz_printer_status.pdb"
  "CMakeFiles/fuzz_printer_status.dir/fuzz_printer_status.c.o"
  "CMakeFiles/fuzz_printer_status.dir/fuzz_printer_status.c.o.d"
  "CMakeFiles/fuzz_printer_status.dir/replay_main.c.o"
  "CMakeFiles/fuzz_printer_status.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_printer_status.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
