file(REMOVE_RECURSE
  "../../../bin/test_card"
  "../../../bin/test_card.pdb"
  "CMakeFiles/test_card.dir/test_card.c.o"
  "CMakeFiles/test_card.dir/test_card.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_card.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
