file(REMOVE_RECURSE
  "../../bin/fuzz_hid_report"
  "../../bin/fuzz_hid_report.pdb"
  "CMakeFiles/fuzz_hid_report.dir/fuzz_hid_report.c.o"
  "CMakeFiles/fuzz_hid_report.dir/fuzz_hid_report.c.o.d"
  "CMakeFiles/fuzz_hid_report.dir/replay_main.c.o"
  "CMakeFiles/fuzz_hid_report.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_hid_report.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
