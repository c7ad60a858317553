file(REMOVE_RECURSE
  "../../../bin/test_card_readers"
  "../../../bin/test_card_readers.pdb"
  "CMakeFiles/test_card_readers.dir/test_card_readers.c.o"
  "CMakeFiles/test_card_readers.dir/test_card_readers.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_card_readers.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
