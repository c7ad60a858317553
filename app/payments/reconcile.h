/* Reconciliation: settles journaled payments whose outcome the kiosk does not know by asking
 * the party that holds the record (through the tender's status, tender.h) about their
 * idempotency keys. Each payment runs through the payment state machine's recovery
 * (payment.h). It never resends: only the payment in session may, with the same key and only
 * while the tender still holds what it needs (the sealed card in memory). */
#ifndef KIOSK_RECONCILE_H
#define KIOSK_RECONCILE_H

#include <stdbool.h>
#include <stdint.h>

#include "app/payments/tender.h"
#include "app/store/journal.h"

struct reconcile_pass {
	int checked; /* payments looked at */
	int settled; /* given a final state this pass */
	int open;    /* still unfinished after it */
	int error;   /* the first error that stopped the pass asking, or 0 */
};

/* Called for each payment this pass settled, with its new state and reference. */
typedef void (*reconcile_settled_fn)(const struct journal_payment *before, enum journal_state after,
				     const char *reference, void *ctx);

/* One pass over every unfinished payment this tender took (journal_each_unfinished, those
 * whose journaled tender is tender->name; the others are left to their own tender's pass):
 * - created: the request never left (it is marked sent first): failed, nothing charged;
 * - sent or in doubt: the party's answer for the key settles it approved or declined (unless
 *   it holds another amount: left for staff); "never saw it" settles it failed only once
 *   grace_s passed since it was last sent, because until then the request itself may still
 *   be on its way;
 * - the party out of reach: the pass stops asking (the rest wait for the next one).
 * A tender with abort_in_doubt gets an abort for each sent or in-doubt key first, at once:
 * the party may still be waiting for a card nobody will present, and must not take one
 * later; the abort's answer is not awaited (status tells what became of the payment).
 * Returns 0 (see *out) or a journal error. */
int reconcile_all(const struct tender_ops *tender, void *impl, struct journal *journal,
		  int64_t now_s, int64_t grace_s, reconcile_settled_fn on_settled, void *ctx,
		  struct reconcile_pass *out);

/* The same with several tenders: each payment is asked of the one whose name the journal
 * recorded for it (the first when none matches). */
struct reconcile_tender {
	const struct tender_ops *ops;
	void *impl;
};
int reconcile_tenders(const struct reconcile_tender *tenders, int n, struct journal *journal,
		      int64_t now_s, int64_t grace_s, reconcile_settled_fn on_settled, void *ctx,
		      struct reconcile_pass *out);

#endif
