/* The /api/kiosk/v1 endpoints of portal-sim: a request's method, path and JSON body in,
 * an HTTP status and JSON body out. No HTTP or TLS here (server.c carries it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <mbedtls/platform_util.h>

#include "app/common/billcode.h"
#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/portal-sim/sim.h"

#define API_PREFIX "/api/kiosk/v1"

struct sim_api {
	struct sim_db *db;
	struct sim_unsealer *unsealer;
};

int api_open(struct sim_db *db, struct sim_unsealer *unsealer, struct sim_api **out)
{
	struct sim_api *api = calloc(1, sizeof(*api));

	if (!api)
		return KIOSK_ENOMEM;
	api->db = db;
	api->unsealer = unsealer;
	*out = api;
	return 0;
}

void api_close(struct sim_api *api)
{
	free(api);
}

int api_is_faultable(const char *path)
{
	return strncmp(path, API_PREFIX "/", strlen(API_PREFIX "/")) == 0 &&
	       strcmp(path, API_PREFIX "/health") != 0;
}

int api_is_payment(const char *method, const char *path)
{
	return strcmp(method, "POST") == 0 && strcmp(path, API_PREFIX "/payments") == 0;
}

/* Takes ownership of `doc`. */
static void reply_json(struct sim_reply *out, unsigned status, json_t *doc)
{
	out->status = status;
	out->body = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (!out->body) {
		out->status = 500;
		out->body = strdup("{\"error\":\"internal\",\"message\":\"Out of memory\"}");
	}
}

static void reply_error(struct sim_reply *out, unsigned status, const char *code,
			const char *message)
{
	reply_json(out, status, json_pack("{s:s, s:s}", "error", code, "message", message));
}

static void handle_health(struct sim_reply *out)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	reply_json(out, 200, json_pack("{s:s, s:s}", "status", "ok", "time", stamp));
}

static json_t *date_or_null(const char *date)
{
	return date[0] ? json_string(date) : json_null();
}

/* A scanned bill proves the account as the last bill amount does, and more: the portal
 * printed it. The barcode's own check is run again here (the portal trusts no kiosk); a bill
 * that is not the account's newest is refused as stale, because an old bill may have reached
 * someone who is no longer at that address. */
static int scanned_account(struct sim_api *api, const char *barcode, struct sim_reply *out,
			   struct sim_account *acc)
{
	struct billcode code;
	struct sim_bill bill;
	int rc;

	if (billcode_parse(barcode, &code) != 0) {
		reply_error(out, 422, "not_a_bill", "This barcode is not one of the city's bills");
		return KIOSK_EINVAL;
	}
	rc = db_find_bill(api->db, code.customer_number, code.bill_date, &bill);
	if (rc == 0 && bill.amount_due_cents != code.amount_due_cents)
		rc = KIOSK_ENOTFOUND;
	if (rc == 0)
		rc = db_find_account(api->db, code.customer_number, acc);
	if (rc == KIOSK_ESTORE) {
		reply_error(out, 500, "internal", "The portal could not read its records");
		return rc;
	}
	if (rc != 0) {
		reply_error(out, 404, "not_found", "No bill of the city matches this barcode");
		return rc;
	}
	if (strcmp(bill.bill_date, bill.latest_date) != 0) {
		reply_json(out, 409,
			   json_pack("{s:s, s:s, s:s}", "error", "stale_bill", "message",
				     "A newer bill was issued for this account", "latest_bill_date",
				     bill.latest_date));
		return KIOSK_ESTATE;
	}
	return 0;
}

