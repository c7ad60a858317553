/* USB transport for the bill validator. Two transfers: IN is always armed (without a timeout:
 * the device speaks only when spoken to, and the state machine keeps its own reply timeout);
 * OUT carries one packet at a time. A packet the machine wants sent while the last one is
 * still going out waits in `pending` (only the newest matters: it is a resend of the same
 * bytes or the next command after a reply). */
#include "drivers/usb/usbcash.h"

#include <libusb.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/log.h"

#define OUT_TIMEOUT_MS 1000

struct usbcash {
	libusb_device_handle *h;
	struct usbdev_match m;
	struct validator *v;
	struct libusb_transfer *in, *out;
	bool in_flight, out_flight, stopping, dead;
	uint8_t in_buf[512];
	uint8_t out_buf[SSP_MAX_WIRE];
	uint8_t pending[SSP_MAX_WIRE];
	size_t pending_len;
	int64_t wake;
};

static void on_in(struct libusb_transfer *x);
static void on_out(struct libusb_transfer *x);

static void die(struct usbcash *c, const char *why, int status)
{
	if (!c->dead)
		log_warn("usbcash", "validator lost: %s (%d)", why, status);
	c->dead = true;
}

static void send_pending(struct usbcash *c)
{
	int rc;

	if (c->out_flight || !c->pending_len || c->stopping || c->dead)
		return;
	memcpy(c->out_buf, c->pending, c->pending_len);
	libusb_fill_bulk_transfer(c->out, c->h, c->m.ep_out, c->out_buf, (int)c->pending_len,
				  on_out, c, OUT_TIMEOUT_MS);
	c->pending_len = 0;
	rc = libusb_submit_transfer(c->out);
	if (rc) {
		die(c, "OUT submit refused", rc);
		return;
	}
	c->out_flight = true;
}

/* Runs one event through the machine and sends what it asks for. */
static void run(struct usbcash *c, const struct val_event *ev)
{
	struct val_out out;

	validator_event(c->v, ev, &out);
	c->wake = out.wake_ms;
	if (out.tx_len) {
		memcpy(c->pending, out.tx, out.tx_len);
		c->pending_len = out.tx_len;
		send_pending(c);
	}
}

static void arm_in(struct usbcash *c)
{
	int rc;

	libusb_fill_bulk_transfer(c->in, c->h, c->m.ep_in, c->in_buf,
				  c->m.in_max ? c->m.in_max : 64, on_in, c, 0);
	rc = libusb_submit_transfer(c->in);
	if (rc) {
		die(c, "IN submit refused", rc);
		return;
	}
	c->in_flight = true;
}

static void on_in(struct libusb_transfer *x)
{
	struct usbcash *c = x->user_data;

	c->in_flight = false;
	if (c->stopping)
		return;
	if (x->status != LIBUSB_TRANSFER_COMPLETED && x->status != LIBUSB_TRANSFER_TIMED_OUT) {
		die(c, "IN transfer failed", x->status);
		return;
	}
	if (x->actual_length > 0) {
		struct val_event ev = {.kind = VAL_EV_BYTES,
				       .now_ms = clock_mono_ms(),
				       .bytes = c->in_buf,
				       .len = (size_t)x->actual_length};

		run(c, &ev);
	}
	arm_in(c);
}

static void on_out(struct libusb_transfer *x)
{
	struct usbcash *c = x->user_data;

	c->out_flight = false;
	if (c->stopping)
		return;
	if (x->status == LIBUSB_TRANSFER_NO_DEVICE || x->status == LIBUSB_TRANSFER_ERROR ||
	    x->status == LIBUSB_TRANSFER_STALL) {
		die(c, "OUT transfer failed", x->status);
		return;
	}
	/* A timed-out packet is the state machine's business: no reply, so it resends. */
	send_pending(c);
}

int usbcash_start(libusb_device_handle *h, const struct usbdev_match *m,
		  const struct val_config *cfg, const struct val_hooks *hooks, int64_t now,
		  struct usbcash **out)
{
	struct usbcash *c = calloc(1, sizeof(*c));
	struct val_event ev = {.kind = VAL_EV_START, .now_ms = now};
	int rc;

	if (!c)
		return KIOSK_ENOMEM;
	c->h = h;
	c->m = *m;
	c->in = libusb_alloc_transfer(0);
	c->out = libusb_alloc_transfer(0);
	rc = !c->in || !c->out ? KIOSK_ENOMEM : validator_new(cfg, hooks, &c->v);
	if (rc) {
		usbcash_free(c);
		return rc;
	}
	arm_in(c);
	if (c->dead) {
		usbcash_free(c);
		return KIOSK_EDEVICE;
	}
	run(c, &ev);
	*out = c;
	return 0;
}

void usbcash_tick(struct usbcash *c, int64_t now)
{
	struct val_event ev = {.kind = VAL_EV_TICK, .now_ms = now};

	if (c->stopping || c->dead || now < c->wake)
		return;
	run(c, &ev);
}

int64_t usbcash_wake(const struct usbcash *c)
{
	return c->wake;
}

void usbcash_event(struct usbcash *c, const struct val_event *ev)
{
	if (!c->stopping && !c->dead)
		run(c, ev);
}

void usbcash_status(const struct usbcash *c, struct val_status *out)
{
	validator_status(c->v, out);
}

bool usbcash_dead(const struct usbcash *c)
{
	return c->dead;
}

bool usbcash_stop(struct usbcash *c)
{
	if (!c->stopping) {
		c->stopping = true;
		if (c->in_flight)
			libusb_cancel_transfer(c->in);
		if (c->out_flight)
			libusb_cancel_transfer(c->out);
	}
	return !c->in_flight && !c->out_flight;
}

void usbcash_free(struct usbcash *c)
{
	if (!c)
		return;
	libusb_free_transfer(c->in);
	libusb_free_transfer(c->out);
	validator_free(c->v);
	free(c);
}
