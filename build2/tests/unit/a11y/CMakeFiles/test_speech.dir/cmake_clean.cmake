file(REMOVE_RECURSE
  "../../../bin/test_speech"
  "../../../bin/test_speech.pdb"
  "CMakeFiles/test_speech.dir/test_speech.c.o"
  "CMakeFiles/test_speech.dir/test_speech.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/test_speech.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