static void handle_lookup(struct sim_api *api, json_t *req, struct sim_reply *out)
{
	const char *number = json_string_value(json_object_get(req, "customer_number"));
	json_t *name = json_object_get(req, "last_name");
	json_t *bill = json_object_get(req, "last_bill_cents");
	json_t *barcode = json_object_get(req, "barcode");
	char digits[24];
	struct sim_account acc;
	int64_t cents;
	int rc;

	if (barcode) {
		/* The barcode names the account itself: it goes alone. */
		if (!json_is_string(barcode) || json_object_size(req) != 1) {
			reply_error(out, 400, "invalid_request", "Send barcode alone");
			return;
		}
		if (scanned_account(api, json_string_value(barcode), out, &acc) != 0)
			return;
		goto found;
	}
	if (!number || (name && !json_is_string(name)) || (bill && !json_is_integer(bill)) ||
	    (!name && !bill)) {
		reply_error(out, 400, "invalid_request",
			    "Send customer_number and either last_name or last_bill_cents");
		return;
	}
	cents = bill ? (int64_t)json_integer_value(bill) : 0;
	rc = match_account(api->db, number, name ? json_string_value(name) : NULL,
			   bill ? &cents : NULL, digits, sizeof(digits), &acc);
	if (rc == KIOSK_ESTORE) {
		reply_error(out, 500, "internal", "The portal could not read its records");
		return;
	}
	if (rc != 0) {
		reply_error(out, 404, "not_found",
			    "No account matches this customer number and last name or amount");
		return;
	}
found:
	reply_json(out, 200,
		   json_pack("{s:s, s:s, s:s, s:I, s:I, s:o, s:o, s:I}", "customer_number",
			     acc.customer_number, "display_number", acc.display_number, "last_name",
			     acc.last_name, "balance_cents", (json_int_t)acc.balance_cents,
			     "last_bill_cents", (json_int_t)acc.last_bill_cents, "due_date",
			     date_or_null(acc.due_date), "last_payment_date",
			     date_or_null(acc.last_payment_date), "last_payment_cents",
			     (json_int_t)acc.last_payment_cents));
}

static void reply_payment(struct sim_reply *out, const struct sim_payment *p)
{
	json_t *doc = json_pack("{s:s, s:s, s:I, s:s}", "status",
				p->approved ? "approved" : "declined", "reference", p->reference,
				"amount_cents", (json_int_t)p->amount_cents, "message", p->message);
	json_t *bills = p->n_allocs ? json_array() : NULL;

	/* A basket: each bill with the balance it was left with. */
	for (int i = 0; bills && i < p->n_allocs; i++)
		json_array_append_new(bills, json_pack("{s:s, s:I, s:I}", "customer_number",
						       p->allocs[i].customer_number, "amount_cents",
						       (json_int_t)p->allocs[i].amount_cents,
						       "balance_cents",
						       (json_int_t)p->allocs[i].balance_cents));
	if (doc && bills)
		json_object_set_new(doc, "allocations", bills);
	else
		json_decref(bills);
	/* A card the portal decided and approved (a swipe): the issuer's approval code. */
	if (doc && p->approved && p->approval_code[0] && !p->transaction_id[0] &&
	    strcmp(p->tender, "cash") != 0)
		json_object_set_new(doc, "approval_code", json_string(p->approval_code));
	reply_json(out, 200, doc);
}

/* Idempotency keys travel in URLs too: a plain, bounded alphabet. */
static int key_ok(const char *key)
{
	size_t n = key ? strlen(key) : 0;

	return n > 0 && n <= 64 &&
	       strspn(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~") ==
		   n;
}

static int now_yymm(void)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	return (tm.tm_year % 100) * 100 + tm.tm_mon + 1;
}

/* Decides the card: a sealed block is opened with the sealing key, a reader-encrypted one
 * (MagneSafe) with DUKPT; either way it must match last4, then it is decided like a test
 * issuer would. */
static int decide_card(struct sim_api *api, json_t *card, struct sim_payment *p,
		       struct sim_reply *out)
{
	const char *sealed = json_string_value(json_object_get(card, "sealed"));
	json_t *enc = json_object_get(card, "encrypted");
	const char *message = "";
	struct sim_card clear;
	int rc = 0, opened;

	opened = enc ? decrypt_card(enc, &clear) : unseal_card(api->unsealer, sealed, &clear);
	if (opened != 0 || strcmp(clear.pan + strlen(clear.pan) - 4, p->last4) != 0) {
		reply_error(out, 400, "bad_card_data",
			    "The sealed card data could not be opened or does not match last4");
		rc = KIOSK_ECRYPTO;
	} else {
		p->approved = card_decide(&clear, now_yymm(), &message);
	}
	mbedtls_platform_zeroize(&clear, sizeof(clear));
	snprintf(p->message, sizeof(p->message), "%s", message);
	return rc;
}

