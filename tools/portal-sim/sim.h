/* portal-sim's internal interfaces: options, the account/payment store, card unsealing,
 * the API handlers and the HTTPS server that carries them. */
#ifndef PORTAL_SIM_H
#define PORTAL_SIM_H

#include <stddef.h>
#include <stdint.h>

enum sim_fault_kind {
	SIM_FAULT_LATENCY,     /* wait arg ms before answering */
	SIM_FAULT_DROP_BEFORE, /* close without an answer; nothing recorded */
	SIM_FAULT_DROP_AFTER,  /* record the payment, then close without an answer */
	SIM_FAULT_HTTP_ERROR,  /* answer status arg (500 or 503); nothing recorded */
	SIM_FAULT_MALFORMED,   /* 200 with a truncated body (recorded first when commit is set) */
	SIM_FAULT_SLOW_BODY,   /* record, then trickle the answer out past any sane deadline */
	SIM_FAULT_NO_APPROVAL, /* record, then answer without the approval code */
};

/* Which requests a fault applies to: the old switches (drop, 5xx, malformed, --latency-ms)
 * cover every call but health; the new names only POST /payments, so a lookup still works. */
enum sim_fault_scope { SIM_SCOPE_ALL, SIM_SCOPE_PAYMENT };

struct sim_fault {
	enum sim_fault_kind kind;
	enum sim_fault_scope scope;
	unsigned arg; /* ms for latency, HTTP status for errors */
	int limit;    /* how many matching requests it affects; -1: all of them */
	int commit;   /* the payment is recorded before the fault acts */
};

#define SIM_MAX_FAULTS 8

struct sim_options {
	const char *cert;
	const char *key;
	const char *seal_key;
	const char *db;
	const char *listen;
	unsigned port;
	const char *port_file;
	struct sim_fault faults[SIM_MAX_FAULTS];
	int fault_count;
	int verbose;
	const char *mbox;	    /* outgoing mail (default: mail.mbox beside the db) */
	const char *sms;	    /* outgoing text messages (default: sms.mbox beside the db) */
	unsigned code_ttl_s;	    /* verification codes' lifetime (900) */
	unsigned resend_interval_s; /* at most one new code per this many seconds (60) */
	const char *enroll_ca_cert; /* enrollment (enroll.c): the CA that signs kiosks' keys */
	const char *enroll_ca_key;
	const char *enroll_tokens; /* comma-separated one-time tokens */
	const char *client_ca;	   /* mutual TLS: API calls need a certificate from this CA */
};

/* ---- db.c: the portal's records in sqlite ---- */

struct sim_db;

struct sim_account {
	char customer_number[24]; /* digits only */
	char display_number[32];
	char last_name[64];
	int64_t balance_cents;
	int64_t last_bill_cents;
	char due_date[11]; /* "" when none */
	char last_payment_date[11];
	int64_t last_payment_cents;
};

/* One bill of a basket: several accounts paid with one card (docs/portal-api.md, "Several
 * bills in one payment"). */
#define SIM_MAX_ALLOCS 6
struct sim_alloc {
	char customer_number[24];
	int64_t amount_cents;
	int64_t balance_cents; /* the account's balance once this payment was applied */
};

struct sim_payment {
	char idempotency_key[65];
	char customer_number[24];
	int64_t amount_cents;
	int approved;
	char reference[16];
	char message[128];
	char brand[16];
	char last4[5];
	/* A payment a card terminal took and the kiosk posted (docs/portal-api.md, "Terminal
	 * payments"); tender "card" (a sealed or encrypted swipe the portal decided) has none. */
	char tender[16];
	int64_t fee_cents;
	char transaction_id[65];
	char approval_code[16];
	char entry_mode[12];
	/* A basket: n_allocs bills (customer_number is the first one's, amount_cents their
	 * sum); 0 for a payment of one bill. */
	int n_allocs;
	struct sim_alloc allocs[SIM_MAX_ALLOCS];
	/* Cash (tender "cash"): the amount due, the credit over it, and the notes as the kiosk
	 * sent them ("2000x1,500x2"). */
	int64_t amount_due_cents;
	int64_t credit_cents;
	char notes[160];
	/* A basket paid in cash: the account its credit went to (one of allocs), else "". */
	char credit_to[24];
};

int db_open(const char *path, struct sim_db **out);
void db_close(struct sim_db *db);
int db_find_account(struct sim_db *db, const char *customer_number, struct sim_account *out);
int db_find_payment(struct sim_db *db, const char *idempotency_key, struct sim_payment *out);

