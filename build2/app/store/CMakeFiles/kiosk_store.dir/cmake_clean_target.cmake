file(REMOVE_RECURSE
  "libkiosk_store.a"
)