static int same_request(const struct sim_payment *a, const struct sim_payment *b)
{
	if (a->n_allocs != b->n_allocs)
		return 0;
	for (int i = 0; i < a->n_allocs; i++)
		if (strcmp(a->allocs[i].customer_number, b->allocs[i].customer_number) != 0 ||
		    a->allocs[i].amount_cents != b->allocs[i].amount_cents)
			return 0;
	return strcmp(a->customer_number, b->customer_number) == 0 &&
	       a->amount_cents == b->amount_cents && a->fee_cents == b->fee_cents &&
	       strcmp(a->transaction_id, b->transaction_id) == 0 &&
	       strcmp(a->notes, b->notes) == 0 && strcmp(a->credit_to, b->credit_to) == 0;
}

/* Each bill's account exists and owes at least its amount (a payment of one bill is a basket
 * of one here); otherwise the answer is written and non-zero returned. */
static int bills_payable(struct sim_api *api, const struct sim_payment *p, struct sim_reply *out)
{
	int n = p->n_allocs ? p->n_allocs : 1;

	for (int i = 0; i < n; i++) {
		const char *number =
		    p->n_allocs ? p->allocs[i].customer_number : p->customer_number;
		int64_t cents = p->n_allocs ? p->allocs[i].amount_cents : p->amount_cents;
		struct sim_account acc;
		int rc = db_find_account(api->db, number, &acc);

		if (rc == KIOSK_ENOTFOUND) {
			reply_error(out, 404, "not_found", "No account has this customer number");
			return rc;
		}
		if (rc != 0) {
			reply_error(out, 500, "internal",
				    "The portal could not record the payment");
			return rc;
		}
		if (cents <= 0) {
			reply_error(out, 422, "invalid_amount",
				    "The amount must be more than zero");
			return KIOSK_EINVAL;
		}
		/* Cash is never refused for the balance: the notes are in the kiosk's box, and
		 * what the balance cannot take is credited to the account. */
		if (cents > acc.balance_cents && strcmp(p->tender, "cash") != 0) {
			reply_error(out, 422, "invalid_amount",
				    "The amount is more than the balance due");
			return KIOSK_EINVAL;
		}
	}
	return 0;
}

/* Records a payment once: a retry of one already recorded gets the first answer and is never
 * charged again, the account must exist and owe at least the amount; a card block (NULL for a
 * terminal's posting, which the terminal decided) is decided first. */
static void record(struct sim_api *api, struct sim_payment *p, json_t *card, struct sim_reply *out)
{
	struct sim_payment first;
	int duplicate = 0;
	int rc = db_find_payment(api->db, p->idempotency_key, &first);

	if (rc == 0 && !same_request(p, &first)) {
		reply_error(out, 409, "idempotency_key_reused",
			    "This idempotency key was used for a different payment");
		return;
	}
	if (rc == 0) {
		reply_payment(out, &first);
		return;
	}
	if (bills_payable(api, p, out) != 0)
		return;
	if (card && decide_card(api, card, p, out) != 0)
		return;
	rc = db_record_payment(api->db, p, &first, &duplicate);
	if (rc == 0 && duplicate) {
		if (same_request(p, &first))
			reply_payment(out, &first);
		else
			reply_error(out, 409, "idempotency_key_reused",
				    "This idempotency key was used for a different payment");
		return;
	}
	if (rc == KIOSK_ESTATE) {
		reply_error(out, 409, "transaction_already_posted",
			    "This terminal transaction was posted under another idempotency key");
		return;
	}
	if (rc == KIOSK_EINVAL) {
		reply_error(out, 422, "invalid_amount", "The amount is more than the balance due");
		return;
	}
	if (rc != 0)
		goto internal;
	if (!strcmp(p->tender, "cash"))
		log_info("portal-sim",
			 "payment %s: cash %lld cents (%s), due %lld, credit %lld, ref %s",
			 p->idempotency_key, (long long)p->amount_cents, p->notes,
			 (long long)p->amount_due_cents, (long long)p->credit_cents, p->reference);
	else if (p->transaction_id[0])
		log_info("portal-sim",
			 "posting %s: terminal %s, %s ending %s (%s), %lld + fee %lld"
			 " cents, ref %s",
			 p->idempotency_key, p->transaction_id, p->brand, p->last4, p->entry_mode,
			 (long long)p->amount_cents, (long long)p->fee_cents, p->reference);
	else
		log_info("portal-sim", "payment %s: %s %s ending %s, %lld cents, ref %s",
			 p->idempotency_key, p->approved ? "approved" : "declined", p->brand,
			 p->last4, (long long)p->amount_cents, p->reference);
	reply_payment(out, p);
	return;
internal:
	reply_error(out, 500, "internal", "The portal could not record the payment");
}

