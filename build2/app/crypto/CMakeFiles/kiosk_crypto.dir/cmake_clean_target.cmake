file(REMOVE_RECURSE
  "libkiosk_crypto.a"
)
