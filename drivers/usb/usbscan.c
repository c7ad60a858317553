/* USB barcode scanner driver. A scanner speaks only when something is scanned, so one
 * interrupt IN transfer waits without a timeout; each report goes to the HID POS assembler
 * (drivers/scanner/hidpos.h) or the keyboard one (kbscan.h), and a whole scan is handed on.
 * A scan too long or with control bytes is dropped and logged: it is no bill of ours. */
#include "drivers/usb/usbscan.h"

#include <libusb.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/log.h"
#include "drivers/scanner/hidpos.h"
#include "drivers/scanner/kbscan.h"

struct usbscan {
	libusb_device_handle *h;
	struct usbdev_match m;
	struct libusb_transfer *x;
	bool inflight, stopping, dead, described;
	size_t report_len;
	uint8_t buf[HIDPOS_REPORT_MAX];
	struct hidpos pos;
	struct kbscan kb;
	devices_scan_fn on_scan;
	void *ctx;
};

static void hand_on(struct usbscan *s, const char *text, int rc)
{
	if (rc < 0) {
		log_info("usbscan", "%s: a scan too long or not text: dropped", s->m.driver);
		return;
	}
	if (s->on_scan)
		s->on_scan(s->ctx, text);
}

static void on_report(struct libusb_transfer *x);

static void arm(struct usbscan *s)
{
	int rc;

	libusb_fill_interrupt_transfer(s->x, s->h, s->m.ep_in, s->buf, (int)s->report_len,
				       on_report, s, 0);
	rc = libusb_submit_transfer(s->x);
	if (rc) {
		log_warn("usbscan", "%s lost: %s", s->m.driver, libusb_error_name(rc));
		s->dead = true;
		return;
	}
	s->inflight = true;
}

static void on_report(struct libusb_transfer *x)
{
	struct usbscan *s = x->user_data;
	char text[HIDPOS_SCAN_MAX + 1];
	int rc;

	s->inflight = false;
	if (s->stopping)
		return;
	if (x->status == LIBUSB_TRANSFER_COMPLETED) {
		if (s->m.kind == USBDEV_HIDPOS_SCANNER)
			rc = hidpos_feed(&s->pos, s->buf, (size_t)x->actual_length, text,
					 sizeof(text));
		else
			rc = kbscan_feed(&s->kb, s->buf, (size_t)x->actual_length, clock_mono_ms(),
					 text, sizeof(text));
		if (rc)
			hand_on(s, text, rc);
	} else if (x->status != LIBUSB_TRANSFER_TIMED_OUT) {
		log_warn("usbscan", "%s lost: transfer status %d", s->m.driver, x->status);
		s->dead = true;
		return;
	}
	arm(s);
}

/* HID 1.11, 7.1.1: GET_DESCRIPTOR to the interface, type Report (0x22). */
static void read_layout(struct usbscan *s)
{
	uint8_t desc[1024];
	struct hidpos_layout l;
	int n = libusb_control_transfer(s->h, LIBUSB_ENDPOINT_IN | LIBUSB_RECIPIENT_INTERFACE,
					LIBUSB_REQUEST_GET_DESCRIPTOR, 0x2200, (uint16_t)s->m.iface,
					desc, sizeof(desc), 1000);

	if (n > 0 && hidpos_layout_parse(desc, (size_t)n, &l) == 0) {
		s->described = true;
		log_info("usbscan",
			 "HID POS scanner: report %u, %zu bytes, %zu data bytes a report",
			 l.report_id, l.report_len, l.data_max);
	} else {
		hidpos_layout_default(&l);
		log_warn("usbscan",
			 "HID POS scanner without a usable report descriptor (%s): assuming the "
			 "common 64-byte scanned data report",
			 n < 0 ? libusb_error_name(n) : "no page 0x8C scanned data");
	}
	hidpos_init(&s->pos, &l);
	s->report_len = l.report_len;
}

int usbscan_start(libusb_device_handle *h, const struct usbdev_match *m, devices_scan_fn on_scan,
		  void *ctx, struct usbscan **out)
{
	struct usbscan *s = calloc(1, sizeof(*s));

	if (!s)
		return KIOSK_ENOMEM;
	s->x = libusb_alloc_transfer(0);
	if (!s->x) {
		free(s);
		return KIOSK_ENOMEM;
	}
	s->h = h;
	s->m = *m;
	s->on_scan = on_scan;
	s->ctx = ctx;
	if (m->kind == USBDEV_HIDPOS_SCANNER)
		read_layout(s);
	else /* a keyboard sends 8-byte boot reports, one per packet */
		s->report_len = m->in_max > 0 && m->in_max <= 64 ? m->in_max : 64;
	arm(s);
	if (s->dead) {
		usbscan_free(s);
		return KIOSK_EDEVICE;
	}
	*out = s;
	return 0;
}

bool usbscan_described(const struct usbscan *s)
{
	return s->described;
}

void usbscan_tick(struct usbscan *s, int64_t now)
{
	char text[KBSCAN_MAX + 1];
	int rc;

	if (s->m.kind != USBDEV_KB_SCANNER || s->stopping)
		return;
	rc = kbscan_poll(&s->kb, now, text, sizeof(text));
	if (rc)
		hand_on(s, text, rc);
}

bool usbscan_busy(const struct usbscan *s)
{
	return s->m.kind == USBDEV_KB_SCANNER && s->kb.len > 0;
}

bool usbscan_dead(const struct usbscan *s)
{
	return s->dead;
}

bool usbscan_stop(struct usbscan *s)
{
	if (!s->stopping) {
		s->stopping = true;
		if (s->inflight)
			libusb_cancel_transfer(s->x);
	}
	return !s->inflight;
}

void usbscan_free(struct usbscan *s)
{
	if (!s)
		return;
	libusb_free_transfer(s->x);
	free(s);
}