/* Only the keys a document may have: a strict portal refuses what it does not know, so a kiosk
 * that sends a misspelt field hears of it at once. */
static int only_keys(json_t *obj, const char *const *keys)
{
	const char *k;
	json_t *v;

	json_object_foreach(obj, k, v)
	{
		size_t i = 0;

		while (keys[i] && strcmp(keys[i], k) != 0)
			i++;
		if (!keys[i])
			return 0;
	}
	return 1;
}

static int text_of(json_t *v, size_t min, size_t max, const char *alphabet)
{
	const char *s = json_string_value(v);
	size_t n = s ? strlen(s) : 0;

	return s && n >= min && n <= max && (!alphabet || strspn(s, alphabet) == n);
}

#define ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

static int read_basket(json_t *req, struct sim_payment *p, int64_t *sum, struct sim_reply *out);

/* A payment a card terminal took, posted by the kiosk (docs/portal-api.md, "Terminal
 * payments"): the portal does not decide it (the terminal did), it checks it strictly,
 * applies it to the bill (or to each bill of a basket, all or none) and keeps it in its
 * ledger, once. */
static void handle_posting(struct sim_api *api, json_t *req, struct sim_reply *out)
{
	static const char *const top[] = {
	    "idempotency_key", "customer_number", "amount_cents", "fee_cents",
	    "tender",	       "terminal",	  "allocations",  NULL};
	static const char *const term[] = {"transaction_id", "approval_code", "brand",
					   "last4",	     "entry_mode",    NULL};
	static const char *const entries[] = {"chip", "tap", "swipe", "wallet", "keyed", NULL};
	const char *key = json_string_value(json_object_get(req, "idempotency_key"));
	const char *number = json_string_value(json_object_get(req, "customer_number"));
	json_t *amount = json_object_get(req, "amount_cents");
	json_t *fee = json_object_get(req, "fee_cents");
	json_t *t = json_object_get(req, "terminal");
	const char *entry = json_string_value(json_object_get(t, "entry_mode"));
	const char *brand = json_string_value(json_object_get(t, "brand"));
	struct sim_payment p;
	int64_t basket_sum = 0;
	size_t e = 0;

	while (entries[e] && entry && strcmp(entries[e], entry) != 0)
		e++;
	memset(&p, 0, sizeof(p));
	if (json_object_get(req, "allocations")) {
		/* A basket: its bills in place of customer_number, amount_cents their sum. */
		if (read_basket(req, &p, &basket_sum, out) != 0)
			return;
		number = p.customer_number;
	}
	if (!only_keys(req, top) || !key_ok(key) || !number || !json_is_integer(amount) ||
	    !json_is_integer(fee) || json_integer_value(fee) < 0 ||
	    !text_of(json_object_get(req, "tender"), 8, 8, NULL) ||
	    strcmp(json_string_value(json_object_get(req, "tender")), "terminal") != 0 ||
	    !json_is_object(t) || !only_keys(t, term) ||
	    !text_of(json_object_get(t, "transaction_id"), 1, 64, ALNUM "._-") ||
	    !text_of(json_object_get(t, "approval_code"), 1, 15, ALNUM) ||
	    !text_of(json_object_get(t, "brand"), 1, 15, NULL) || strpbrk(brand, "0123456789") ||
	    !text_of(json_object_get(t, "last4"), 4, 4, "0123456789") || !entry || !entries[e]) {
		reply_error(out, 400, "invalid_request",
			    "Send idempotency_key, customer_number (or allocations), amount_cents, "
			    "fee_cents, tender \"terminal\" and terminal {transaction_id, "
			    "approval_code, brand, last4, entry_mode}, and nothing else");
		return;
	}
	if (p.n_allocs && json_integer_value(amount) != basket_sum) {
		reply_error(out, 422, "invalid_amount",
			    "amount_cents must be the sum of the allocations' amounts");
		return;
	}
	snprintf(p.idempotency_key, sizeof(p.idempotency_key), "%s", key);
	snprintf(p.brand, sizeof(p.brand), "%s", brand);
	snprintf(p.last4, sizeof(p.last4), "%s", json_string_value(json_object_get(t, "last4")));
	snprintf(p.tender, sizeof(p.tender), "terminal");
	snprintf(p.transaction_id, sizeof(p.transaction_id), "%s",
		 json_string_value(json_object_get(t, "transaction_id")));
	snprintf(p.approval_code, sizeof(p.approval_code), "%s",
		 json_string_value(json_object_get(t, "approval_code")));
	snprintf(p.entry_mode, sizeof(p.entry_mode), "%s", entry);
	p.amount_cents = json_integer_value(amount);
	p.fee_cents = json_integer_value(fee);
	p.approved = 1;
	if (match_customer_number(number, p.customer_number, sizeof(p.customer_number)) != 0) {
		reply_error(out, 404, "not_found", "No account has this customer number");
		return;
	}
	record(api, &p, NULL, out);
}

