file(REMOVE_RECURSE
  "libkiosk_sim.a"
)
