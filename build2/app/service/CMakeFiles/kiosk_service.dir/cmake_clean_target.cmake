file(REMOVE_RECURSE
  "libkiosk_service.a"
)
