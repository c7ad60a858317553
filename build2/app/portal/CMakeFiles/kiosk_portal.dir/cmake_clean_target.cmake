file(REMOVE_RECURSE
  "libkiosk_portal.a"
)
