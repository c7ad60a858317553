file(REMOVE_RECURSE
  "../../bin/kioskctl"
  "../../bin/kioskctl.pdb"
  "CMakeFiles/kioskctl.dir/kioskctl.c.o"
  "CMakeFiles/kioskctl.dir/kioskctl.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kioskctl.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
