/* USB card reader driver. The reader speaks only when a card passes, so one interrupt IN
 * transfer waits without a timeout; each completed report goes to the HID parser or the
 * wedge assembler, and a bad swipe is handed on as an empty one so the resident hears
 * "Please swipe again". Card data is wiped from every buffer once handed on. */
#include "drivers/usb/usbrdr.h"

#include <libusb.h>
#include <mbedtls/platform_util.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/log.h"
#include "drivers/card/hidrdr.h"
#include "drivers/card/wedge.h"

struct usbrdr {
	libusb_device_handle *h;
	struct usbdev_match m;
	struct libusb_transfer *x;
	bool inflight, stopping, dead;
	size_t report_len; /* what one transfer asks for: one whole report */
	uint8_t buf[HIDRDR_REPORT_MAX];
	struct wedge wedge;
	devices_swipe_fn on_swipe;
	void *ctx;
};

static void hand_on(struct usbrdr *r, struct card_swipe *s, int rc)
{
	if (rc < 0) {
		log_info("usbrdr", "%s: unreadable swipe", r->m.driver);
		memset(s, 0, sizeof(*s));
	}
	if (r->on_swipe)
		r->on_swipe(r->ctx, s);
	mbedtls_platform_zeroize(s, sizeof(*s));
}

static void on_report(struct libusb_transfer *x);

static void arm(struct usbrdr *r)
{
	int rc;

	libusb_fill_interrupt_transfer(r->x, r->h, r->m.ep_in, r->buf, (int)r->report_len,
				       on_report, r, 0);
	rc = libusb_submit_transfer(r->x);
	if (rc) {
		log_warn("usbrdr", "%s lost: %s", r->m.driver, libusb_error_name(rc));
		r->dead = true;
		return;
	}
	r->inflight = true;
}

static void on_report(struct libusb_transfer *x)
{
	struct usbrdr *r = x->user_data;
	struct card_swipe s;
	int rc;

	r->inflight = false;
	if (r->stopping)
		goto wipe;
	if (x->status == LIBUSB_TRANSFER_COMPLETED) {
		if (r->m.kind == USBDEV_HID_READER) {
			rc = hidrdr_parse(r->buf, (size_t)x->actual_length, &s);
			/* A short report is no swipe at all (e.g. a status report): ignore. */
			if (rc != KIOSK_EINVAL)
				hand_on(r, &s, rc);
		} else {
			rc = wedge_feed(&r->wedge, r->buf, (size_t)x->actual_length, clock_mono_ms(), &s);
			if (rc)
				hand_on(r, &s, rc);
		}
	} else if (x->status != LIBUSB_TRANSFER_TIMED_OUT) {
		log_warn("usbrdr", "%s lost: transfer status %d", r->m.driver, x->status);
		r->dead = true;
		goto wipe;
	}
	arm(r);
wipe:
	mbedtls_platform_zeroize(r->buf, sizeof(r->buf));
	mbedtls_platform_zeroize(&s, sizeof(s));
}

/* HID 1.11, 7.1.1: GET_DESCRIPTOR to the interface, type Report (0x22). The report's length
 * comes from the descriptor, never from a guess: a fixed buffer shorter than a MagneSafe
 * report would split one swipe into two bad ones. */
static size_t hid_report_len(libusb_device_handle *h, const struct usbdev_match *m)
{
	uint8_t desc[1024];
	size_t len = 0;
	int n = libusb_control_transfer(h, LIBUSB_ENDPOINT_IN | LIBUSB_RECIPIENT_INTERFACE,
					LIBUSB_REQUEST_GET_DESCRIPTOR, 0x2200, (uint16_t)m->iface,
					desc, sizeof(desc), 1000);

	if (n > 0 && hidrdr_report_len(desc, (size_t)n, &len) == 0 && len >= HIDRDR_REPORT_LEN &&
	    len <= HIDRDR_REPORT_MAX) {
		log_info("usbrdr", "hidrdr: input report %zu bytes (%s)", len,
			 hidrdr_layout_of(len) == HIDRDR_MAGNESAFE ? "MagneSafe" : "classic");
		return len;
	}
	log_warn("usbrdr", "hidrdr: no usable report descriptor (%s); assuming the %d-byte layout",
		 n < 0 ? libusb_error_name(n) : "unexpected input report", HIDRDR_REPORT_LEN);
	return HIDRDR_REPORT_LEN;
}

size_t usbrdr_report_len(const struct usbrdr *r)
{
	return r->report_len;
}

int usbrdr_start(libusb_device_handle *h, const struct usbdev_match *m, devices_swipe_fn on_swipe,
		 void *ctx, struct usbrdr **out)
{
	struct usbrdr *r = calloc(1, sizeof(*r));

	if (!r)
		return KIOSK_ENOMEM;
	r->x = libusb_alloc_transfer(0);
	if (!r->x) {
		free(r);
		return KIOSK_ENOMEM;
	}
	r->h = h;
	r->m = *m;
	r->on_swipe = on_swipe;
	r->ctx = ctx;
	/* A keyboard sends 8-byte boot reports, one per packet. */
	r->report_len = m->kind == USBDEV_HID_READER	   ? hid_report_len(h, m)
			: m->in_max > 0 && m->in_max <= 64 ? m->in_max
							   : 64;
	arm(r);
	if (r->dead) {
		usbrdr_free(r);
		return KIOSK_EDEVICE;
	}
	*out = r;
	return 0;
}

void usbrdr_tick(struct usbrdr *r, int64_t now)
{
	struct card_swipe s;
	int rc;

	if (r->m.kind != USBDEV_WEDGE_READER || r->stopping)
		return;
	rc = wedge_poll(&r->wedge, now, &s);
	if (rc)
		hand_on(r, &s, rc);
}

bool usbrdr_busy(const struct usbrdr *r)
{
	return r->m.kind == USBDEV_WEDGE_READER && r->wedge.len > 0;
}

bool usbrdr_dead(const struct usbrdr *r)
{
	return r->dead;
}

bool usbrdr_stop(struct usbrdr *r)
{
	if (!r->stopping) {
		r->stopping = true;
		if (r->inflight)
			libusb_cancel_transfer(r->x);
	}
	return !r->inflight;
}

void usbrdr_free(struct usbrdr *r)
{
	if (!r)
		return;
	libusb_free_transfer(r->x);
	wedge_reset(&r->wedge);
	free(r);
}
