file(REMOVE_RECURSE
  "../../bin/bench_essp"
  "../../bin/bench_essp.pdb"
  "CMakeFiles/bench_essp.dir/bench_essp.c.o"
  "CMakeFiles/bench_essp.dir/bench_essp.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/bench_essp.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
