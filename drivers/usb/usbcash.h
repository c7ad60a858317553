/* The USB bill validator driver: ITL validators (vendor 0x191C: NV9 USB+, NV200) on their USB
 * CDC data interface. A bulk IN transfer always waits for the device's bytes, a bulk OUT
 * transfer carries the next packet, and the validator state machine (drivers/cash) decides
 * everything else; this file only moves bytes and time to it. Runs on the USB thread. */
#ifndef KIOSK_USBCASH_H
#define KIOSK_USBCASH_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/cash/validator.h"
#include "drivers/usb/usbdev.h"

struct libusb_device_handle;
struct usbcash;

int usbcash_start(struct libusb_device_handle *h, const struct usbdev_match *m,
		  const struct val_config *cfg, const struct val_hooks *hooks, int64_t now_ms,
		  struct usbcash **out);
/* Time passed: the validator's timers (polls, reply timeouts). */
void usbcash_tick(struct usbcash *c, int64_t now_ms);
/* When it wants the next tick. */
int64_t usbcash_wake(const struct usbcash *c);
/* Any other input for the state machine (accepting, a decision, faults cleared). */
void usbcash_event(struct usbcash *c, const struct val_event *ev);
void usbcash_status(const struct usbcash *c, struct val_status *out);
bool usbcash_dead(const struct usbcash *c);
/* Cancels what is in flight; true once nothing is. */
bool usbcash_stop(struct usbcash *c);
void usbcash_free(struct usbcash *c);

#endif
