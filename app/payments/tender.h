/* The tender port: one way to pay (the magstripe reader today; a card terminal and a cash
 * validator later) behind a struct of function pointers, so the payment state machine
 * (payment.h) drives them all alike. A tender talks to the party that takes the money (the
 * portal, a terminal, a validator) and can tell, from that party's record, what became of a
 * payment after a lost answer or a crash. */
#ifndef KIOSK_TENDER_H
#define KIOSK_TENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/portal/portal.h"
#include "app/store/journal.h"

enum tender_verdict {
	TENDER_APPROVED,
	TENDER_DECLINED,
};

/* One bill of a basket (several accounts paid with one tender, under one key). */
#define TENDER_MAX_BILLS 6
struct tender_bill {
	char customer_number[24];
	int64_t amount_cents;
};

/* Why a declined payment was declined, when the tender can tell: the resident is told in plain
 * words (the card step's messages), never the party's code. */
enum tender_decline {
	TENDER_DECLINE_OTHER,	     /* declined; the party gave no reason we know */
	TENDER_DECLINE_REFUSED,	     /* the card's bank said no */
	TENDER_DECLINE_FUNDS,	     /* not enough money on the card */
	TENDER_DECLINE_CARD_REMOVED, /* the card was taken out before the payment ended */
	TENDER_DECLINE_PIN_TRIES,    /* the PIN was wrong too many times */
	TENDER_DECLINE_NO_CARD,	     /* no card came in time */
	TENDER_DECLINE_CANCELLED,    /* the resident stopped it (Cancel on the kiosk) */
};

/* What the payment asks of a tender; key was journaled before the first call. */
struct tender_request {
	const char *key; /* the idempotency key: the same on every call about one payment */
	const char *customer_number;
	int64_t amount_cents;
	/* The party's reference from its approval ("" before one): a reversal names the
	 * transaction by it (a nexo terminal's POI transaction). */
	const char *reference;
	/* A basket: its bills (customer_number is the first one's, amount_cents their sum,
	 * plus any fee); 0 and NULL for one bill. */
	int n_bills;
	const struct tender_bill *bills;
	/* A basket paid in cash: the bill (index) whose account takes what went over the amount
	 * due; the first unless the resident chose another. */
	int credit_to;
};

/* A tender's answer. */
struct tender_result {
	bool pending; /* start/abort: the answer comes later through tender_report */
	enum tender_verdict verdict;
	int64_t amount_cents;	     /* what the party holds for the key (approved or asked for) */
	int64_t taken_cents;	     /* money taken so far (cash counts notes; cards: 0 or all) */
	char reference[32];	     /* the party's reference, shown and printed */
	char message[128];	     /* a decline's reason in plain words, or "" */
	enum tender_decline decline; /* a decline's kind, for the resident's words */
	char brand[16];		     /* the card's brand, when the tender learns it (terminal) */
	char last4[5];		     /* and its last four digits, never more */
	/* What a terminal says of the card (POITransactionID, approval code, entry mode, AID,
	 * application label): posted to the portal and printed on the EMV receipt. */
	struct journal_card card;
	/* A basket the party applied: each bill's balance once paid, in the request's order. */
	int n_bills;
	int64_t balance_cents[TENDER_MAX_BILLS];
};

/* What an asynchronous tender reports while it works, on the thread that owns the payment
 * (the worker posts it there as a job). */
enum tender_event_type {
	TENDER_EV_PROGRESS, /* .result.taken_cents grew: a note was credited */
	TENDER_EV_ANSWER,   /* the answer a pending start or abort promised: .rc, .result */
};

struct tender_event {
	enum tender_event_type type;
	int rc;
	struct tender_result result;
};

typedef void (*tender_report_fn)(void *ctx, const struct tender_event *ev);

/* Every function runs on the payment's thread and may block on its party (a deadline is the
 * tender's business). Results: 0 with *out filled; KIOSK_EINVAL: the party refused the request
 * itself (nothing taken); KIOSK_ETLS: the party was not trusted and nothing left the kiosk;
 * KIOSK_EOFFLINE: the party was not reached and nothing left the kiosk (a terminal in its daily
 * reboot: only a tender whose transport can tell says so; the portal's "not reached" may come
 * after the request left, so the magstripe never does); KIOSK_ENOTFOUND (status only): the party
 * never saw the key; anything else: the answer was lost, so the outcome is unknown. */
struct tender_ops {
	const char *name;  /* "magstripe", "terminal", "cash": for logs and the journal */
	const char *party; /* who holds the record: "portal", "terminal", "validator" */
	/* The party is not the portal: an approved payment is then posted to the portal, exactly
	 * once (docs/portal-api.md, "Terminal payments"), or reversed when the portal refuses it.
	 */
	bool post_to_portal;
	/* The party may still be working on a payment the kiosk lost track of (a terminal still
	 * waiting for a card after the kiosk crashed): recovery sends abort for every key sent
	 * and not settled before it asks status, so the party never charges for a payment
	 * nobody is watching (reconcile.h). */
	bool abort_in_doubt;

	/* Whether the tender can start now, and what it already knows of the card (brand and
	 * last four in *out). KIOSK_ESTATE: not ready (the magstripe: no card swiped). NULL:
	 * always ready, nothing known before start. */
	int (*prepare)(void *impl, struct tender_result *out);

	/* Starts taking rq->amount_cents. out->pending: the answer comes later. resend: the same
	 * request again under the same key, after the party said it never saw it; only called
	 * when can_resend says so. */
	int (*start)(void *impl, const struct tender_request *rq, bool resend,
		     struct tender_result *out);

	/* The party's own record of rq->key: how a lost answer or a crash is settled. */
	int (*status)(void *impl, const struct tender_request *rq, struct tender_result *out);

	/* Stops a payment under way (the resident cancelled, the session timed out); out says
	 * what was taken before it stopped. NULL: the tender cannot be stopped once started (the
	 * magstripe's one request). */
	int (*abort)(void *impl, const struct tender_request *rq, struct tender_result *out);

	/* Gives an approved payment back (a terminal's reversal, a validator's payout). NULL:
	 * the tender cannot. */
	int (*reverse)(void *impl, const struct tender_request *rq, struct tender_result *out);

	/* Whether start may be sent again under the same key (the magstripe: while the sealed
	 * card is still in memory). NULL: never. */
	bool (*can_resend)(void *impl);

	/* post_to_portal: the posting's body for rq->key (what the outbox keeps), from the
	 * tender's own record (a validator's journaled notes). NULL: a terminal's posting, from
	 * what the terminal said of the card. */
	int (*posting)(void *impl, const struct tender_request *rq, char *buf, size_t n);
};

/* A basket's bills as the portal's shares (docs/portal-api.md, "allocations"), for any tender
 * that tells the portal of them: out has room for PORTAL_MAX_BILLS. 0, or KIOSK_EINVAL for no
 * basket or one too big. */
int tender_bill_shares(const struct tender_request *rq, struct portal_bill_share *out);

#endif