/* "allocations": 2 to SIM_MAX_ALLOCS bills of different accounts, each exactly
 * {customer_number, amount_cents}, in place of customer_number; *sum their total. */
static int read_basket(json_t *req, struct sim_payment *p, int64_t *sum, struct sim_reply *out)
{
	static const char *const keys[] = {"customer_number", "amount_cents", NULL};
	json_t *bills = json_object_get(req, "allocations"), *b;
	size_t i;

	if (json_object_get(req, "customer_number") || !json_is_array(bills) ||
	    json_array_size(bills) < 2 || json_array_size(bills) > SIM_MAX_ALLOCS) {
		reply_error(out, 400, "invalid_request",
			    "allocations: 2 to 6 bills {customer_number, amount_cents}, and no "
			    "customer_number beside them");
		return KIOSK_EINVAL;
	}
	json_array_foreach(bills, i, b)
	{
		struct sim_alloc *a = &p->allocs[i];
		const char *number = json_string_value(json_object_get(b, "customer_number"));
		json_t *cents = json_object_get(b, "amount_cents");

		if (!json_is_object(b) || !only_keys(b, keys) || !number ||
		    !json_is_integer(cents)) {
			reply_error(out, 400, "invalid_request",
				    "Each allocation is {customer_number, amount_cents}");
			return KIOSK_EINVAL;
		}
		if (match_customer_number(number, a->customer_number, sizeof(a->customer_number))) {
			reply_error(out, 404, "not_found", "No account has this customer number");
			return KIOSK_ENOTFOUND;
		}
		for (size_t k = 0; k < i; k++)
			if (strcmp(p->allocs[k].customer_number, a->customer_number) == 0) {
				reply_error(out, 400, "invalid_request",
					    "An account appears twice in the allocations");
				return KIOSK_EINVAL;
			}
		a->amount_cents = json_integer_value(cents);
		if (a->amount_cents <= 0 || a->amount_cents > INT64_MAX / 8) {
			reply_error(out, 422, "invalid_amount",
				    "Each bill's amount must be more than zero");
			return KIOSK_EINVAL;
		}
		*sum += a->amount_cents;
	}
	p->n_allocs = (int)json_array_size(bills);
	snprintf(p->customer_number, sizeof(p->customer_number), "%s",
		 p->allocs[0].customer_number);
	return 0;
}

/* The notes of a cash payment, as strictly as a city's cash office counts them: US notes only,
 * each denomination once, smallest first, a count of 1 to 1000; into p->notes ("500x1,2000x2")
 * and their sum. 0 or -1. */
static int read_notes(json_t *notes, struct sim_payment *p, int64_t *sum)
{
	static const int64_t us_notes[] = {100, 200, 500, 1000, 2000, 5000, 10000};
	static const char *const keys[] = {"cents", "count", NULL};
	size_t i, n = json_array_size(notes);
	int64_t last = 0;
	json_t *e;

	*sum = 0;
	if (!json_is_array(notes) || n == 0 || n > sizeof(us_notes) / sizeof(us_notes[0]))
		return -1;
	p->notes[0] = '\0';
	json_array_foreach(notes, i, e)
	{
		json_t *cents = json_object_get(e, "cents"), *count = json_object_get(e, "count");
		int64_t c = json_integer_value(cents), k = json_integer_value(count);
		size_t len = strlen(p->notes), j;
		int known = 0;

		if (!json_is_object(e) || !only_keys(e, keys) || !json_is_integer(cents) ||
		    !json_is_integer(count) || k < 1 || k > 1000 || c <= last)
			return -1;
		for (j = 0; j < sizeof(us_notes) / sizeof(us_notes[0]); j++)
			known |= us_notes[j] == c;
		if (!known)
			return -1;
		last = c;
		*sum += c * k;
		snprintf(p->notes + len, sizeof(p->notes) - len, "%s%lldx%lld", len ? "," : "",
			 (long long)c, (long long)k);
	}
	return 0;
}