/* A paper bill as the city printed it (its barcode: app/common/billcode.h). */
struct sim_bill {
	char customer_number[24];
	char bill_date[11]; /* YYYY-MM-DD */
	int64_t amount_due_cents;
	char latest_date[11]; /* the account's newest bill: an older one is stale */
};

/* The bill of that account and date: 0, KIOSK_ENOTFOUND or KIOSK_ESTORE. */
int db_find_bill(struct sim_db *db, const char *customer_number, const char *bill_date,
		 struct sim_bill *out);
/* Calls fn with every account's newest bill, by customer number; stops at a non-zero return. */
int db_each_latest_bill(struct sim_db *db, int (*fn)(const struct sim_bill *b, void *ctx),
			void *ctx);
/* Records `p` (filling its reference) and, when approved, takes the amount off the balance
 * (each bill's off its account, for a basket: all of them or none), in one transaction. If the key
 * was already used, *existing receives the first payment and nothing is written; KIOSK_EINVAL when
 * the balance no longer covers the amount; for a terminal posting, KIOSK_ESTATE when its
 * transaction id was posted under another key. */
int db_record_payment(struct sim_db *db, struct sim_payment *p, struct sim_payment *existing,
		      int *duplicate);

/* Records that the kiosk told the resident (outcome_shown: approved, declined, in_doubt) and
 * whether a receipt printed. Idempotent: a repeat updates the same row and counts it.
 * KIOSK_ENOTFOUND when no payment has this key. */
int db_confirm_payment(struct sim_db *db, const char *idempotency_key, const char *outcome_shown,
		       int receipt_printed);

/* Records a kiosk's staff audit event; a repeat of the same event_id only counts. */
int db_record_audit(struct sim_db *db, const char *event_id, const char *kiosk_id, long long at,
		    const char *source, const char *action, const char *detail);

/* One payment as the ledger shows it. */
struct sim_ledger_row {
	struct sim_payment p;
	char created_at[24];
	int confirmed; /* the kiosk confirmed what it showed */
	char outcome_shown[16];
};

/* Calls fn for every recorded payment, oldest first; stops at fn's first non-zero return. */
int db_each_payment(struct sim_db *db, int (*fn)(const struct sim_ledger_row *row, void *ctx),
		    void *ctx);

/* ---- cards.c: opening sealed card blocks and deciding like an issuer would ---- */

struct sim_card {
	char pan[20];
	char exp[5]; /* YYMM */
	char name[27];
};

struct sim_unsealer;

int unseal_open(const char *seal_key_path, struct sim_unsealer **out);
void unseal_close(struct sim_unsealer *u);
/* KIOSK_ECRYPTO when the block does not open or does not hold the documented JSON. */
int unseal_card(struct sim_unsealer *u, const char *sealed_b64, struct sim_card *out);
/* Opens a MagneSafe swipe ({"format":"magtek-magnesafe","ksn","track1","track2"}, hex) with
 * DUKPT under the test base derivation key: track 2, else track 1, PIN variant (MagTek's
 * default), else the data variant. KIOSK_ECRYPTO when neither opens to a track. */
struct json_t;
int decrypt_card(struct json_t *encrypted, struct sim_card *out);
/* 1 approved, 0 declined with *message set. */
int card_decide(const struct sim_card *card, int now_yymm, const char **message);

/* ---- match.c: the forgiving comparisons a person at a kiosk needs ---- */

/* Keeps the digits of a customer number, dropping dashes, dots and spaces; KIOSK_EINVAL on
 * anything else. */
int match_customer_number(const char *in, char *out, size_t n);
/* Last names compared without case, accents or surrounding spaces. */
int match_last_name(const char *typed, const char *on_file);

/* The account a guest or a resident names: the customer number (separators ignored, digits
 * receives it normalised) and the last name or the last bill amount (NULL when not given).
 * 0, KIOSK_ENOTFOUND (one answer for a wrong number, name or amount) or KIOSK_ESTORE. */
int match_account(struct sim_db *db, const char *number, const char *last_name,
		  const int64_t *last_bill_cents, char *digits, size_t n, struct sim_account *acc);

/* ---- api.c: the /api/kiosk/v1 endpoints, from request to JSON reply ---- */

struct sim_reply {
	unsigned status;
	char *body; /* malloc'd JSON */
};

