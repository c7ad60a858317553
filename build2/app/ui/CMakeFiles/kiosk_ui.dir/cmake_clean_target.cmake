file(REMOVE_RECURSE
  "libkiosk_ui.a"
)
