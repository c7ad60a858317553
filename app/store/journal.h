/* The payment journal: a sqlite file (WAL, synchronous=FULL) holding each payment's state.
 * A payment is written before it is sent; every state change is one transaction. */
#ifndef KIOSK_JOURNAL_H
#define KIOSK_JOURNAL_H

#include <stdbool.h>
#include <stdint.h>

enum journal_state {
	JOURNAL_CREATED,
	JOURNAL_SENT,
	JOURNAL_APPROVED,
	JOURNAL_DECLINED,
	JOURNAL_IN_DOUBT,
	JOURNAL_REVERSED,
	JOURNAL_RECEIPT_PRINTED,
	JOURNAL_CONFIRMED,
	JOURNAL_FAILED, /* never charged: refused by the portal, or the portal confirms it never
			 * saw the key */
	JOURNAL_STATE_COUNT
};

struct journal_payment {
	char idempotency_key[40];
	char customer_number[24];
	int64_t amount_cents;
	char brand[16];
	char last4[5];
	enum journal_state state;
	char reference[32];
	int64_t created_at; /* unix seconds */
	int64_t updated_at;
	char tender[16];     /* which tender took it ("" on create: "magstripe") */
	int64_t taken_cents; /* taken so far by a tender that takes money in parts */
};

/* A struct journal belongs to one thread (the store worker): it is not thread-safe.
 * Other processes (kioskctl, service mode) may open the same file; WAL lets them read. */
struct journal;

/* Opens or creates the file, sets WAL and synchronous=FULL, migrates the schema.
 * KIOSK_ESTORE when the file is unusable or from a newer schema than this firmware knows. */
int journal_open(const char *path, struct journal **out);
void journal_close(struct journal *j);

/* Inserts a payment in state JOURNAL_CREATED (p->state is ignored; created_at 0 means now).
 * The key must be new: a duplicate key, amount <= 0, a brand with digits or a last4 that is
 * not up to four digits gives KIOSK_EINVAL. Only brand and last four of a card are stored. */
int journal_create(struct journal *j, const struct journal_payment *p);

/* Moves a payment to `state`; reference may be NULL to keep the stored one.
 * The update and its payment_events row are one transaction. KIOSK_ENOTFOUND: no such key;
 * KIOSK_ESTATE: the journal's transition table has no move from the stored state to `state`
 * (nothing is changed). */
int journal_set_state(struct journal *j, const char *key, enum journal_state state,
		      const char *reference);

/* Records that taken_cents of a payment under way (sent or in doubt) were taken: only ever
 * more. KIOSK_ESTATE when the payment is not under way or the amount would shrink. */
int journal_set_taken(struct journal *j, const char *key, int64_t taken_cents);

/* Reads one payment by its key; KIOSK_ENOTFOUND when there is none. */
int journal_get(struct journal *j, const char *key, struct journal_payment *out);

/* Calls fn for each payment not yet in a final state (created, sent, in doubt), oldest
 * first. fn may call journal_set_state; a non-zero return from fn stops and is returned. */
int journal_each_unfinished(struct journal *j,
			    int (*fn)(const struct journal_payment *p, void *ctx), void *ctx);

/* Calls fn for every payment, oldest first (for listings and reprints); same rules as above. */
int journal_each_payment(struct journal *j, int (*fn)(const struct journal_payment *p, void *ctx),
			 void *ctx);

const char *journal_state_name(enum journal_state s);

/* Whether the journal allows a payment in `from` to move to `to` (its transition table). */
bool journal_transition_ok(enum journal_state from, enum journal_state to);

/* Whether a payment in s has an outcome a receipt can state: approved (whether or not its
 * receipt was printed or the portal confirmed it) or declined. */
bool journal_state_has_outcome(enum journal_state s);

/* Whether nothing may follow s (declined, failed, reversed). */
bool journal_state_final(enum journal_state s);

#endif
