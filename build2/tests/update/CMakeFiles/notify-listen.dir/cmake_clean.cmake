file(REMOVE_RECURSE
  "../../bin/notify-listen"
  "../../bin/notify-listen.pdb"
  "CMakeFiles/notify-listen.dir/notify-listen.c.o"
  "CMakeFiles/notify-listen.dir/notify-listen.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/notify-listen.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
