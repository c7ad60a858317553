file(REMOVE_RECURSE
  "../../bin/fuzz_portal_payment"
  "../../bin/fuzz_portal_payment.pdb"
  "CMakeFiles/fuzz_portal_payment.dir/fuzz_portal_payment.c.o"
  "CMakeFiles/fuzz_portal_payment.dir/fuzz_portal_payment.c.o.d"
  "CMakeFiles/fuzz_portal_payment.dir/replay_main.c.o"
  "CMakeFiles/fuzz_portal_payment.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_portal_payment.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
