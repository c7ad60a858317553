file(REMOVE_RECURSE
  "libkiosk_cash.a"
)
