file(REMOVE_RECURSE
  "libkiosk_printer.a"
)
