file(REMOVE_RECURSE
  "libkiosk_simhttp.a"
)
