file(REMOVE_RECURSE
  "libkiosk_fleet.a"
)
