file(REMOVE_RECURSE
  "../../../bin/test_outbox"
  "../../../bin/test_outbox.pdb"
  "CMakeFiles/test_outbox.dir/test_outbox.c.o"
  "CMakeFiles/test_outbox.dir/test_outbox.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_outbox.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
