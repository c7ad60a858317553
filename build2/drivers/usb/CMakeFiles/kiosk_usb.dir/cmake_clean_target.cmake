file(REMOVE_RECURSE
  "libkiosk_usb.a"
)
