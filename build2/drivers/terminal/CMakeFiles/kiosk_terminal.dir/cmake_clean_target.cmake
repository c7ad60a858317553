file(REMOVE_RECURSE
  "libkiosk_terminal.a"
)
