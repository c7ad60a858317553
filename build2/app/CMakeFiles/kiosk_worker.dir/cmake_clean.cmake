file(REMOVE_RECURSE
  "CMakeFiles/kiosk_worker.dir/account_worker.c.o"
  "CMakeFiles/kiosk_worker.dir/account_worker.c.o.d"
  "CMakeFiles/kiosk_worker.dir/worker.c.o"
  "CMakeFiles/kiosk_worker.dir/worker.c.o.d"
  "libkiosk_worker.a"
  "libkiosk_worker.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/kiosk_worker.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