struct sim_api;

int api_open(struct sim_db *db, struct sim_unsealer *unsealer, struct sim_api **out);
void api_close(struct sim_api *api);
void api_handle(struct sim_api *api, const char *method, const char *path, const char *body,
		size_t body_len, struct sim_reply *out);
/* True for the calls the fault switches apply to (everything but health). */
int api_is_faultable(const char *path);
/* True for POST /payments, the call the payment-only faults apply to. */
int api_is_payment(const char *method, const char *path);

/* ---- enroll.c: portal-sim as the kiosks' CA (POST /api/kiosk/v1/enroll) ---- */

int enroll_setup(const struct sim_options *opt);
int enroll_path(const char *path);
void enroll_handle(const char *method, const char *body, size_t body_len, struct sim_reply *out);

/* ---- fleet.c: heartbeats, remote configuration, log uploads, and the admin API ---- */

int fleet_setup(const struct sim_options *opt);
void fleet_close(void);
int fleet_path(const char *path);
/* kiosk_id: the X-Kiosk-Id header, or NULL. cert_id: with mutual TLS, the CN of the
 * verified client certificate, which is then the only id the kiosk may speak for; NULL
 * without mutual TLS. */
void fleet_handle(const char *method, const char *path, const char *kiosk_id, const char *cert_id,
		  const char *body, size_t body_len, struct sim_reply *out);
/* Whether IT revoked the certificates of this kiosk (POST /admin/revoke/{id}). */
int fleet_is_revoked(const char *kiosk_id);

/* With --client-ca: true for the paths that need a client certificate, and whether this
 * connection presented one that verifies against it. */
struct MHD_Connection;
int mtls_required(const char *path);
int mtls_verified(struct MHD_Connection *conn);
/* The kiosk id (CN) of the certificate this connection presented: 0 or KIOSK_ENOTFOUND. */
int mtls_peer_cn(struct MHD_Connection *conn, char *cn, size_t n);

/* ---- server.c: libmicrohttpd over TLS, faults and latency ---- */

struct sim_server;

struct sim_residents;
int server_start(const struct sim_options *opt, struct sim_api *api,
		 struct sim_residents *residents, struct sim_server **out, unsigned *port);
void server_stop(struct sim_server *srv);

/* ---- ledger.c: `portal-sim ledger`, every charge as one JSON line ---- */

int ledger_main(int argc, char **argv);
/* bills.c: `portal-sim bills --out DIR`: each demo bill's barcode as Code 128 and QR PNGs. */
int bills_main(int argc, char **argv);
/* ---- residents: people's accounts (residents.c, rstore.c, password.c, mail.c) ---- */

struct resident_options {
	const char *db;		    /* the same sqlite file as the accounts */
	const char *mbox;	    /* where mail is "sent" (appended, mbox format) */
	const char *sms;	    /* where text messages are "sent" (the same format) */
	unsigned code_ttl_s;	    /* verification codes live this long (900) */
	unsigned resend_interval_s; /* one new code per this many seconds (60) */
};

struct sim_residents;

int residents_open(const struct resident_options *opt, struct sim_db *accounts,
		   struct sim_unsealer *unsealer, struct sim_residents **out);
void residents_close(struct sim_residents *r);
/* True for the paths residents_handle answers. */
int residents_path(const char *path);
/* bearer: the token of "Authorization: Bearer TOKEN", or NULL. */
void residents_handle(struct sim_residents *r, const char *method, const char *path,
		      const char *bearer, const char *body, size_t body_len, struct sim_reply *out);

/* PBKDF2-HMAC-SHA256 with a random salt; verify compares in constant time. */
#define PASSWORD_SALT_LEN 16
#define PASSWORD_HASH_LEN 32
#define PASSWORD_ITERATIONS 50000
int password_hash(const char *password, const unsigned char *salt, unsigned iterations,
		  unsigned char hash[PASSWORD_HASH_LEN]);
int password_new_salt(unsigned char salt[PASSWORD_SALT_LEN]);
int password_verify(const char *password, const unsigned char *salt, unsigned iterations,
		    const unsigned char *hash);

/* Appends one message to the mbox file (locked, so parallel requests never interleave). */
int mail_send(const char *mbox, const char *to, const char *subject, const char *body);
/* Appends one text message to the SMS outbox file, in the same format: To is the E.164 number,
 * the body the message's text. */
int sms_send(const char *outbox, const char *to, const char *body);

#endif
