/* The portal API client: HTTPS (libcurl, always verifying) and JSON (jansson).
 * Calls block: run them on a worker thread, never on the UI thread. A struct portal is not
 * thread-safe: one per thread. */
#ifndef KIOSK_PORTAL_H
#define KIOSK_PORTAL_H

#include <stddef.h>
#include <stdint.h>

#include "app/crypto/seal.h"

struct portal_config {
	const char *base_url;	 /* "https://127.0.0.1:8443" */
	const char *ca_file;	 /* PEM of the CA the portal's certificate must chain to */
	const char *client_cert; /* optional PEM, for mutual TLS */
	const char *client_key;	 /* optional PEM */
	const char *pin;	 /* optional "sha256//BASE64" of the portal's public key */
	const char *kiosk_id;	 /* sent as X-Kiosk-Id */
	long timeout_ms;	 /* whole-request deadline */
	long connect_timeout_ms;
};

struct portal;

int portal_open(const struct portal_config *cfg, struct portal **out);
void portal_close(struct portal *p);
/* The "error" code of the last refused request ("" if it was not refused), e.g.
 * "certificate_revoked" when the portal no longer takes the kiosk's certificate. */
const char *portal_last_error(const struct portal *p);
/* The last refusal's "tries_left" (a wrong verification code), -1 when it had none. */
int portal_last_tries_left(const struct portal *p);

struct portal_bill {
	char customer_number[24]; /* digits only */
	char display_number[32];  /* as on the bill: "100-200-300" */
	char last_name[64];
	int64_t balance_cents;
	int64_t last_bill_cents;
	char due_date[11]; /* YYYY-MM-DD or "" */
	char last_payment_date[11];
	int64_t last_payment_cents;
};

/* Looks a bill up by customer number and either last name (last_name != NULL) or last bill
 * amount (last_name == NULL). Returns 0, KIOSK_ENOTFOUND (no match), KIOSK_ENET,
 * KIOSK_ETIMEDOUT, KIOSK_ETLS, KIOSK_ESERVER or KIOSK_EPROTO. */
int portal_lookup_bill(struct portal *p, const char *customer_number, const char *last_name,
		       int64_t last_bill_cents, struct portal_bill *out);

/* Looks a bill up by the text scanned from its barcode (app/common/billcode.h), which names
 * the account and proves it. 0, KIOSK_ENOTFOUND (no such bill of the city), KIOSK_ESTATE (a
 * newer bill was issued: *latest gets its date, YYYY-MM-DD, when latest is not NULL),
 * KIOSK_EINVAL (the portal says it is not one of its bills), or the errors of
 * portal_lookup_bill. */
int portal_lookup_scanned(struct portal *p, const char *barcode, struct portal_bill *out,
			  char latest[11]);

enum portal_pay_status { PORTAL_PAY_APPROVED, PORTAL_PAY_DECLINED };

/* One bill of a basket: several accounts paid with one card under one key
 * (docs/portal-api.md, "Several bills in one payment"). */
#define PORTAL_MAX_BILLS 6
struct portal_bill_share {
	char customer_number[24];
	int64_t amount_cents;
	int64_t balance_cents; /* in an answer: the account's balance once it was paid */
};

struct portal_payment {
	enum portal_pay_status status;
	char reference[32]; /* the portal's reference, shown and printed */
	char message[128];  /* decline reason in plain words, or "" */
	/* The issuer's authorization (approval) code of an approved card payment the portal
	 * decided (a swipe): 1 to 15 letters or digits, printed on the receipt; "" otherwise. */
	char approval_code[16];
	int64_t amount_cents;
	int n_bills; /* a basket's bills as the portal applied them; 0 for one bill */
	struct portal_bill_share bills[PORTAL_MAX_BILLS];
};

/* Sends a card payment under an idempotency key; a retry must reuse the key.
 * KIOSK_ETIMEDOUT or KIOSK_ENET after the request may have left means "in doubt"; so does
 * KIOSK_EPROTO, an answer not understood (an approval without its approval code among them). */
int portal_pay(struct portal *p, const char *idempotency_key, const char *customer_number,
	       int64_t amount_cents, const struct card_sealed *card, struct portal_payment *out);

