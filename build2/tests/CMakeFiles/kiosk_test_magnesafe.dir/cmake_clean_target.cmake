file(REMOVE_RECURSE
  "libkiosk_test_magnesafe.a"
)
