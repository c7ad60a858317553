file(REMOVE_RECURSE
  "../../../bin/test_receipt"
  "../../../bin/test_receipt.pdb"
  "CMakeFiles/test_receipt.dir/test_receipt.c.o"
  "CMakeFiles/test_receipt.dir/test_receipt.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_receipt.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
