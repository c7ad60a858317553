/* The USB receipt printer driver: a state machine on the USB thread fed by transfer
 * completions. Idle, it asks the real-time status now and then (DLE EOT 1, 2, 3, 4); given a
 * job, it writes it in chunks, each with a timeout, and reports once. */
#ifndef KIOSK_USBPRN_H
#define KIOSK_USBPRN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/devices.h"
#include "drivers/usb/usbdev.h"

struct libusb_device_handle;
struct usbprn;

/* Called exactly once per job: 0 when the printer accepted every byte, else KIOSK_E*. */
typedef void (*usbprn_done_fn)(void *ctx, int rc);

int usbprn_start(struct libusb_device_handle *h, const struct usbdev_match *m, int chunk,
		 int chunk_timeout_ms, int status_ms, struct usbprn **out);
/* Time passed: starts a status query when one is due. */
void usbprn_tick(struct usbprn *p, int64_t now_ms);
/* Starts a job when idle: 0, or KIOSK_EBUSY (try on a later tick). data must live until done. */
int usbprn_write(struct usbprn *p, const uint8_t *data, size_t len, usbprn_done_fn done, void *ctx);
void usbprn_status(const struct usbprn *p, struct printer_status *out);
/* Set when the device went away or failed; the owner then stops and frees it. */
bool usbprn_dead(const struct usbprn *p);
/* Cancels what is in flight (a running job is reported failed); true once nothing is. */
bool usbprn_stop(struct usbprn *p);
void usbprn_free(struct usbprn *p);

#endif
