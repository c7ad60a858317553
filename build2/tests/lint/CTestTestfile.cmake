# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/lint
# Build directory: /work/wt-16-layout/build2/tests/lint
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[lint.cppcheck]=] "/work/wt-16-layout/tests/lint/cppcheck.sh")
set_tests_properties([=[lint.cppcheck]=] PROPERTIES  TIMEOUT "300" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/lint/CMakeLists.txt;2;add_test;/work/wt-16-layout/tests/lint/CMakeLists.txt;0;")
add_test([=[lint.layers]=] "/work/wt-16-layout/tests/lint/layers" "/work/wt-16-layout")
set_tests_properties([=[lint.layers]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/lint/CMakeLists.txt;6;add_test;/work/wt-16-layout/tests/lint/CMakeLists.txt;0;")
add_test([=[lint.layers-catches-a-break]=] "sh" "-c" "rm -rf \"\$1\" && mkdir -p \"\$1/app/ui\" \"\$1/app/newfolder\" \"\$1/drivers\" \"\$1/tools\" && printf '#include \"app/core/core.h\"\\n' >\"\$1/app/ui/bad.c\" && printf '#include \"app/common/log.h\"\\n' >\"\$1/app/newfolder/x.c\" && \"\$0\" \"\$1\"; test \$? -eq 1" "/work/wt-16-layout/tests/lint/layers" "/work/wt-16-layout/build2/tests/lint/layers-bad")
set_tests_properties([=[lint.layers-catches-a-break]=] PROPERTIES  PASS_REGULAR_EXPRESSION "app/newfolder/x.c: in no layer.*app/ui/bad.c:1: layer ui may not include \"app/core/core.h\"" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/lint/CMakeLists.txt;10;add_test;/work/wt-16-layout/tests/lint/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "lint")
