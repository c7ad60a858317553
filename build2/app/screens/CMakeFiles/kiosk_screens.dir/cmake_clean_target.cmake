file(REMOVE_RECURSE
  "libkiosk_screens.a"
)
