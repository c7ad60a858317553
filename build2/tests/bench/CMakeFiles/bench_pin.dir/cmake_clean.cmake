file(REMOVE_RECURSE
  "../../bin/bench_pin"
  "../../bin/bench_pin.pdb"
  "CMakeFiles/bench_pin.dir/bench_pin.c.o"
  "CMakeFiles/bench_pin.dir/bench_pin.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/bench_pin.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
