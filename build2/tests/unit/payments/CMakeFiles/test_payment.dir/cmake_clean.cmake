file(REMOVE_RECURSE
  "../../../bin/test_payment"
  "../../../bin/test_payment.pdb"
  "CMakeFiles/test_payment.dir/test_payment.c.o"
  "CMakeFiles/test_payment.dir/test_payment.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_payment.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
