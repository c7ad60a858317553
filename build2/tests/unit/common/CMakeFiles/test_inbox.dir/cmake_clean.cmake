file(REMOVE_RECURSE
  "../../../bin/test_inbox"
  "../../../bin/test_inbox.pdb"
  "CMakeFiles/test_inbox.dir/test_inbox.c.o"
  "CMakeFiles/test_inbox.dir/test_inbox.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_inbox.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
