file(REMOVE_RECURSE
  "libkiosk_common.a"
)
