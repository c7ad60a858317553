file(REMOVE_RECURSE
  "../../../bin/test_screens_draw"
  "../../../bin/test_screens_draw.pdb"
  "CMakeFiles/test_screens_draw.dir/test_screens_draw.c.o"
  "CMakeFiles/test_screens_draw.dir/test_screens_draw.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_screens_draw.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
