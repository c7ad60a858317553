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

/* A payment another party took (a card terminal) must also reach the portal, exactly once
 * (docs/portal-api.md, "Terminal payments"): where that posting stands. */
enum journal_post {
	JOURNAL_POST_NONE, /* the portal is the party that took it (magstripe): nothing to post */
	JOURNAL_POST_PENDING, /* to be posted once approved (and while approved, not yet done) */
	JOURNAL_POST_QUEUED,  /* the portal was out of reach: the outbox carries the posting */
	JOURNAL_POST_DONE,    /* the portal has it (post_reference is its reference) */
	JOURNAL_POST_REFUSED, /* the portal refused it: the kiosk cannot stand behind the charge,
			       * which is reversed (state reversed once the terminal agrees) */
	JOURNAL_POST_COUNT
};

/* What a terminal said about an approved card, for the posting and the EMV receipt lines.
 * No card number: the AID names the card application, not the card. */
struct journal_card {
	char terminal_txn[65];	/* the terminal's POITransactionID */
	char approval_code[16]; /* the issuer's approval (authorisation) code */
	char entry_mode[12];	/* "chip", "tap", "swipe", "wallet", "keyed" */
	char aid[33];		/* EMV application identifier, hex */
	char app_label[33];	/* the card application's name ("VISA CREDIT") */
};

/* One bill of a basket (several accounts paid at once): the journal keeps each bill's
 * share beside the payment, whose customer_number is the first bill's and amount_cents the
 * sum. */
#define JOURNAL_MAX_BILLS 6
struct journal_bill {
	char customer_number[24];
	int64_t amount_cents;
	/* Schema 5: the bill whose account takes a cash credit (what went over the amount
	 * due). On create, the first marked (none: the first bill). */
	bool takes_credit;
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
	/* Schema 3. The card fee is a line of its own: amount_cents is what goes to the bill,
	 * amount_cents + fee_cents what the card is charged. */
	int64_t fee_cents;
	enum journal_post
	    post; /* on create: NONE, or PENDING for a tender the portal must hear of */
	char post_reference[32];
	struct journal_card card;
	/* Schema 4. A basket's bills (2 to JOURNAL_MAX_BILLS, summing to amount_cents), written
	 * with the payment in one transaction; 0 for one bill. Read back with journal_bills. */
	int n_bills;
	struct journal_bill bills[JOURNAL_MAX_BILLS];
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

/* The bills of a basket payment, in order, into out (up to max): *n is 0 for a payment of
 * one bill. KIOSK_ENOTFOUND: no such key. */
int journal_bills(struct journal *j, const char *key, struct journal_bill *out, int max, int *n);

/* A basket paid in cash: the bill at seq takes the credit over the amount due (the resident
 * chose its account). Only while the posting is pending: KIOSK_ESTATE when the payment is no
 * basket, has no such bill or was already posted or queued. */
int journal_set_credit_bill(struct journal *j, const char *key, int seq);

/* Moves a payment to `state`; reference may be NULL to keep the stored one.
 * The update and its payment_events row are one transaction. KIOSK_ENOTFOUND: no such key;
 * KIOSK_ESTATE: the journal's transition table has no move from the stored state to `state`
 * (nothing is changed). */
int journal_set_state(struct journal *j, const char *key, enum journal_state state,
		      const char *reference);

/* Records that taken_cents of a payment under way (sent or in doubt) were taken: only ever
 * more. KIOSK_ESTATE when the payment is not under way or the amount would shrink. */
int journal_set_taken(struct journal *j, const char *key, int64_t taken_cents);

/* Records what the party said of the card (brand, last four, struct journal_card: a terminal's
 * details, or the approval code of a swipe the portal approved) while the payment is under way
 * (sent or in doubt), before its approval or decline is marked; a brand and last4 of "" keep
 * the ones journaled at create:
 * KIOSK_ESTATE otherwise, KIOSK_EINVAL for a brand with digits, a last4 that is not up to four
 * digits or an AID that is not hex. */
int journal_set_card(struct journal *j, const char *key, const char *brand, const char *last4,
		     const struct journal_card *card);

/* Moves a payment's posting (see enum journal_post); post_reference may be NULL to keep the
 * stored one. KIOSK_ESTATE for a payment that has no posting (NONE) or whose posting is done. */
int journal_set_post(struct journal *j, const char *key, enum journal_post post,
		     const char *post_reference);

/* Calls fn for each approved payment whose posting is pending or refused (what the kiosk
 * still owes the portal or the resident), oldest first; same rules as journal_each_unfinished. */
int journal_each_unposted(struct journal *j, int (*fn)(const struct journal_payment *p, void *ctx),
			  void *ctx);

const char *journal_post_name(enum journal_post p);

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
