file(REMOVE_RECURSE
  "libkiosk_cash_emu.a"
)
