file(REMOVE_RECURSE
  "../../../bin/test_tags"
  "../../../bin/test_tags.pdb"
  "CMakeFiles/test_tags.dir/test_tags.c.o"
  "CMakeFiles/test_tags.dir/test_tags.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_tags.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
