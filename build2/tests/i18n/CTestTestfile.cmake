# CMake generated Testfile for 
# Source directory: /work/wt-16-layout/tests/i18n
# Build directory: /work/wt-16-layout/build2/tests/i18n
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
add_test([=[i18n.es-complete]=] "/work/wt-16-layout/tests/i18n/check-catalog.sh" "/work/wt-16-layout" "/work/wt-16-layout/build2/tests/i18n/es" "/work/wt-16-layout/ui-assets/po/es.po")
set_tests_properties([=[i18n.es-complete]=] PROPERTIES  _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/i18n/CMakeLists.txt;5;add_test;/work/wt-16-layout/tests/i18n/CMakeLists.txt;0;")
add_test([=[i18n.check-catches-a-gap]=] "sh" "-c" "sed '0,/^msgstr \"..*\"\$/s//msgstr \"\"/' \"\$1\" >\"\$2/gap.po\" && exec \"\$0\" \"\$3\" \"\$2/gap\" \"\$2/gap.po\"" "/work/wt-16-layout/tests/i18n/check-catalog.sh" "/work/wt-16-layout/ui-assets/po/es.po" "/work/wt-16-layout/build2/tests/i18n" "/work/wt-16-layout")
set_tests_properties([=[i18n.check-catches-a-gap]=] PROPERTIES  PASS_REGULAR_EXPRESSION "has no translation for" _BACKTRACE_TRIPLES "/work/wt-16-layout/tests/i18n/CMakeLists.txt;11;add_test;/work/wt-16-layout/tests/i18n/CMakeLists.txt;0;")
set_directory_properties(PROPERTIES LABELS "i18n")
