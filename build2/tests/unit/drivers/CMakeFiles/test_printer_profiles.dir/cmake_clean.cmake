file(REMOVE_RECURSE
  "../../../bin/test_printer_profiles"
  "../../../bin/test_printer_profiles.pdb"
  "CMakeFiles/test_printer_profiles.dir/test_printer_profiles.c.o"
  "CMakeFiles/test_printer_profiles.dir/test_printer_profiles.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_printer_profiles.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
