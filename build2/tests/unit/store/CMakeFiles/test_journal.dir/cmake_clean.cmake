file(REMOVE_RECURSE
  "../../../bin/test_journal"
  "../../../bin/test_journal.pdb"
  "CMakeFiles/test_journal.dir/test_journal.c.o"
  "CMakeFiles/test_journal.dir/test_journal.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_journal.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
