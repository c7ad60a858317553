/* nexo Sale-to-POI messages as JSON, in the message set Adyen's Terminal API documents:
 * building the kiosk's requests (Payment, Abort, TransactionStatus, Reversal, Diagnosis) and
 * parsing the terminal's answers exactly as the vendor shapes them.
 *
 * Money never passes through a float. Amounts are written as JSON decimals from integer cents
 * ("12.34"), and read from the number token's own text: nexo_json_load hands jansson a copy
 * of the document in which every number token is replaced by its index into a table of the
 * original token texts, so a JSON number reaches us as text and a JSON string stays a string.
 *
 * Card data: only the last four digits of MaskedPan are kept; AdditionalResponse (which holds
 * the card's BIN, alias and expiry) is read for a few named keys and then dropped. */
#ifndef KIOSK_NEXO_H
#define KIOSK_NEXO_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/* ---- amounts: integer cents <-> JSON decimal text ---- */

/* The largest amount either way (99,999,999.99): well inside int64, far above any bill. */
#define NEXO_AMOUNT_MAX_CENTS 9999999999LL

/* "12.34" for 1234; n must hold 16 bytes. KIOSK_EINVAL for negative or too large amounts. */
int nexo_amount_format(int64_t cents, char *out, size_t n);

/* A JSON number token's text as cents, exactly: "12.34", "12.3", "12", "1.2340", "1234e-2".
 * KIOSK_EPROTO for anything that is not a JSON number, is negative, has a fraction of a cent
 * or is above NEXO_AMOUNT_MAX_CENTS. */
int nexo_amount_parse(const char *text, size_t len, int64_t *cents);

/* ---- JSON with exact numbers ---- */

struct nexo_doc {
	json_t *root;
	char *text;	 /* the original document (NUL-terminated copy) */
	size_t *num_off; /* number token i is text[num_off[i]] .. + num_len[i] */
	size_t *num_len;
	size_t num_count;
};

/* Parses a JSON document keeping every number token's text. KIOSK_EPROTO on bad JSON (or
 * more than 4096 numbers), KIOSK_ENOMEM. Free with nexo_doc_free. */
int nexo_json_load(const char *text, size_t len, struct nexo_doc *doc);
void nexo_doc_free(struct nexo_doc *doc);

/* The text of a JSON number in doc (v must come from doc->root). KIOSK_EPROTO if v is not a
 * number (a string "12.34" is not a number). */
int nexo_doc_number(const struct nexo_doc *doc, const json_t *v, const char **text, size_t *len);
/* A JSON number in doc as cents (nexo_amount_parse). */
int nexo_doc_amount(const struct nexo_doc *doc, const json_t *v, int64_t *cents);
/* A JSON number in doc that is a whole number 0..INT32_MAX. */
int nexo_doc_int(const struct nexo_doc *doc, const json_t *v, int *out);

/* A value that nexo_dump writes as the JSON decimal of `cents`; NULL when out of range. */
json_t *nexo_json_amount(int64_t cents);
/* Compact JSON text of doc with every nexo_json_amount written as its decimal. Caller frees. */
int nexo_dump(const json_t *doc, char **out);

/* ---- identifiers ---- */

/* SaleID, POIID, SaleTransactionID: 1..64 of [A-Za-z0-9._-]. */
int nexo_id_ok(const char *s);
/* ServiceID: 1..10 of [A-Za-z0-9] (the limit Adyen's terminals enforce). */
int nexo_service_id_ok(const char *s);
/* A fresh random ServiceID (10 characters); buf holds 11. */
int nexo_service_id_new(char *buf, size_t n);
/* The ServiceID of the Payment for a journaled key (10 characters of base 62 from its
 * SHA-256): after a crash, TransactionStatus and Abort can name the payment from the key
 * alone. buf holds 11. */
int nexo_service_id_for(const char *key, char *buf, size_t n);
/* ISO 8601 UTC with milliseconds, "2026-12-01T22:19:51.000Z", from ms since the epoch; n >= 25. */
int nexo_timestamp(int64_t epoch_ms, char *out, size_t n);

/* ---- requests ---- */

/* Who is talking: the kiosk (SaleID), the terminal (POIID), and this request's ServiceID. */
struct nexo_ids {
	const char *sale_id;
	const char *poi_id;
	const char *service_id;
};

/* A Payment of `cents` in `currency` ("USD"), identified by the kiosk's SaleTransactionID
 * {TransactionID, TimeStamp}. */
int nexo_build_payment(const struct nexo_ids *ids, const char *sale_txn_id, int64_t epoch_ms,
		       const char *currency, int64_t cents, char **out);
/* Abort of the request with ServiceID payment_service_id (the resident tapped Cancel). */
int nexo_build_abort(const struct nexo_ids *ids, const char *payment_service_id, char **out);
/* TransactionStatus of the Payment sent with ServiceID payment_service_id. */
int nexo_build_transaction_status(const struct nexo_ids *ids, const char *payment_service_id,
				  char **out);
/* Reversal of an approved payment, named by its POITransactionID {TransactionID, TimeStamp}. */
int nexo_build_reversal(const struct nexo_ids *ids, const char *poi_txn_id, const char *poi_txn_ts,
			char **out);
/* Diagnosis: the terminal's health. */
int nexo_build_diagnosis(const struct nexo_ids *ids, char **out);

/* ---- responses ---- */

