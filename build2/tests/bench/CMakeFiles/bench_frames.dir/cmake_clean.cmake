file(REMOVE_RECURSE
  "../../bin/bench_frames"
  "../../bin/bench_frames.pdb"
  "CMakeFiles/bench_frames.dir/bench_frames.c.o"
  "CMakeFiles/bench_frames.dir/bench_frames.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/bench_frames.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
