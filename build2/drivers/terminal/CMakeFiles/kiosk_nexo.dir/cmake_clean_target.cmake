file(REMOVE_RECURSE
  "libkiosk_nexo.a"
)
