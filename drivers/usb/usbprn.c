/* USB printer driver. One transfer is in flight at a time, so the state says exactly what the
 * printer is doing: a status question, its answer, or a chunk of a receipt. Every transfer
 * has a timeout, and every way a job can end goes through finish_job(), once. */
#include "drivers/usb/usbprn.h"

#include <libusb.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/log.h"
#include "drivers/printer/escpos.h"

#define STATUS_TIMEOUT_MS 500

enum prn_state {
	PRN_IDLE,
	PRN_ASK,    /* DLE EOT n going out */
	PRN_ANSWER, /* waiting for its status byte */
	PRN_DATA,   /* a chunk of a job going out */
	PRN_DEAD,
};

/* DLE EOT 3 too: without it a jammed cutter and a dead head look the same. */
static const int status_n[] = {ESCPOS_STATUS_PRINTER, ESCPOS_STATUS_OFFLINE, ESCPOS_STATUS_ERROR,
			       ESCPOS_STATUS_PAPER};

struct usbprn {
	libusb_device_handle *h;
	struct usbdev_match m;
	enum prn_state st;
	struct libusb_transfer *x;
	bool inflight;
	bool stopping;
	uint8_t req[3];
	uint8_t answer[64];
	struct escpos_rx rx; /* ASB packets are told apart from the answers */
	int64_t answer_deadline;
	int step; /* index into status_n */
	struct printer_status status, next;
	bool status_known;
	int64_t next_status_ms;
	int status_ms;
	int chunk, chunk_timeout_ms;
	/* the job */
	const uint8_t *data;
	size_t len, sent;
	usbprn_done_fn done;
	void *done_ctx;
};

static void on_transfer(struct libusb_transfer *x);

static void finish_job(struct usbprn *p, int rc)
{
	usbprn_done_fn done = p->done;

	p->done = NULL;
	p->data = NULL;
	if (done)
		done(p->done_ctx, rc);
}

static void die(struct usbprn *p, const char *why, int status)
{
	if (p->st != PRN_DEAD)
		log_warn("usbprn", "printer lost: %s (%s)", why, libusb_error_name(status));
	p->st = PRN_DEAD;
	p->status.present = false;
	finish_job(p, KIOSK_EDEVICE);
}

static int submit(struct usbprn *p, uint8_t ep, uint8_t *buf, int len, unsigned timeout)
{
	int rc;

	libusb_fill_bulk_transfer(p->x, p->h, ep, buf, len, on_transfer, p, timeout);
	rc = libusb_submit_transfer(p->x);
	if (rc) {
		die(p, "submit refused", rc);
		return KIOSK_EDEVICE;
	}
	p->inflight = true;
	return 0;
}

static void ask(struct usbprn *p)
{
	escpos_status_request(status_n[p->step], p->req);
	p->st = PRN_ASK;
	submit(p, p->m.ep_out, p->req, sizeof(p->req), STATUS_TIMEOUT_MS);
}

static void send_chunk(struct usbprn *p)
{
	size_t n = p->len - p->sent;

	if (n > (size_t)p->chunk)
		n = (size_t)p->chunk;
	p->st = PRN_DATA;
	/* libusb never writes to an OUT buffer; the cast drops const for its API only. */
	submit(p, p->m.ep_out, (uint8_t *)(uintptr_t)(p->data + p->sent), (int)n,
	       (unsigned)p->chunk_timeout_ms);
}

static void status_done(struct usbprn *p, bool answered)
{
	if (answered) {
		p->status = p->next;
		p->status_known = true;
	} else if (!p->status_known) {
		/* Printers without real-time status over USB: assume ready rather than
		 * refusing every receipt. */
		p->status.online = true;
	}
	p->status.present = true;
	p->st = PRN_IDLE;
	p->next_status_ms = clock_mono_ms() + p->status_ms;
}

