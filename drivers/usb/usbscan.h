/* The USB barcode scanner driver, for HID POS scanners and scanners in keyboard mode: an
 * interrupt IN transfer always waiting, each report fed to the HID POS or keyboard assembler,
 * each whole scan handed on as text. */
#ifndef KIOSK_USBSCAN_H
#define KIOSK_USBSCAN_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/usb/usbdev.h"

struct libusb_device_handle;
struct usbscan;

/* For a HID POS scanner, first reads its report descriptor (GET_DESCRIPTOR, HID report) for
 * where the Scanned Data Report keeps its fields; a descriptor that shows no HID POS scanner
 * leaves the makers' common 64-byte layout. */
int usbscan_start(struct libusb_device_handle *h, const struct usbdev_match *m,
		  devices_scan_fn on_scan, void *ctx, struct usbscan **out);
/* Whether the layout came from the scanner's own descriptor (for --list-devices). */
bool usbscan_described(const struct usbscan *s);
/* Time passed: ends a keyboard scan that sent no Enter. */
void usbscan_tick(struct usbscan *s, int64_t now_ms);
/* A keyboard scan half typed: its timeout needs prompt ticks. */
bool usbscan_busy(const struct usbscan *s);
bool usbscan_dead(const struct usbscan *s);
bool usbscan_stop(struct usbscan *s);
void usbscan_free(struct usbscan *s);

#endif
