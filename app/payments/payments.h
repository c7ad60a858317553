/* The payment service on the worker thread: runs the payment state machine (payment.h) against
 * the journal and the tender the resident chose (tender.h; a registry with one tender per way
 * to pay: the card terminal or the magstripe reader, cash), keeps the resident's current
 * payment for the receipt, tells the portal what the resident was shown (sync.h), and settles
 * payments in doubt, at start and in the background, from the party's record. Answers come
 * back as core events. */
#ifndef KIOSK_PAYMENTS_H
#define KIOSK_PAYMENTS_H

#include <stdbool.h>
#include <stdint.h>

#include "app/core/core.h"
#include "app/crypto/seal.h"
#include "app/payments/magstripe.h"
#include "app/payments/receipts.h"
#include "app/payments/sync.h"
#include "app/payments/tender.h"
#include "app/portal/portal.h"
#include "app/store/journal.h"
#include "drivers/card/card.h"

/* One tender of the registry: its port and its implementation. */
struct payments_tender {
	const struct tender_ops *ops;
	void *impl;
};

struct payments_config {
	struct journal *journal; /* not owned */
	struct portal *portal;	 /* not owned */
	struct sealer *sealer;	 /* not owned */
	struct sync *sync;	 /* not owned */
	int64_t grace_s;    /* how long a request sent before a crash may still be on its way */
	bool chip_terminal; /* a chip terminal takes chip cards: swipes of them are refused */
	/* The tenders, one per way to pay (enum core_tender): a payment uses the one its effect
	 * names. The card's NULL: the magstripe reader over the portal; any other NULL: that
	 * way to pay is not offered here. Tests give canned ones. */
	struct payments_tender tenders[CORE_TENDER_COUNT];
	/* The notes of a cash payment, for its receipt (impl: the cash tender's); may be NULL. */
	int (*cash_notes)(void *impl, const char *key, struct portal_cash_note *out, int cap,
			  int *n);
	/* Money taken so far by a tender that takes it in parts, once journaled; may be NULL. */
	void (*on_progress)(void *ctx, int64_t taken_cents);
	void *progress_ctx;
};

struct payments;

int payments_open(const struct payments_config *cfg, struct payments **out);
void payments_close(struct payments *ps);

/* CORE_FX_READER_ON / CORE_FX_READER_OFF. */
void payments_reader(struct payments *ps, bool on);

/* A swipe from a reader (wiped here): 0 with ev filled (CORE_EV_CARD_READ), or KIOSK_ESTATE
 * when it was ignored (not on the card step): no event. */
int payments_swipe(struct payments *ps, struct card_swipe *swipe, struct core_event *ev);

/* The sealed card held (for Auto Pay by card), or NULL; and dropping it (also
 * CORE_FX_DROP_CARD: nothing else changes). */
const struct card_sealed *payments_card(const struct payments *ps);
void payments_drop_card(struct payments *ps);

/* CORE_FX_PAY: journals, sends, settles; fills ev (CORE_EV_PAY_DONE). Returns false when the
 * answer comes later (an asynchronous tender): payments_tender_event then fills it. */
bool payments_pay(struct payments *ps, const struct core_effect *fx, struct core_event *ev);

/* CORE_FX_PAY_ABORT (fx NULL: whatever is under way, at shutdown): asks the tender taking
 * the payment to stop. True when ev
 * (CORE_EV_PAY_DONE) was filled now; false when the tender's answer comes later (through
 * payments_tender_event) or there was nothing to stop. */
bool payments_abort(struct payments *ps, const struct core_effect *fx, struct core_event *ev);

/* Whether a payment is under way (started, not finished): a tender may still report. */
bool payments_busy(const struct payments *ps);

/* The tender registered for a way to pay, or NULL when it is not offered. */
const struct payments_tender *payments_tender_for(const struct payments *ps, enum core_tender way);

/* What an asynchronous tender reported; true when ev (CORE_EV_PAY_DONE) was filled. */
bool payments_tender_event(struct payments *ps, const struct tender_event *tev,
			   struct core_event *ev);

/* CORE_FX_PRINT: the current payment's receipt; fills ev (CORE_EV_PRINT_DONE). */
void payments_print(struct payments *ps, const struct receipts_env *env, struct core_event *ev);

/* CORE_FX_END_SESSION: the portal hears what was shown (if no receipt told it yet); the card
 * and the current payment are wiped. */
void payments_end_session(struct payments *ps);

/* The resident's current payment ("valid" false when none). */
const struct payment_record *payments_current(const struct payments *ps);

/* One recovery pass over the journal's unfinished payments (at start, and in the
 * background): returns how many are still open. */
int payments_recover(struct payments *ps);

/* When the next background recovery pass is due (wall-clock ms), or -1; and running it. */
int64_t payments_due_ms(const struct payments *ps);
void payments_background(struct payments *ps);

#endif
