file(REMOVE_RECURSE
  "../locale/es/LC_MESSAGES/kiosk.mo"
  "CMakeFiles/kiosk_locale"
)

# Per-language clean rules from dependency scanning.
foreach(lang )
  include(CMakeFiles/kiosk_locale.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
