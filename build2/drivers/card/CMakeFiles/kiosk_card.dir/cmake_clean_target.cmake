file(REMOVE_RECURSE
  "libkiosk_card.a"
)
