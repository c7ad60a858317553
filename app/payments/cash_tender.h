/* The cash tender: a bill validator behind the tender port. A payment opens the validator for
 * notes; each note in escrow is taken only within the kiosk's limits (denominations, most per
 * payment, most credit over the amount due), else returned with the reason for the resident;
 * each credited note is written to the journal (app/store/cash_notes) on the validator's
 * thread before the device hears it was taken; "Done" (the machine's abort) or the timeout
 * closes the validator and answers with what the notes came to. The payment service then
 * posts them to the portal like a terminal's approval (post_to_portal: the outbox when the
 * portal is down), the body made from the journal's notes (tender_ops.posting). After a crash
 * the journal's notes are the record: recovery approves and posts them under the same key,
 * and the portal takes a key once.
 *
 * Threads: the validator hooks (cash_tender_hooks) run on the device's thread (USB or the
 * simulator's); the tender_ops on the payment's (the worker). A lock keeps them apart. */
#ifndef KIOSK_CASH_TENDER_H
#define KIOSK_CASH_TENDER_H

#include <stdbool.h>
#include <stdint.h>

#include "app/core/core.h"
#include "app/payments/tender.h"
#include "app/portal/portal.h"
#include "drivers/cash/validator.h"
#include "drivers/devices.h"

#define CASH_MAX_DENOMS 8

/* What a payment may take in cash ([cash] settings). */
struct cash_limits {
	int64_t denominations[CASH_MAX_DENOMS]; /* notes taken, cents; none listed: every one */
	int n_denominations;
	int64_t max_payment_cents; /* the most notes one payment may take; 0: no limit */
	int64_t max_credit_cents;  /* the most over the amount due; 0: none at all */
};

/* Why a note went back, for the resident (the core has the words), with the amount the words
 * name in dollars ("" when none). */
typedef void (*cash_refused_fn)(void *ctx, enum core_cash_refusal why, const char *arg);

/* A note that became the city's money, after it is journaled (for the cash box counts);
 * key: the payment it counts in ("" none). On the device thread. */
typedef void (*cash_note_fn)(void *ctx, const char *key, const struct val_credit *c);

struct cash_tender_config {
	const char *journal_path; /* the notes are written here, on the device's thread */
	struct portal *portal;	  /* not owned; worker thread */
	struct sync *sync;	  /* not owned: the outbox, when the portal is down */
	struct cash_limits limits;
	int finish_wait_ms;	 /* Done waits this long for a note on its way in; 0: 8000 */
	tender_report_fn report; /* a note credited (TENDER_EV_PROGRESS), device thread */
	void *report_ctx;
	cash_refused_fn refused; /* a note returned, device thread; may be NULL */
	void *refused_ctx;
	cash_note_fn on_note; /* may be NULL */
	void *note_ctx;
	/* The device's status changed (device thread); may be NULL. */
	void (*on_status)(void *ctx, const struct val_status *st);
	void *status_ctx;
};

struct cash_tender;

int cash_tender_open(const struct cash_tender_config *cfg, struct cash_tender **out);
void cash_tender_close(struct cash_tender *ct);

/* The hooks to give the validator when it is opened (ctx is the tender). */
void cash_tender_hooks(struct cash_tender *ct, struct val_hooks *out);

/* The validator, once opened (its hooks are the tender's). */
void cash_tender_attach(struct cash_tender *ct, const struct cash_ops *ops, void *impl);

/* The notes of a payment, by denomination (for the receipt); 0 or KIOSK_ESTORE. */
int cash_tender_notes(struct cash_tender *ct, const char *key, struct portal_cash_note *out,
		      int cap, int *n);

extern const struct tender_ops cash_tender_ops;

#endif
