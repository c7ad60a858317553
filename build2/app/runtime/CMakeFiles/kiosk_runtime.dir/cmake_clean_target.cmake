file(REMOVE_RECURSE
  "libkiosk_runtime.a"
)