/* Cash a kiosk's bill validator took (docs/portal-api.md, "Cash"): never declined, checked
 * strictly, applied to the bill with anything over the balance credited, kept once. */
static void handle_cash(struct sim_api *api, json_t *req, struct sim_reply *out)
{
	static const char *const top[] = {"idempotency_key",
					  "customer_number",
					  "amount_cents",
					  "tender",
					  "cash",
					  "allocations",
					  NULL};
	static const char *const inner[] = {"amount_due_cents", "credit_cents", "notes",
					    "credit_to", NULL};
	const char *key = json_string_value(json_object_get(req, "idempotency_key"));
	const char *number = json_string_value(json_object_get(req, "customer_number"));
	json_t *amount = json_object_get(req, "amount_cents");
	json_t *cash = json_object_get(req, "cash");
	json_t *due = json_object_get(cash, "amount_due_cents");
	json_t *credit = json_object_get(cash, "credit_cents");
	const char *credit_to = json_string_value(json_object_get(cash, "credit_to"));
	struct sim_payment p;
	int64_t sum = 0, over, basket_sum = 0;

	memset(&p, 0, sizeof(p));
	if (json_object_get(req, "allocations")) {
		/* A basket: its bills in place of customer_number; the credit goes to the one
		 * the resident chose (credit_to, required here and only here). */
		if (read_basket(req, &p, &basket_sum, out) != 0)
			return;
		number = p.customer_number;
	}
	if (!only_keys(req, top) || !key_ok(key) || !number || !json_is_integer(amount) ||
	    !p.n_allocs != !json_object_get(cash, "credit_to") || (p.n_allocs && !credit_to) ||
	    !json_is_object(cash) || !only_keys(cash, inner) || !json_is_integer(due) ||
	    json_integer_value(due) <= 0 || !json_is_integer(credit) ||
	    read_notes(json_object_get(cash, "notes"), &p, &sum) != 0) {
		reply_error(
		    out, 400, "invalid_request",
		    "Send idempotency_key, customer_number, amount_cents, tender \"cash\" "
		    "and cash {amount_due_cents, credit_cents, notes [{cents, count}] of US "
		    "notes, smallest first}, and nothing else; for a basket, allocations in "
		    "place of customer_number and cash.credit_to");
		return;
	}
	if (p.n_allocs) {
		int k = 0;

		if (match_customer_number(credit_to, p.credit_to, sizeof(p.credit_to)) != 0)
			k = p.n_allocs;
		while (k < p.n_allocs && strcmp(p.allocs[k].customer_number, p.credit_to) != 0)
			k++;
		if (k == p.n_allocs) {
			reply_error(out, 400, "invalid_request",
				    "credit_to must be one of the allocations' accounts");
			return;
		}
		if (json_integer_value(due) != basket_sum) {
			reply_error(out, 422, "invalid_amount",
				    "amount_due_cents must be the sum of the allocations' amounts");
			return;
		}
	}
	p.amount_cents = json_integer_value(amount);
	p.amount_due_cents = json_integer_value(due);
	over = p.amount_cents > p.amount_due_cents ? p.amount_cents - p.amount_due_cents : 0;
	if (sum != p.amount_cents || json_integer_value(credit) != over) {
		reply_error(out, 422, "invalid_amount",
			    "amount_cents must be the notes' sum and credit_cents what it is over "
			    "amount_due_cents");
		return;
	}
	p.credit_cents = over;
	p.approved = 1;
	snprintf(p.tender, sizeof(p.tender), "cash");
	snprintf(p.idempotency_key, sizeof(p.idempotency_key), "%s", key);
	if (match_customer_number(number, p.customer_number, sizeof(p.customer_number)) != 0) {
		reply_error(out, 404, "not_found", "No account has this customer number");
		return;
	}
	record(api, &p, NULL, out);
}

