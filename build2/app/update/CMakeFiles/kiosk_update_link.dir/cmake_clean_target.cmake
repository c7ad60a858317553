file(REMOVE_RECURSE
  "libkiosk_update_link.a"
)
