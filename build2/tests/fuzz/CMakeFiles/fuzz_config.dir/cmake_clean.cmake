file(REMOVE_RECURSE
  "../../bin/fuzz_config"
  "../../bin/fuzz_config.pdb"
  "CMakeFiles/fuzz_config.dir/__/__/app/a11y/keypad.c.o"
  "CMakeFiles/fuzz_config.dir/__/__/app/a11y/keypad.c.o.d"
  "CMakeFiles/fuzz_config.dir/__/__/app/config.c.o"
  "CMakeFiles/fuzz_config.dir/__/__/app/config.c.o.d"
  "CMakeFiles/fuzz_config.dir/fuzz_config.c.o"
  "CMakeFiles/fuzz_config.dir/fuzz_config.c.o.d"
  "CMakeFiles/fuzz_config.dir/replay_main.c.o"
  "CMakeFiles/fuzz_config.dir/replay_main.c.o.d"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/fuzz_config.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
