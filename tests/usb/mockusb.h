/* A USB device emulated at the usbdevfs level with umockdev: descriptors in a testbed and an
 * ioctl handler that plays the device's side of every URB (the pattern of libusb's
 * tests/umockdev.c). Enough of a printer and of a card reader for the drivers' tests. */
#ifndef KIOSK_TEST_MOCKUSB_H
#define KIOSK_TEST_MOCKUSB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>
#include <umockdev.h>

struct mock_ep {
	uint8_t addr;  /* 0x81, 0x02 ... */
	uint8_t type;  /* 2 bulk, 3 interrupt */
	uint16_t size; /* wMaxPacketSize */
};

struct mock_desc {
	uint16_t vid, pid;
	uint8_t iface_class, iface_sub, iface_proto;
	struct mock_ep eps[2];
	int n_eps;
	bool cdc; /* a USB CDC device: a communication interface (0) before this one (1) */
};

struct mockdev;

UMockdevTestbed *mock_testbed(void);
/* Adds device number devnum on bus 1 with these descriptors. */
struct mockdev *mock_add(UMockdevTestbed *tb, int devnum, const struct mock_desc *d);
void mock_free(struct mockdev *m);

/* Printer side: the answers to DLE EOT 1, 2, 4 (0: no answer). DLE EOT 3 answers 0x12 (no
 * error) until mock_set_error_status says otherwise. */
void mock_set_status(struct mockdev *m, uint8_t s1, uint8_t s2, uint8_t s4);
void mock_set_error_status(struct mockdev *m, uint8_t s3);
/* Automatic Status Back: this 4-byte packet is queued on the IN endpoint (as the printer
 * sends one on every status change), ahead of whatever answer comes next. */
void mock_queue_asb(struct mockdev *m, const uint8_t packet[4]);
/* HID side: the report descriptor GET_DESCRIPTOR (Report) answers with; none: a stall. */
void mock_set_report_descriptor(struct mockdev *m, const uint8_t *desc, size_t len);
/* Bytes received on OUT endpoints, status requests left out. Caller g_free()s. */
uint8_t *mock_received(struct mockdev *m, size_t *len);
void mock_clear_received(struct mockdev *m);
/* The device vanishes (every ioctl and URB fails with ENODEV) once it has taken n more data
 * bytes; 0 disables. */
void mock_unplug_after(struct mockdev *m, size_t n);
void mock_set_unplugged(struct mockdev *m, bool unplugged);
/* A device that answers what it is sent (a bill validator): every OUT transfer goes to fn,
 * and its reply is queued on IN in pieces of the IN endpoint's packet size. fn runs on
 * umockdev's thread. */
typedef size_t (*mock_reply_fn)(void *ctx, const uint8_t *in, size_t n, uint8_t *reply, size_t cap);
void mock_set_replier(struct mockdev *m, mock_reply_fn fn, void *ctx);
/* Reader side: queues one IN report. A report longer than the URB that takes it goes on in
 * the next URB, as its packets would on the bus. */
void mock_queue_in(struct mockdev *m, const uint8_t *data, size_t len);
/* How many interfaces were claimed, kernel drivers detached, URBs submitted. */
int mock_claims(struct mockdev *m);
int mock_detaches(struct mockdev *m);
int mock_urbs(struct mockdev *m);

#endif
