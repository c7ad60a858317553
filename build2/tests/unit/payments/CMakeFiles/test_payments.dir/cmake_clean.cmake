file(REMOVE_RECURSE
  "../../../bin/test_payments"
  "../../../bin/test_payments.pdb"
  "CMakeFiles/test_payments.dir/test_payments.c.o"
  "CMakeFiles/test_payments.dir/test_payments.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_payments.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
