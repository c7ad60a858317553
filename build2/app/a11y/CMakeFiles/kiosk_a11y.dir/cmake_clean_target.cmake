file(REMOVE_RECURSE
  "libkiosk_a11y.a"
)