/* portal_pay for a basket of 2 to PORTAL_MAX_BILLS bills of different accounts: one key,
 * one card, amount_cents their sum; the portal applies all of them or none. The answer's bills
 * must be the ones asked, else KIOSK_EPROTO (in doubt). */
int portal_pay_bills(struct portal *p, const char *idempotency_key,
		     const struct portal_bill_share *bills, int n_bills, int64_t amount_cents,
		     const struct card_sealed *card, struct portal_payment *out);

/* Bank notes of one denomination in a cash payment. */
struct portal_cash_note {
	int64_t cents; /* one note's value */
	int count;
};

/* The posting of a cash payment (docs/portal-api.md), sent with portal_post_payment like a
 * terminal's: every note the validator credited, the amount due, and the credit over it.
 * Built from the journal's notes, so every retry (direct, outbox, recovery) is the same. 0, or
 * KIOSK_EINVAL (a bad key, customer number or note list, or cap too small). */
int portal_cash_body(const char *idempotency_key, const char *customer_number,
		     int64_t amount_due_cents, const struct portal_cash_note *notes, int n_notes,
		     char *out, size_t cap);

/* A basket paid in cash: its bills (2 to PORTAL_MAX_BILLS, summing to the amount due), and
 * the index of the one whose account takes the credit over the amount due. */
struct portal_cash_basket {
	const struct portal_bill_share *bills;
	int n_bills;
	int credit_to;
};

/* portal_cash_body for a basket (docs/portal-api.md, "A basket through a terminal or with
 * cash"): allocations in place of the customer number, and cash.credit_to. */
int portal_cash_basket_body(const char *idempotency_key, const struct portal_cash_basket *basket,
			    int64_t amount_due_cents, const struct portal_cash_note *notes,
			    int n_notes, char *out, size_t cap);

/* Asks what became of a payment; KIOSK_ENOTFOUND when the portal never saw the key. */
int portal_payment_status(struct portal *p, const char *idempotency_key,
			  struct portal_payment *out);

/* A payment another party took (a card terminal) as the portal is told of it
 * (docs/portal-api.md, "Terminal payments"). */
struct portal_posting {
	const char *idempotency_key; /* the journaled key: the terminal's SaleTransactionID */
	const char *customer_number;
	int64_t amount_cents;	    /* to the bill */
	int64_t fee_cents;	    /* the card fee, its own line (0: none) */
	const char *tender;	    /* "terminal" */
	const char *transaction_id; /* the terminal's POITransactionID */
	const char *approval_code;
	const char *brand;
	const char *last4;
	const char *entry_mode; /* "chip", "tap", "swipe", "wallet", "keyed" */
	/* A basket: its bills (2 to PORTAL_MAX_BILLS, summing to amount_cents) go in place of
	 * customer_number; 0 and NULL for one bill. */
	int n_bills;
	const struct portal_bill_share *bills;
};

/* The posting's JSON body into buf (what the outbox keeps): 0, or KIOSK_EINVAL for a field
 * the portal would refuse or a buf too small. */
int portal_posting_json(const struct portal_posting *pp, char *buf, size_t n);

/* Posts a body from portal_posting_json under its key; idempotent, so a retry (the outbox)
 * sends the same body again. 0 with out (status approved, the portal's reference);
 * KIOSK_EINVAL or KIOSK_ENOTFOUND when the portal refused it (it will never take it);
 * otherwise the portal was out of reach or the answer lost: send it again. */
int portal_post_payment(struct portal *p, const char *idempotency_key, const char *body_json,
			struct portal_payment *out);

/* Tells the portal what the resident was shown for a payment: body_json is
 * {"outcome_shown": "approved"|"declined"|"in_doubt", "receipt_printed": true|false}, as the
 * outbox keeps it. Idempotent; KIOSK_ENOTFOUND when the portal has no payment under the key. */
int portal_confirm_payment(struct portal *p, const char *idempotency_key, const char *body_json);
/* Sends one staff audit event (body_json from the audit log) under its event id; the portal
 * keeps one copy per id, so outbox retries are harmless. */
int portal_send_audit(struct portal *p, const char *event_id, const char *body_json);
/* Requests made and new connections (TLS handshakes) opened so far. */
void portal_stats(const struct portal *p, long *requests, long *connections);

#endif
