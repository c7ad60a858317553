
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt-16-layout/tests/fuzz/fuzz_portal_payment.c" "tests/fuzz/CMakeFiles/fuzz_portal_payment.dir/fuzz_portal_payment.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_portal_payment.dir/fuzz_portal_payment.c.o.d"
  "/work/wt-16-layout/tests/fuzz/replay_main.c" "tests/fuzz/CMakeFiles/fuzz_portal_payment.dir/replay_main.c.o" "gcc" "tests/fuzz/CMakeFiles/fuzz_portal_payment.dir/replay_main.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt-16-layout/build2/app/portal/CMakeFiles/kiosk_portal.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/crypto/CMakeFiles/kiosk_crypto.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/drivers/card/CMakeFiles/kiosk_card.dir/DependInfo.cmake"
  "/work/wt-16-layout/build2/app/common/CMakeFiles/kiosk_common.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