static void handle_pay(struct sim_api *api, json_t *req, struct sim_reply *out)
{
	const char *key = json_string_value(json_object_get(req, "idempotency_key"));
	const char *number = json_string_value(json_object_get(req, "customer_number"));
	json_t *amount = json_object_get(req, "amount_cents");
	json_t *card = json_object_get(req, "card");
	const char *brand = json_string_value(json_object_get(card, "brand"));
	const char *last4 = json_string_value(json_object_get(card, "last4"));
	const char *sealed = json_string_value(json_object_get(card, "sealed"));
	json_t *enc = json_object_get(card, "encrypted");
	struct sim_payment p;
	int64_t basket_sum = 0;

	if (json_object_get(req, "tender")) {
		const char *tender = json_string_value(json_object_get(req, "tender"));

		if (tender && !strcmp(tender, "cash"))
			handle_cash(api, req, out);
		else
			handle_posting(api, req, out);
		return;
	}
	memset(&p, 0, sizeof(p));
	if (json_object_get(req, "allocations")) {
		if (read_basket(req, &p, &basket_sum, out) != 0)
			return;
		number = p.customer_number;
	}
	if (!key_ok(key) || !number || !json_is_integer(amount) || !json_is_object(card) ||
	    !brand || strlen(brand) >= sizeof(p.brand) || !last4 || strlen(last4) != 4 ||
	    strspn(last4, "0123456789") != 4 || (!sealed == !json_is_object(enc))) {
		reply_error(out, 400, "invalid_request",
			    "Send idempotency_key, customer_number, amount_cents and card "
			    "{brand, last4, sealed or encrypted}");
		return;
	}
	snprintf(p.idempotency_key, sizeof(p.idempotency_key), "%s", key);
	snprintf(p.brand, sizeof(p.brand), "%s", brand);
	snprintf(p.last4, sizeof(p.last4), "%s", last4);
	p.amount_cents = json_integer_value(amount);
	if (p.n_allocs && p.amount_cents != basket_sum) {
		reply_error(out, 422, "invalid_amount",
			    "amount_cents must be the sum of the allocations' amounts");
		return;
	}
	if (match_customer_number(number, p.customer_number, sizeof(p.customer_number)) != 0) {
		reply_error(out, 404, "not_found", "No account has this customer number");
		return;
	}

	record(api, &p, card, out);
}

static void handle_payment_status(struct sim_api *api, const char *key, struct sim_reply *out)
{
	struct sim_payment p;
	int rc = key_ok(key) ? db_find_payment(api->db, key, &p) : KIOSK_ENOTFOUND;

	if (rc == KIOSK_ENOTFOUND)
		reply_error(out, 404, "not_found", "No payment was made with this idempotency key");
	else if (rc != 0)
		reply_error(out, 500, "internal", "The portal could not read its records");
	else
		reply_payment(out, &p);
}

/* The kiosk saying what it showed the resident; repeats (outbox retries) are harmless. */
static void handle_confirm(struct sim_api *api, const char *key, json_t *req, struct sim_reply *out)
{
	const char *shown = json_string_value(json_object_get(req, "outcome_shown"));
	json_t *printed = json_object_get(req, "receipt_printed");
	int rc;

	if (!key_ok(key) || !shown ||
	    (strcmp(shown, "approved") && strcmp(shown, "declined") && strcmp(shown, "in_doubt")) ||
	    !json_is_boolean(printed)) {
		reply_error(out, 400, "invalid_request",
			    "Send outcome_shown (approved, declined or in_doubt) and "
			    "receipt_printed (true or false)");
		return;
	}
	rc = db_confirm_payment(api->db, key, shown, json_is_true(printed));
	if (rc == KIOSK_ENOTFOUND) {
		reply_error(out, 404, "not_found", "No payment was made with this idempotency key");
		return;
	}
	if (rc != 0) {
		reply_error(out, 500, "internal", "The portal could not record the confirmation");
		return;
	}
	reply_json(out, 200, json_pack("{s:s, s:b}", "idempotency_key", key, "confirmed", 1));
}

