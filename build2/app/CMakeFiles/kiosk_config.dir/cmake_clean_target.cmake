file(REMOVE_RECURSE
  "libkiosk_config.a"
)
