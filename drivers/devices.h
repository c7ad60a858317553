/* The devices as the rest of the app sees them: a printer, a card reader and a bill validator
 * behind small interfaces, so the worker drives the simulated devices and the USB ones
 * alike. */
#ifndef KIOSK_DEVICES_H
#define KIOSK_DEVICES_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/card/card.h"
#include "drivers/cash/validator.h"
#include "drivers/printer/receipt.h"

/* What a printer says about itself. `present` is false while nothing is plugged in. */
struct printer_status {
	bool present;
	bool online;
	bool paper_near_end;
	bool paper_out;
	bool cover_open;
	bool error; /* cutter jam, unrecoverable or any error the printer stopped for */
	/* Why, from DLE EOT 3 (or an ASB packet): staff need to know which. */
	bool cutter_error;	  /* autocutter jammed: clear it and close the cover */
	bool unrecoverable_error; /* head or board fault: the printer needs service */
	bool recoverable_error;	  /* head too hot and the like: clears by itself */
};

/* True when a receipt cannot be printed right now. */
static inline bool printer_status_blocked(const struct printer_status *st)
{
	return !st->present || !st->online || st->paper_out || st->cover_open || st->error;
}

struct printer_ops {
	/* Prints one receipt and returns only once the printer accepted all of it (0), or
	 * KIOSK_EPAPER (paper out, cover open), KIOSK_EDEVICE (gone, refused) or
	 * KIOSK_ETIMEDOUT. Blocks the calling (worker) thread, never the UI. */
	int (*print)(void *impl, const struct receipt *r, receipt_tr_fn tr);
	/* The last known status; never blocks on I/O. */
	int (*status)(void *impl, struct printer_status *out);
	/* Prints plain lines that are not a payment's receipt (a test page, the day report), like
	 * print. */
	int (*print_text)(void *impl, const char *text);
	/* How many columns a line of print_text may have (the printer profile's font A). */
	int (*columns)(void *impl);
};

/* A bill validator, from any thread; its hooks (struct val_hooks: escrow, credit, rejected,
 * status) were given when it was opened and run on its own thread. Each returns 0, or
 * KIOSK_EDEVICE when no validator is there now (the wish to accept is remembered). */
struct cash_ops {
	/* Accept notes (a cash payment is open) or not. */
	int (*accepting)(void *impl, bool on);
	/* The answer to an escrow hook that said VAL_WAIT; reason is shown when refused. */
	int (*decide)(void *impl, bool accept, const char *reason);
	/* Staff cleared a jam, an emptied cash box, a full stacker, a fraud alarm. */
	int (*clear_faults)(void *impl);
	/* The last known status; never blocks on I/O. */
	int (*status)(void *impl, struct val_status *out);
};

/* Where a reader hands a swipe. The callee takes the data and wipes the caller's copy. */
typedef void (*devices_swipe_fn)(void *ctx, struct card_swipe *swipe);

/* Where a barcode scanner hands a scan: its text, NUL-terminated (the callee copies it). */
typedef void (*devices_scan_fn)(void *ctx, const char *text);

/* Called when a device's state changed (plugged, unplugged, paper out...). */
typedef void (*devices_changed_fn)(void *ctx);

#endif
