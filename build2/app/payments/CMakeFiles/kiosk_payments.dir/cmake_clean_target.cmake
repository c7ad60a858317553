file(REMOVE_RECURSE
  "libkiosk_payments.a"
)
