file(REMOVE_RECURSE
  "../../bin/fuzz_portal_bill"
  "../../bin/fuzz_portal_bill.pdb"
  "CMakeFiles/fuzz_portal_bill.dir/fuzz_portal_bill.c.o"
  "CMakeFiles/fuzz_portal_bill.dir/fuzz_portal_bill.c.o.d"
  "CMakeFiles/fuzz_portal_bill.dir/replay_main.c.o"
  "CMakeFiles/fuzz_portal_bill.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_portal_bill.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
