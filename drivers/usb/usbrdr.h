/* The USB card reader driver for HID swipe readers and keyboard wedges: an interrupt IN
 * transfer always waiting, each report fed to the parser, each swipe handed on. */
#ifndef KIOSK_USBRDR_H
#define KIOSK_USBRDR_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/devices.h"
#include "drivers/usb/usbdev.h"

struct libusb_device_handle;
struct usbrdr;

/* For a HID reader, first reads its report descriptor (GET_DESCRIPTOR, HID report) and sizes
 * every transfer to the input report it declares, so one swipe is one transfer whatever the
 * layout (337 bytes classic, 856-887 MagneSafe). */
int usbrdr_start(struct libusb_device_handle *h, const struct usbdev_match *m,
		 devices_swipe_fn on_swipe, void *ctx, struct usbrdr **out);
/* The input report length transfers are sized to. */
size_t usbrdr_report_len(const struct usbrdr *r);
/* Time passed: ends a wedge swipe that sent no Enter. */
void usbrdr_tick(struct usbrdr *r, int64_t now_ms);
/* A wedge reader in the middle of a typed swipe: its timeout needs prompt ticks. */
bool usbrdr_busy(const struct usbrdr *r);
bool usbrdr_dead(const struct usbrdr *r);
bool usbrdr_stop(struct usbrdr *r);
void usbrdr_free(struct usbrdr *r);

#endif
