/* The simulated bill validator for `--devices sim`: the real validator state machine
 * (drivers/cash/validator) on a thread of its own, talking eSSP with encryption, byte for
 * byte, to the emulated device (drivers/cash/essp_emu) instead of a USB cable. Journeys
 * drive the device side: a resident inserts a note (or one the validator refuses), a note
 * jams, staff take the cash box out. */
#ifndef KIOSK_SIM_CASH_H
#define KIOSK_SIM_CASH_H

#include <stdbool.h>

#include "drivers/cash/essp_emu.h"
#include "drivers/cash/validator.h"
#include "drivers/devices.h"

struct sim_cash;

/* emu: the device (NULL: an NV9 USB+ with a USD dataset, encryption required). */
int sim_cash_open(const struct val_config *cfg, const struct val_hooks *hooks,
		  const struct essp_emu_config *emu, struct sim_cash **out);
void sim_cash_close(struct sim_cash *s);

/* The interface the worker uses (impl is the struct sim_cash). */
extern const struct cash_ops sim_cash_ops;

/* The device side, for journeys: `insert-note DOLLARS [reject]` (KIOSK_EBUSY when the
 * validator would not take a note now), `note-jam`, `remove-cashbox`, `replace-cashbox`. */
int sim_cash_insert(struct sim_cash *s, int dollars, bool reject);
void sim_cash_jam(struct sim_cash *s);
void sim_cash_clear_jam(struct sim_cash *s);
void sim_cash_cashbox(struct sim_cash *s, bool present);
void sim_cash_stacker_full(struct sim_cash *s);
void sim_cash_power_cycle(struct sim_cash *s);
void sim_cash_device_stats(struct sim_cash *s, struct essp_emu_stats *out);

/* Waits until the validator is up and no note is moving (or timeout_ms): a journey's next
 * step then sees a settled state. 0 or KIOSK_ETIMEDOUT. */
int sim_cash_settle(struct sim_cash *s, int timeout_ms);

#endif
