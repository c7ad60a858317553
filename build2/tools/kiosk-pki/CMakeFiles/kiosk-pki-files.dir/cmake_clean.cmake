file(REMOVE_RECURSE
  "../../pki/.stamp"
  "../../pki/ca.key"
  "../../pki/ca.pem"
  "../../pki/rogue-ca.key"
  "../../pki/rogue-ca.pem"
  "../../pki/rogue-server.key"
  "../../pki/rogue-server.pem"
  "../../pki/seal.key"
  "../../pki/seal.pem"
  "../../pki/server.key"
  "../../pki/server.pem"
  "CMakeFiles/kiosk-pki-files"
)

# Per-language clean rules from dependency scanning.
foreach(lang )
  include(CMakeFiles/kiosk-pki-files.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