/* POST /audit: a staff action at a kiosk, idempotent by event_id. */
static void handle_audit(struct sim_api *api, json_t *req, struct sim_reply *out)
{
	const char *id = json_string_value(json_object_get(req, "event_id"));
	const char *kiosk = json_string_value(json_object_get(req, "kiosk_id"));
	const char *source = json_string_value(json_object_get(req, "source"));
	const char *action = json_string_value(json_object_get(req, "action"));
	const char *detail = json_string_value(json_object_get(req, "detail"));
	json_t *at = json_object_get(req, "at");

	if (!id || !key_ok(id) || !kiosk || !source || !action || !action[0] || !detail ||
	    !json_is_integer(at)) {
		reply_error(out, 400, "invalid_request",
			    "Send event_id, kiosk_id, at, source, action and detail");
		return;
	}
	if (db_record_audit(api->db, id, kiosk, (long long)json_integer_value(at), source, action,
			    detail) != 0) {
		reply_error(out, 500, "internal", "The portal could not record the audit event");
		return;
	}
	reply_json(out, 200, json_pack("{s:s, s:b}", "event_id", id, "recorded", 1));
}

/* Parses the body as a JSON object or answers 400. */
static json_t *parse_body(const char *body, size_t len, struct sim_reply *out)
{
	json_t *doc = json_loadb(body ? body : "", len, JSON_REJECT_DUPLICATES, NULL);

	if (!json_is_object(doc)) {
		json_decref(doc);
		reply_error(out, 400, "invalid_request", "The body must be a JSON object");
		return NULL;
	}
	return doc;
}

/* "KEY/confirm" with a key short enough for the buffer it is copied into. */
static int is_confirm_path(const char *rest)
{
	const char *slash = strchr(rest, '/');

	return slash && slash > rest && slash - rest <= 64 && strcmp(slash, "/confirm") == 0;
}

void api_handle(struct sim_api *api, const char *method, const char *path, const char *body,
		size_t body_len, struct sim_reply *out)
{
	static const char payments[] = API_PREFIX "/payments";
	int is_get = strcmp(method, "GET") == 0;
	int is_post = strcmp(method, "POST") == 0;
	json_t *req = NULL;

	if (strcmp(path, API_PREFIX "/health") == 0) {
		if (is_get)
			handle_health(out);
		else
			reply_error(out, 405, "method_not_allowed", "Use GET");
	} else if (strcmp(path, API_PREFIX "/bills/lookup") == 0) {
		if (!is_post)
			reply_error(out, 405, "method_not_allowed", "Use POST");
		else if ((req = parse_body(body, body_len, out)))
			handle_lookup(api, req, out);
	} else if (strcmp(path, API_PREFIX "/audit") == 0) {
		if (!is_post)
			reply_error(out, 405, "method_not_allowed", "Use POST");
		else if ((req = parse_body(body, body_len, out)))
			handle_audit(api, req, out);
	} else if (strcmp(path, payments) == 0) {
		if (!is_post)
			reply_error(out, 405, "method_not_allowed", "Use POST");
		else if ((req = parse_body(body, body_len, out)))
			handle_pay(api, req, out);
	} else if (strncmp(path, payments, strlen(payments)) == 0 &&
		   path[strlen(payments)] == '/' && is_confirm_path(path + strlen(payments) + 1)) {
		char key[72];
		snprintf(
		    key, sizeof(key), "%.*s",
		    (int)(strchr(path + strlen(payments) + 1, '/') - path - strlen(payments) - 1),
		    path + strlen(payments) + 1);
		if (!is_post)
			reply_error(out, 405, "method_not_allowed", "Use POST");
		else if ((req = parse_body(body, body_len, out)))
			handle_confirm(api, key, req, out);
	} else if (strncmp(path, payments, strlen(payments)) == 0 &&
		   path[strlen(payments)] == '/' && !strchr(path + strlen(payments) + 1, '/')) {
		if (is_get)
			handle_payment_status(api, path + strlen(payments) + 1, out);
		else
			reply_error(out, 405, "method_not_allowed", "Use GET");
	} else {
		/* Not "not_found": a kiosk pointed at a wrong URL must not read it as "no
		 * such account". */
		reply_error(out, 404, "no_such_endpoint", "There is no such API endpoint");
	}
	json_decref(req);
}
