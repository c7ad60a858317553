/* The worker: runs the core's effects (portal, journal, card sealing, printing) on a thread of
 * its own and hands the results back as core events, so the UI thread never waits. */
#ifndef KIOSK_WORKER_H
#define KIOSK_WORKER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/core.h"
#include "app/portal/portal.h"
#include "drivers/card/card.h"
#include "drivers/devices.h"
#include "drivers/terminal/display.h"
#include "drivers/terminal/terminal.h"

struct inbox;
struct service_snapshot;

struct worker_config {
	struct portal_config portal;
	const char *journal_path;
	const char *outbox_path;
	const char *audit_path; /* staff audit log and day closes; NULL: no service mode */
	const char *pin_hash;	/* [service] pin_hash, "" when none */
	bool allow_demo_pin;	/* [service] allow_demo_pin: the demo and tests only */
	struct service_snapshot *snapshot; /* kioskctl's view, kept current; may be NULL */
	const char *seal_key;		   /* the portal's public key for sealing card data */
	const char *devices;		   /* "sim" or "usb" */
	const char *wedge_readers;	   /* "vvvv:pppp,..."; NULL or "": the defaults */
	const char *scanners;		   /* [devices] scanners: "vvvv:pppp,..." or "" */
	const char *printer_profile;	   /* NULL or "": from the device table */
	bool chip_terminal;		   /* a chip terminal takes chip cards: swipes of them are
					    * sent there */
	/* The card tender: a payment terminal (terminal.url set) or, NULL url, the magstripe
	 * reader. */
	struct terminal_config terminal;
	/* Where the terminal POSTs its display notifications (listen NULL: it does not), so
	 * the card step mirrors its prompts. */
	struct terminal_display_config terminal_display;
	const char *receipts_dir; /* simulated printer output */
	const char *mono_font;	  /* for the simulated printer's PNG */
	const char *kiosk_id;
	const char *receipt_header;
	const char *receipt_footer; /* NULL or "": none */
	const char *receipt_qr_url; /* the QR code's link pattern; NULL or "": the reference */
	const char *city_phone;	    /* printed on every receipt; NULL or "": none */
	const char *city_website;
	/* [cash]: "itl" (a validator, simulated with devices "sim"), or NULL / "none". */
	const char *cash_device;
	const char *cash_denominations; /* "1,5,10,20" */
	int64_t cash_max_payment_cents;
	int64_t cash_max_credit_cents;
	uint64_t cash_fixed_key; /* 0: ITL's default */
	/* The simulated validator's memory across restarts (essp_emu_config.state_path), beside
	 * the journal; NULL: none. */
	const char *cash_sim_state;
	/* The cash box's records (app/store/cashbox: counts, emptyings, the validator's serial,
	 * the cash alarm), beside the journal; used only with a validator. */
	const char *cashbox_path;
	/* Where results go (INBOX_RESULT, a malloc'd struct core_event): the UI thread's. */
	struct inbox *inbox;
};

struct worker;

/* Opens the journal and the devices, starts the thread. Fails when the journal cannot be
 * opened: a kiosk that cannot record payments must not take them. */
int worker_start(const struct worker_config *cfg, struct worker **out);
void worker_stop(struct worker *w);

/* Queues an effect; never blocks on I/O. lang is the resident's language (for receipts). */
void worker_submit(struct worker *w, const struct core_effect *fx, enum core_lang lang);

/* Queues a swipe from a reader; the worker parses, checks and seals it, then wipes it.
 * The caller's copy is wiped here too. */
void worker_swipe(struct worker *w, struct card_swipe *swipe);

/* The printer's last known status (sim or USB); never blocks on I/O. */
void worker_printer_status(struct worker *w, struct printer_status *out);

/* Whether a barcode scanner is there: always with --devices sim, a USB one attached with
 * --devices usb. Never blocks on I/O. */
bool worker_scanner_present(struct worker *w);

/* The simulated bill validator (--devices sim with [cash]), for journeys; NULL when none. */
struct sim_cash *worker_cash_sim(struct worker *w);

/* The simulated printer's last receipt text ("" if none; nothing with USB devices). */
void worker_last_receipt(struct worker *w, char *buf, size_t n);

/* For tests and the demo: the simulated printer runs out of paper (1) or is refilled (0). */
void worker_set_paper_out(struct worker *w, int out);

/* A staff operation (CORE_FX_SERVICE) for kioskctl: done is called on the worker thread with
 * the answer instead of it going to the core. */
void worker_service(struct worker *w, const struct core_effect *fx,
		    void (*done)(void *ctx, const struct core_event *ev), void *ctx);

#endif
