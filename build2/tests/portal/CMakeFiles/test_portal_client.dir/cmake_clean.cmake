file(REMOVE_RECURSE
  "../../bin/test_portal_client"
  "../../bin/test_portal_client.pdb"
  "CMakeFiles/test_portal_client.dir/sim_harness.c.o"
  "CMakeFiles/test_portal_client.dir/sim_harness.c.o.d"
  "CMakeFiles/test_portal_client.dir/test_portal_client.c.o"
  "CMakeFiles/test_portal_client.dir/test_portal_client.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_portal_client.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