static void on_transfer(struct libusb_transfer *x)
{
	struct usbprn *p = x->user_data;

	p->inflight = false;
	if (p->stopping) {
		if (p->st == PRN_DATA)
			finish_job(p, KIOSK_EDEVICE);
		p->st = PRN_IDLE;
		return;
	}
	if (x->status == LIBUSB_TRANSFER_NO_DEVICE || x->status == LIBUSB_TRANSFER_ERROR ||
	    x->status == LIBUSB_TRANSFER_STALL || x->status == LIBUSB_TRANSFER_OVERFLOW) {
		die(p, "transfer failed", LIBUSB_ERROR_IO);
		return;
	}
	switch (p->st) {
	case PRN_ASK:
		if (x->status != LIBUSB_TRANSFER_COMPLETED || x->actual_length != 3) {
			status_done(p, false);
			return;
		}
		p->st = PRN_ANSWER;
		p->answer_deadline = clock_mono_ms() + STATUS_TIMEOUT_MS;
		submit(p, p->m.ep_in, p->answer, p->m.in_max ? p->m.in_max : 64, STATUS_TIMEOUT_MS);
		return;
	case PRN_ANSWER: {
		int answer = -1, asb = 0;

		if (x->status != LIBUSB_TRANSFER_COMPLETED) {
			status_done(p, false);
			return;
		}
		escpos_rx_scan(&p->rx, p->answer, (size_t)x->actual_length, &answer, &p->status,
			       &asb);
		if (asb)
			p->status_known = true;
		if (answer < 0) {
			/* Only ASB packets (or nothing): the answer is still to come. */
			if (clock_mono_ms() < p->answer_deadline)
				submit(p, p->m.ep_in, p->answer, p->m.in_max ? p->m.in_max : 64,
				       STATUS_TIMEOUT_MS);
			else
				status_done(p, false);
			return;
		}
		if (escpos_status_parse(status_n[p->step], (uint8_t)answer, &p->next)) {
			status_done(p, false);
			return;
		}
		if (++p->step < (int)(sizeof(status_n) / sizeof(status_n[0]))) {
			ask(p);
			return;
		}
		status_done(p, true);
		return;
	}
	case PRN_DATA:
		if (x->status == LIBUSB_TRANSFER_TIMED_OUT) {
			/* The printer stopped taking data: part of the receipt may be out, but
			 * not all of it, so the job failed. */
			log_warn("usbprn", "write timed out after %zu of %zu bytes", p->sent,
				 p->len);
			p->st = PRN_IDLE;
			finish_job(p, KIOSK_ETIMEDOUT);
			p->next_status_ms = 0;
			return;
		}
		if (x->status != LIBUSB_TRANSFER_COMPLETED) {
			p->st = PRN_IDLE;
			finish_job(p, KIOSK_EDEVICE);
			return;
		}
		p->sent += (size_t)x->actual_length;
		if (p->sent < p->len) {
			send_chunk(p);
			return;
		}
		p->st = PRN_IDLE;
		finish_job(p, 0);
		p->next_status_ms = 0; /* ask right away: the receipt may have used the paper */
		return;
	case PRN_IDLE:
	case PRN_DEAD: return;
	}
}

int usbprn_start(libusb_device_handle *h, const struct usbdev_match *m, int chunk,
		 int chunk_timeout_ms, int status_ms, struct usbprn **out)
{
	struct usbprn *p = calloc(1, sizeof(*p));

	if (!p)
		return KIOSK_ENOMEM;
	p->x = libusb_alloc_transfer(0);
	if (!p->x) {
		free(p);
		return KIOSK_ENOMEM;
	}
	p->h = h;
	p->m = *m;
	p->chunk = chunk > 0 ? chunk : 512;
	p->chunk_timeout_ms = chunk_timeout_ms > 0 ? chunk_timeout_ms : 5000;
	p->status_ms = status_ms > 0 ? status_ms : 1000;
	p->status.present = true;
	p->st = PRN_IDLE;
	*out = p;
	return 0;
}

void usbprn_tick(struct usbprn *p, int64_t now)
{
	if (p->st != PRN_IDLE || p->stopping || !p->m.ep_in)
		return;
	if (now < p->next_status_ms)
		return;
	p->step = 0;
	memset(&p->next, 0, sizeof(p->next));
	p->next.present = true;
	ask(p);
}

int usbprn_write(struct usbprn *p, const uint8_t *data, size_t len, usbprn_done_fn done, void *ctx)
{
	if (p->st == PRN_DEAD || p->stopping)
		return KIOSK_EDEVICE;
	if (p->st != PRN_IDLE)
		return KIOSK_EBUSY;
	p->data = data;
	p->len = len;
	p->sent = 0;
	p->done = done;
	p->done_ctx = ctx;
	send_chunk(p);
	return 0;
}

void usbprn_status(const struct usbprn *p, struct printer_status *out)
{
	*out = p->status;
}

bool usbprn_dead(const struct usbprn *p)
{
	return p->st == PRN_DEAD;
}

bool usbprn_stop(struct usbprn *p)
{
	if (!p->stopping) {
		p->stopping = true;
		if (p->inflight)
			libusb_cancel_transfer(p->x);
	}
	if (!p->inflight)
		finish_job(p, KIOSK_EDEVICE);
	return !p->inflight;
}

void usbprn_free(struct usbprn *p)
{
	if (!p)
		return;
	libusb_free_transfer(p->x);
	free(p);
}
