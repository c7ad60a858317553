file(REMOVE_RECURSE
  "libkiosk_worker.a"
)
