file(REMOVE_RECURSE
  "libkiosk_update.a"
)
