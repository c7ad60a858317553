file(REMOVE_RECURSE
  "libkiosk_dukpt.a"
)
