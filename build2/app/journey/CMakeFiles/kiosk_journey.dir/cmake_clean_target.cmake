file(REMOVE_RECURSE
  "libkiosk_journey.a"
)
