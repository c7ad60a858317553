file(REMOVE_RECURSE
  "libkiosk_i18n.a"
)
