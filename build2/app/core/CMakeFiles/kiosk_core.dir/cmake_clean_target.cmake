file(REMOVE_RECURSE
  "libkiosk_core.a"
)
