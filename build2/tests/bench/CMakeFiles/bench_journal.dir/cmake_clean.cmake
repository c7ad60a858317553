file(REMOVE_RECURSE
  "../../bin/bench_journal"
  "../../bin/bench_journal.pdb"
  "CMakeFiles/bench_journal.dir/bench_journal.c.o"
  "CMakeFiles/bench_journal.dir/bench_journal.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/bench_journal.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