enum nexo_category {
	NEXO_CAT_NONE,
	NEXO_CAT_PAYMENT,
	NEXO_CAT_ABORT,
	NEXO_CAT_TRANSACTION_STATUS,
	NEXO_CAT_REVERSAL,
	NEXO_CAT_DIAGNOSIS,
	NEXO_CAT_EVENT, /* an EventNotification: a Reject of our message, or a display prompt */
};

enum nexo_result { NEXO_RESULT_SUCCESS, NEXO_RESULT_PARTIAL, NEXO_RESULT_FAILURE };

/* Response.ErrorCondition. */
enum nexo_error {
	NEXO_ERR_NONE,
	NEXO_ERR_ABORTED, /* we sent Abort and the terminal stopped */
	NEXO_ERR_BUSY,
	NEXO_ERR_CANCEL, /* the cardholder cancelled or removed the card */
	NEXO_ERR_DEVICE_OUT,
	NEXO_ERR_IN_PROGRESS,
	NEXO_ERR_INSERTED_CARD,
	NEXO_ERR_INVALID_CARD,
	NEXO_ERR_LOGGED_OUT,
	NEXO_ERR_MESSAGE_FORMAT,
	NEXO_ERR_NOT_ALLOWED,
	NEXO_ERR_NOT_FOUND,
	NEXO_ERR_PAYMENT_RESTRICTION,
	NEXO_ERR_REFUSAL, /* declined by the issuer */
	NEXO_ERR_UNAVAILABLE_DEVICE,
	NEXO_ERR_UNAVAILABLE_SERVICE,
	NEXO_ERR_UNREACHABLE_HOST,
	NEXO_ERR_WRONG_PIN,
	NEXO_ERR_OTHER, /* a condition this codec does not know */
};

/* How the card reached the terminal (CardData.EntryMode). */
enum nexo_entry {
	NEXO_ENTRY_UNKNOWN,
	NEXO_ENTRY_CHIP,   /* "ICC" */
	NEXO_ENTRY_TAP,	   /* "Tapped", "Contactless", "RFID" */
	NEXO_ENTRY_SWIPE,  /* "MagStripe" */
	NEXO_ENTRY_WALLET, /* "Mobile", or a wallet payment variant (applepay, googlepay...) */
	NEXO_ENTRY_KEYED,  /* "Keyed", "Manual" */
};

const char *nexo_category_name(enum nexo_category c); /* "Payment", ... */
const char *nexo_error_name(enum nexo_error e);	      /* "Refusal", ...; "" for NONE */
enum nexo_error nexo_error_parse(const char *name);
const char *nexo_entry_name(enum nexo_entry e); /* "chip", "tap", "swipe", "wallet", ... */

struct nexo_header {
	enum nexo_category category;
	char sale_id[65];
	char service_id[65];
	char poi_id[65];
};

/* Response: Result, ErrorCondition, and the two AdditionalResponse keys meant for people. */
struct nexo_outcome {
	enum nexo_result result;
	enum nexo_error error;
	char refusal_reason[64];
	char message[128];
};

/* One name/value line of the cardholder's receipt, url-decoded. The card number line (key
 * "pan") keeps only its last four digits. */
struct nexo_receipt_line {
	char key[32];
	char name[48];
	char value[64];
	int bold;
};

#define NEXO_RECEIPT_MAX 48

struct nexo_payment_result {
	struct nexo_outcome outcome;
	char sale_txn_id[65];
	char sale_txn_ts[40];
	char poi_txn_id[65];
	char poi_txn_ts[40];
	int has_amount;
	int64_t authorized_cents;
	char currency[4];
	enum nexo_entry entry;
	char brand[24];
	char last4[5];
	char approval_code[16];
	char aid[33];
	char app_name[33];
	int receipt_lines;
	struct nexo_receipt_line receipt[NEXO_RECEIPT_MAX];
};

struct nexo_response {
	struct nexo_header header;
	struct nexo_outcome outcome; /* of this message; for Payment the same as payment.outcome */
	/* Payment, or the PaymentResponse a TransactionStatus repeats */
	int has_payment;
	struct nexo_payment_result payment;
	/* TransactionStatus: MessageReference */
	char ref_service_id[65];
	enum nexo_category ref_category;
	/* Reversal */
	char reversal_poi_txn_id[65];
	int has_reversed_amount;
	int64_t reversed_cents;
	/* Diagnosis: POIStatus.GlobalStatus ("OK", "Busy", "Maintenance", "Unreachable") */
	char global_status[24];
	/* EventNotification: EventToNotify ("Reject", ...), EventDetails' message, display text */
	char event[32];
	char event_details[128];
	char display_text[128];
};

/* Parses a terminal's answer: a SaleToPOIResponse of any category above, or an
 * EventNotification (as Adyen's terminals send to reject a message: outcome Failure with
 * MessageFormat). KIOSK_EPROTO when it is neither, or a field has the wrong shape. */
int nexo_parse_response(const char *body, size_t len, struct nexo_response *out);

/* Whether `r` answers the request `sent` (category, SaleID, ServiceID, POIID): 0 or
 * KIOSK_EPROTO. An EventNotification answers any request. */
int nexo_check_reply(const struct nexo_response *r, enum nexo_category sent,
		     const struct nexo_ids *ids);

/* Decodes application/x-www-form-urlencoded text ("%2f" and "+"), writing at most n-1 bytes;
 * KIOSK_EPROTO for a bad escape or a NUL. */
int nexo_url_decode(const char *in, size_t len, char *out, size_t n);
/* The decoded value of `key` in "a=1&b=2" (KIOSK_ENOTFOUND if absent). */
int nexo_form_get(const char *form, const char *key, char *out, size_t n);

#endif
