/* The portal API client: one reused libcurl easy handle (TLS always verified against the
 * configured CA only), JSON with jansson, and every failure mapped to a KIOSK_E* code.
 * A struct portal is NOT thread-safe: give each worker thread its own. */
#include "app/portal/portal.h"
#include "app/portal/portal_json.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>

#include <mbedtls/platform_util.h>

#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/https.h"
#include "app/common/log.h"
#include "app/portal/portal_internal.h"

#define API_PREFIX "/api/kiosk/v1"
#define RESPONSE_MAX (64 * 1024)
#define DEFAULT_TIMEOUT_MS 15000L
#define DEFAULT_CONNECT_TIMEOUT_MS 5000L

struct portal {
	CURL *curl;
	struct curl_slist *headers;
	char base_url[256];
	char errbuf[CURL_ERROR_SIZE];
	struct https_body resp;
	struct https_policy policy;
	long requests;	     /* performed, answered or not */
	long connections;    /* new connections opened (each a TLS handshake) */
	char last_error[32]; /* the "error" code of the last refusal, "" after a success */
	int last_tries_left; /* the refusal's "tries_left", -1 when it had none */
	/* A stale bill's refusal: the newest bill's date, else "". */
	char last_detail[11];
};

static int set_options(struct portal *p, const struct portal_config *cfg)
{
	CURL *c = p->curl;
	CURLcode r = CURLE_OK;

	p->policy = (struct https_policy){
	    .ca_file = cfg->ca_file,
	    .pin = cfg->pin,
	    .client_cert = cfg->client_cert,
	    .client_key = cfg->client_key,
	    .timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : DEFAULT_TIMEOUT_MS,
	    .connect_timeout_ms =
		cfg->connect_timeout_ms > 0 ? cfg->connect_timeout_ms : DEFAULT_CONNECT_TIMEOUT_MS,
	};
	https_body_reset(&p->resp, RESPONSE_MAX);
	if (https_apply(c, &p->policy) != 0 || https_body_collect(c, &p->resp) != 0)
		return KIOSK_EINVAL;
	r = curl_easy_setopt(c, CURLOPT_HTTPHEADER, p->headers);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_ERRORBUFFER, p->errbuf);
	if (r != CURLE_OK) {
		log_error("portal", "libcurl refused an option: %s", curl_easy_strerror(r));
		return KIOSK_EINVAL;
	}
	return 0;
}

static int build_headers(struct portal *p, const char *kiosk_id)
{
	char line[128];

	/* "Expect:" stops libcurl waiting for 100-continue on larger bodies. */
	static const char *fixed[] = {"Content-Type: application/json", "Accept: application/json",
				      "Expect:"};

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		struct curl_slist *l = curl_slist_append(p->headers, fixed[i]);
		if (!l)
			return KIOSK_ENOMEM;
		p->headers = l;
	}
	if (kiosk_id && kiosk_id[0]) {
		struct curl_slist *l;
		if (strpbrk(kiosk_id, "\r\n") ||
		    snprintf(line, sizeof(line), "X-Kiosk-Id: %s", kiosk_id) >= (int)sizeof(line))
			return KIOSK_EINVAL;
		l = curl_slist_append(p->headers, line);
		if (!l)
			return KIOSK_ENOMEM;
		p->headers = l;
	}
	return 0;
}

int portal_open(const struct portal_config *cfg, struct portal **out)
{
	struct portal *p = NULL;
	size_t n;
	int rc = KIOSK_EINVAL;

	if (!cfg || !out || !cfg->base_url || !cfg->ca_file || !cfg->ca_file[0] ||
	    strncmp(cfg->base_url, "https://", 8) != 0) {
		log_error("portal", "configuration needs an https:// base URL and a CA file");
		return KIOSK_EINVAL;
	}
	if (https_global_init() != 0)
		return KIOSK_ENOMEM;
	p = calloc(1, sizeof(*p));
	if (!p)
		return KIOSK_ENOMEM;
	p->last_tries_left = -1;
	n = strlen(cfg->base_url);
	while (n > 0 && cfg->base_url[n - 1] == '/')
		n--;
	if (n >= sizeof(p->base_url))
		goto out;
	memcpy(p->base_url, cfg->base_url, n);
	p->base_url[n] = '\0';

	p->curl = curl_easy_init();
	if (!p->curl) {
		rc = KIOSK_ENOMEM;
		goto out;
	}
	rc = build_headers(p, cfg->kiosk_id);
	if (rc == 0)
		rc = set_options(p, cfg);
	if (rc != 0)
		goto out;
	*out = p;
out:
	if (rc != 0)
		portal_close(p);
	return rc;
}

void portal_stats(const struct portal *p, long *requests, long *connections)
{
	*requests = p->requests;
	*connections = p->connections;
}

void portal_close(struct portal *p)
{
	if (!p)
		return;
	/* How well connections were reused over the portal's life (tests/bench reads it). */
	log_info("portal", "%ld requests over %ld connections", p->requests, p->connections);
	if (p->curl)
		curl_easy_cleanup(p->curl);
	curl_slist_free_all(p->headers);
	https_body_free(&p->resp);
	free(p);
}

/* Turns an HTTP status and its parsed body into 0 (a 200 with a JSON object) or an error. */
static int map_status(long status, json_t *doc, const char *path)
{
	const char *code = json_string_value(json_object_get(doc, "error"));
	const char *msg = json_string_value(json_object_get(doc, "message"));

	if (status == 200)
		return json_is_object(doc) ? 0 : KIOSK_EPROTO;
	if (status >= 500 && status <= 599)
		return KIOSK_ESERVER;
	if (status == 404 && code && strcmp(code, "not_found") == 0)
		return KIOSK_ENOTFOUND;
	/* 401/403/410/423/429: the resident endpoints' refusals (wrong password, locked, code
	 * expired...); portal_last_refusal() tells them apart. */
	if (status == 400 || status == 401 || status == 403 || status == 409 || status == 410 ||
	    status == 413 || status == 422 || status == 423 || status == 429) {
		/* The portal refused the request itself: a kiosk bug or bad input, not a
		 * network problem, so never worth retrying unchanged. */
		log_warn("portal", "%s refused: %s (%s)", path, code ? code : "?", msg ? msg : "");
		return KIOSK_EINVAL;
	}
	return KIOSK_EPROTO;
}

static int portal_request(struct portal *p, const char *method, const char *path, const char *body,
			  json_t **doc);

/* Sends one request; on 0, *doc is the answer's JSON object (caller decrefs). A token, when
 * given, travels as "Authorization: Bearer" for this request only. */
static int portal_request_as(struct portal *p, const char *method, const char *path,
			     const char *body, const char *token, json_t **doc)
{
	char auth[160];
	struct curl_slist *headers = NULL;
	int rc;

	*doc = NULL;
	if (token) {
		/* A copy of the fixed headers plus this session's; the handle gets its own list
		 * back before returning. */
		if (strpbrk(token, "\r\n") ||
		    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token) >=
			(int)sizeof(auth))
			return KIOSK_EINVAL;
		for (struct curl_slist *h = p->headers; h; h = h->next) {
			struct curl_slist *l = curl_slist_append(headers, h->data);
			if (!l) {
				curl_slist_free_all(headers);
				return KIOSK_ENOMEM;
			}
			headers = l;
		}
		struct curl_slist *l = curl_slist_append(headers, auth);
		mbedtls_platform_zeroize(auth, sizeof(auth));
		if (!l) {
			curl_slist_free_all(headers);
			return KIOSK_ENOMEM;
		}
		headers = l;
		curl_easy_setopt(p->curl, CURLOPT_HTTPHEADER, headers);
	}
	rc = portal_request(p, method, path, body, doc);
	if (headers) {
		curl_easy_setopt(p->curl, CURLOPT_HTTPHEADER, p->headers);
		for (struct curl_slist *h = headers; h; h = h->next)
			mbedtls_platform_zeroize(h->data, strlen(h->data));
		curl_slist_free_all(headers);
	}
	return rc;
}

static int portal_request(struct portal *p, const char *method, const char *path, const char *body,
			  json_t **doc)
{
	char url[512];
	int64_t start;
	long status = 0;
	CURLcode r = CURLE_OK;
	int rc;

	*doc = NULL;
	p->last_error[0] = '\0';
	p->last_tries_left = -1;
	if (snprintf(url, sizeof(url), "%s%s", p->base_url, path) >= (int)sizeof(url))
		return KIOSK_EINVAL;
	https_body_reset(&p->resp, RESPONSE_MAX);
	p->errbuf[0] = '\0';

	if (https_set_url(p->curl, &p->policy, url) != 0)
		return KIOSK_EINVAL;
	if (body) {
		r = curl_easy_setopt(p->curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
		if (r == CURLE_OK)
			r = curl_easy_setopt(p->curl, CURLOPT_POSTFIELDS, body);
	} else {
		r = curl_easy_setopt(p->curl, CURLOPT_HTTPGET, 1L);
	}
	if (r != CURLE_OK)
		return KIOSK_EINVAL;

	start = clock_mono_ms();
	r = curl_easy_perform(p->curl);
	{
		long fresh = 0;
		p->requests++;
		if (curl_easy_getinfo(p->curl, CURLINFO_NUM_CONNECTS, &fresh) == CURLE_OK)
			p->connections += fresh;
	}
	if (r != CURLE_OK) {
		rc = https_error(r);
		if (rc == KIOSK_ETLS)
			log_error("portal", "refusing the portal at %s: %s; nothing was sent (%s)",
				  p->base_url,
				  r == CURLE_SSL_PINNEDPUBKEYNOTMATCH
				      ? "its public key does not match the configured pin"
				  : r == CURLE_PEER_FAILED_VERIFICATION
				      ? "its certificate does not chain to the configured CA or "
					"names another host"
				      : "the TLS handshake failed",
				  p->errbuf[0] ? p->errbuf : curl_easy_strerror(r));
		log_warn("portal", "%s %s failed after %ld ms: %s (%s)", method, path,
			 (long)(clock_mono_ms() - start),
			 p->errbuf[0] ? p->errbuf : curl_easy_strerror(r), kiosk_strerror(rc));
		return rc;
	}
	curl_easy_getinfo(p->curl, CURLINFO_RESPONSE_CODE, &status);
	log_info("portal", "%s %s -> %ld in %ld ms", method, path, status,
		 (long)(clock_mono_ms() - start));

	if (p->resp.data)
		*doc = json_loadb(p->resp.data, p->resp.len, JSON_REJECT_DUPLICATES, NULL);
	rc = map_status(status, *doc, path);
	if (rc != 0) {
		json_t *tries = json_object_get(*doc, "tries_left");

		snprintf(p->last_error, sizeof(p->last_error), "%s",
			 json_string_value(json_object_get(*doc, "error"))
			     ? json_string_value(json_object_get(*doc, "error"))
			     : "");
		/* A wrong verification code says how many tries are left (docs/portal-api.md). */
		if (json_is_integer(tries) && json_integer_value(tries) >= 0 &&
		    json_integer_value(tries) < 100)
			p->last_tries_left = (int)json_integer_value(tries);
	}
	p->last_detail[0] = '\0';
	if (rc != 0 && json_string_value(json_object_get(*doc, "latest_bill_date")))
		snprintf(p->last_detail, sizeof(p->last_detail), "%s",
			 json_string_value(json_object_get(*doc, "latest_bill_date")));
	if (rc == KIOSK_EPROTO && status == 200)
		log_warn("portal", "%s: the answer is not a JSON object", path);
	if (rc != 0) {
		json_decref(*doc);
		*doc = NULL;
	}
	return rc;
}

/* ---- reading answers: anything missing, mistyped or oversized is KIOSK_EPROTO ---- */

static int get_string(json_t *doc, const char *name, char *dst, size_t n, int nullable)
{
	json_t *v = json_object_get(doc, name);
	const char *s = json_string_value(v);

	if (nullable && (!v || json_is_null(v))) {
		dst[0] = '\0';
		return 0;
	}
	if (!s || strlen(s) >= n) {
		log_warn("portal", "answer field %s missing or malformed", name);
		return KIOSK_EPROTO;
	}
	memcpy(dst, s, strlen(s) + 1);
	return 0;
}

static int get_cents(json_t *doc, const char *name, int64_t *out)
{
	json_t *v = json_object_get(doc, name);

	/* Integers only: a float here would mean the portal lost track of cents. */
	if (!json_is_integer(v)) {
		log_warn("portal", "answer field %s missing or not an integer", name);
		return KIOSK_EPROTO;
	}
	*out = (int64_t)json_integer_value(v);
	return 0;
}

/* Copies a message for people, cut at a UTF-8 character boundary if it is too long: a long
 * message must never turn an approved payment into an error. */
static int get_message(json_t *doc, char *dst, size_t n)
{
	const char *s = json_string_value(json_object_get(doc, "message"));
	size_t len;

	if (!s) {
		dst[0] = '\0';
		return 0;
	}
	len = strlen(s);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
	return 0;
}

static int parse_bill(json_t *doc, struct portal_bill *out)
{
	struct portal_bill b;
	int rc;

	memset(&b, 0, sizeof(b));
	rc = get_string(doc, "customer_number", b.customer_number, sizeof(b.customer_number), 0);
	if (rc == 0)
		rc = get_string(doc, "display_number", b.display_number, sizeof(b.display_number),
				0);
	if (rc == 0)
		rc = get_string(doc, "last_name", b.last_name, sizeof(b.last_name), 0);
	if (rc == 0)
		rc = get_cents(doc, "balance_cents", &b.balance_cents);
	if (rc == 0)
		rc = get_cents(doc, "last_bill_cents", &b.last_bill_cents);
	if (rc == 0)
		rc = get_string(doc, "due_date", b.due_date, sizeof(b.due_date), 1);
	if (rc == 0)
		rc = get_string(doc, "last_payment_date", b.last_payment_date,
				sizeof(b.last_payment_date), 1);
	if (rc == 0)
		rc = get_cents(doc, "last_payment_cents", &b.last_payment_cents);
	if (rc == 0)
		*out = b;
	return rc;
}

/* A basket's "allocations" (absent for one bill): each bill with its balance after. */
static int parse_bills(json_t *bills, struct portal_payment *pay)
{
	size_t i;
	json_t *b;

	if (!bills)
		return 0;
	if (!json_is_array(bills) || json_array_size(bills) < 2 ||
	    json_array_size(bills) > PORTAL_MAX_BILLS)
		return KIOSK_EPROTO;
	json_array_foreach(bills, i, b)
	{
		struct portal_bill_share *s = &pay->bills[i];

		if (get_string(b, "customer_number", s->customer_number, sizeof(s->customer_number),
			       0) != 0 ||
		    get_cents(b, "amount_cents", &s->amount_cents) != 0 ||
		    !json_is_integer(json_object_get(b, "balance_cents")))
			return KIOSK_EPROTO;
		s->balance_cents = json_integer_value(json_object_get(b, "balance_cents"));
	}
	pay->n_bills = (int)json_array_size(bills);
	return 0;
}

/* "approval_code": absent (a decline, a posting, cash), or 1 to 15 letters and digits. */
static int get_approval_code(json_t *doc, char *dst, size_t n)
{
	const char *s;
	size_t len;

	dst[0] = '\0';
	if (!json_object_get(doc, "approval_code"))
		return 0;
	s = json_string_value(json_object_get(doc, "approval_code"));
	len = s ? strlen(s) : 0;
	if (len == 0 || len >= n ||
	    strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != len) {
		log_warn("portal", "answer field approval_code malformed");
		return KIOSK_EPROTO;
	}
	memcpy(dst, s, len + 1);
	return 0;
}

static int parse_payment(json_t *doc, struct portal_payment *out)
{
	const char *status = json_string_value(json_object_get(doc, "status"));
	struct portal_payment pay;
	int rc = KIOSK_EPROTO;

	memset(&pay, 0, sizeof(pay));
	if (status && strcmp(status, "approved") == 0)
		pay.status = PORTAL_PAY_APPROVED;
	else if (status && strcmp(status, "declined") == 0)
		pay.status = PORTAL_PAY_DECLINED;
	else
		goto out;
	rc = get_string(doc, "reference", pay.reference, sizeof(pay.reference), 0);
	if (rc == 0)
		rc = get_cents(doc, "amount_cents", &pay.amount_cents);
	if (rc == 0)
		rc = get_message(doc, pay.message, sizeof(pay.message));
	if (rc == 0)
		rc = get_approval_code(doc, pay.approval_code, sizeof(pay.approval_code));
	if (rc == 0)
		rc = parse_bills(json_object_get(doc, "allocations"), &pay);
	if (rc == 0)
		*out = pay;
out:
	if (rc != 0)
		log_warn("portal", "payment answer malformed");
	return rc;
}

/* ---- the same readers on a raw body, for fuzzing (app/portal/portal_json.h) ---- */

/* The answer's JSON object, or NULL (logged) when the body is not one. */
static json_t *load_object(const char *body, size_t len)
{
	json_t *doc = body ? json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL) : NULL;

	if (!json_is_object(doc)) {
		log_warn("portal", "the answer is not a JSON object");
		json_decref(doc);
		return NULL;
	}
	return doc;
}

int portal_parse_error(long status, const char *body, size_t len, const char *path)
{
	json_t *doc;
	int rc;

	/* A 200's body is read by the caller's parser; only refusals are read here. */
	if (status == 200)
		return 0;
	doc = body ? json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL) : NULL;
	rc = map_status(status, doc, path ? path : "?");
	json_decref(doc);
	return rc;
}

int portal_parse_bill(const char *body, size_t len, struct portal_bill *out)
{
	json_t *doc = load_object(body, len);
	int rc = doc ? parse_bill(doc, out) : KIOSK_EPROTO;

	json_decref(doc);
	return rc;
}

int portal_parse_payment(const char *body, size_t len, struct portal_payment *out)
{
	json_t *doc = load_object(body, len);
	int rc = doc ? parse_payment(doc, out) : KIOSK_EPROTO;

	json_decref(doc);
	return rc;
}

/* Keeps the digits of what a person typed; dashes, dots and spaces are how bills print it. */
static int normalise_customer_number(const char *in, char *out, size_t n)
{
	size_t len = 0;

	for (; in && *in; in++) {
		if (*in == '-' || *in == '.' || *in == ' ')
			continue;
		if (!isdigit((unsigned char)*in) || len + 1 >= n)
			return KIOSK_EINVAL;
		out[len++] = *in;
	}
	out[len] = '\0';
	return len > 0 ? 0 : KIOSK_EINVAL;
}

/* Idempotency keys go into URLs: the unreserved characters only, so no escaping ambiguity. */
static int key_ok(const char *key)
{
	size_t n = key ? strlen(key) : 0;

	return n > 0 && n <= 64 &&
	       strspn(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~") ==
		   n;
}

/* Serialises, sends and frees `req`. */
static int post_json(struct portal *p, const char *path, json_t *req, json_t **doc)
{
	char *body;
	int rc;

	if (!req)
		return KIOSK_ENOMEM;
	body = json_dumps(req, JSON_COMPACT);
	json_decref(req);
	if (!body)
		return KIOSK_ENOMEM;
	rc = portal_request(p, "POST", path, body, doc);
	free(body);
	return rc;
}

int portal_lookup_bill(struct portal *p, const char *customer_number, const char *last_name,
		       int64_t last_bill_cents, struct portal_bill *out)
{
	char digits[24];
	json_t *req = NULL, *doc = NULL;
	int rc;

	if (!p || !out || normalise_customer_number(customer_number, digits, sizeof(digits)) != 0)
		return KIOSK_EINVAL;
	if (last_name)
		req = json_pack("{s:s, s:s}", "customer_number", digits, "last_name", last_name);
	else if (last_bill_cents >= 0)
		req = json_pack("{s:s, s:I}", "customer_number", digits, "last_bill_cents",
				(json_int_t)last_bill_cents);
	else
		return KIOSK_EINVAL;
	rc = post_json(p, API_PREFIX "/bills/lookup", req, &doc);
	if (rc == 0)
		rc = parse_bill(doc, out);
	json_decref(doc);
	return rc;
}

int portal_lookup_scanned(struct portal *p, const char *barcode, struct portal_bill *out,
			  char latest[11])
{
	json_t *req, *doc = NULL;
	int rc;

	if (!p || !out || !barcode || !barcode[0])
		return KIOSK_EINVAL;
	if (latest)
		latest[0] = '\0';
	req = json_pack("{s:s}", "barcode", barcode);
	if (!req)
		return KIOSK_ENOMEM;
	rc = post_json(p, API_PREFIX "/bills/lookup", req, &doc);
	if (rc == 0)
		rc = parse_bill(doc, out);
	json_decref(doc);
	if (rc == KIOSK_EINVAL && strcmp(p->last_error, "stale_bill") == 0) {
		rc = KIOSK_ESTATE;
		if (latest)
			snprintf(latest, 11, "%s", p->last_detail);
	}
	return rc;
}

/* The card as the portal takes it: sealed here, or as an encrypting reader made it. */
static json_t *card_json(const struct card_sealed *card)
{
	/* A hardware-encrypted swipe goes as the reader made it (docs/portal-api.md). */
	if (card->ksn[0])
		return json_pack("{s:s, s:s, s:{s:s, s:s, s:s, s:s}}", "brand", card->brand,
				 "last4", card->last4, "encrypted", "format", "magtek-magnesafe",
				 "ksn", card->ksn, "track1", card->enc_track1, "track2",
				 card->enc_track2);
	return json_pack("{s:s, s:s, s:s}", "brand", card->brand, "last4", card->last4, "sealed",
			 card->sealed_b64);
}

/* Posts a card payment (req gets the card) and checks the answer is for what was asked. */
static int post_card_payment(struct portal *p, const char *key, json_t *req, int64_t amount_cents,
			     const struct card_sealed *card, struct portal_payment *out)
{
	json_t *jcard = card_json(card), *doc = NULL;
	int rc;

	if (!jcard || !req) {
		json_decref(jcard);
		json_decref(req);
		return KIOSK_ENOMEM;
	}
	json_object_set_new(req, "card", jcard);
	rc = post_json(p, API_PREFIX "/payments", req, &doc);
	if (rc == 0)
		rc = parse_payment(doc, out);
	if (rc == 0 && out->amount_cents != amount_cents) {
		/* The portal says it charged something else: treat as in doubt. */
		log_error("portal", "payment %s: portal answered %lld cents, asked %lld", key,
			  (long long)out->amount_cents, (long long)amount_cents);
		rc = KIOSK_EPROTO;
	}
	if (rc == 0 && out->status == PORTAL_PAY_APPROVED && !out->approval_code[0]) {
		/* An approval the receipt cannot name: not an answer we can stand behind. */
		log_error("portal", "payment %s: approved without an approval code", key);
		rc = KIOSK_EPROTO;
	}
	json_decref(doc);
	return rc;
}

static int card_ok(const struct card_sealed *card)
{
	return card && (card->sealed_b64[0] || card->ksn[0]);
}

int portal_pay(struct portal *p, const char *idempotency_key, const char *customer_number,
	       int64_t amount_cents, const struct card_sealed *card, struct portal_payment *out)
{
	char digits[24];

	if (!p || !out || !card_ok(card) || !key_ok(idempotency_key) || amount_cents <= 0 ||
	    normalise_customer_number(customer_number, digits, sizeof(digits)) != 0)
		return KIOSK_EINVAL;
	return post_card_payment(p, idempotency_key,
				 json_pack("{s:s, s:s, s:I}", "idempotency_key", idempotency_key,
					   "customer_number", digits, "amount_cents",
					   (json_int_t)amount_cents),
				 amount_cents, card, out);
}

/* A basket's "allocations": 2 to PORTAL_MAX_BILLS bills, each with an amount, summing to
 * amount_cents; NULL when the portal would refuse them. */
static json_t *allocations_json(const struct portal_bill_share *bills, int n_bills,
				int64_t amount_cents)
{
	json_t *list;
	int64_t sum = 0;

	if (!bills || n_bills < 2 || n_bills > PORTAL_MAX_BILLS)
		return NULL;
	list = json_array();
	for (int i = 0; list && i < n_bills; i++) {
		char digits[24];

		if (bills[i].amount_cents <= 0 ||
		    normalise_customer_number(bills[i].customer_number, digits, sizeof(digits))) {
			json_decref(list);
			return NULL;
		}
		sum += bills[i].amount_cents;
		json_array_append_new(list,
				      json_pack("{s:s, s:I}", "customer_number", digits,
						"amount_cents", (json_int_t)bills[i].amount_cents));
	}
	if (list && sum != amount_cents) {
		json_decref(list);
		return NULL;
	}
	return list;
}

int portal_pay_bills(struct portal *p, const char *idempotency_key,
		     const struct portal_bill_share *bills, int n_bills, int64_t amount_cents,
		     const struct card_sealed *card, struct portal_payment *out)
{
	json_t *list;
	int rc;

	if (!p || !out || !card_ok(card) || !key_ok(idempotency_key))
		return KIOSK_EINVAL;
	list = allocations_json(bills, n_bills, amount_cents);
	if (!list)
		return KIOSK_EINVAL;
	rc = post_card_payment(p, idempotency_key,
			       json_pack("{s:s, s:o, s:I}", "idempotency_key", idempotency_key,
					 "allocations", list, "amount_cents",
					 (json_int_t)amount_cents),
			       amount_cents, card, out);
	if (rc == 0 && out->n_bills != n_bills)
		rc = KIOSK_EPROTO;
	for (int i = 0; rc == 0 && i < n_bills; i++)
		if (out->bills[i].amount_cents != bills[i].amount_cents)
			rc = KIOSK_EPROTO;
	if (rc == KIOSK_EPROTO)
		log_error("portal", "payment %s: the portal applied other bills than asked",
			  idempotency_key);
	return rc;
}

/* A cash posting's body: one account (customer_number) or a basket (allocations, with the
 * account its credit goes to). */
static int cash_body(const char *idempotency_key, const char *customer_number,
		     const struct portal_cash_basket *basket, int64_t amount_due_cents,
		     const struct portal_cash_note *notes, int n_notes, char *out, size_t cap)
{
	char digits[24];
	json_t *req = NULL, *list = json_array(), *bills = NULL;
	int64_t total = 0;
	char *text = NULL;
	int rc = KIOSK_EINVAL;

	if (!list || !key_ok(idempotency_key) || amount_due_cents <= 0 || n_notes <= 0)
		goto out;
	if (basket) {
		bills = allocations_json(basket->bills, basket->n_bills, amount_due_cents);
		if (!bills || basket->credit_to < 0 || basket->credit_to >= basket->n_bills ||
		    normalise_customer_number(basket->bills[basket->credit_to].customer_number,
					      digits, sizeof(digits)) != 0)
			goto out;
	} else if (normalise_customer_number(customer_number, digits, sizeof(digits)) != 0) {
		goto out;
	}
	for (int i = 0; i < n_notes; i++) {
		if (notes[i].cents <= 0 || notes[i].count <= 0)
			goto out;
		total += notes[i].cents * notes[i].count;
		json_array_append_new(list,
				      json_pack("{s:I, s:i}", "cents", (json_int_t)notes[i].cents,
						"count", notes[i].count));
	}
	req = json_pack("{s:s, s:I, s:s, s:{s:I, s:I, s:O}}", "idempotency_key", idempotency_key,
			"amount_cents", (json_int_t)total, "tender", "cash", "cash",
			"amount_due_cents", (json_int_t)amount_due_cents, "credit_cents",
			(json_int_t)(total > amount_due_cents ? total - amount_due_cents : 0),
			"notes", list);
	/* One bill: its account; a basket: its bills, and where the credit goes. */
	if (req && bills) {
		json_object_set(req, "allocations", bills);
		json_object_set_new(json_object_get(req, "cash"), "credit_to", json_string(digits));
	} else if (req) {
		json_object_set_new(req, "customer_number", json_string(digits));
	}
	text = req ? json_dumps(req, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	rc = !text ? KIOSK_ENOMEM : strlen(text) >= cap ? KIOSK_EINVAL : 0;
	if (rc == 0)
		snprintf(out, cap, "%s", text);
out:
	free(text);
	json_decref(req);
	json_decref(list);
	json_decref(bills);
	return rc;
}

int portal_cash_body(const char *idempotency_key, const char *customer_number,
		     int64_t amount_due_cents, const struct portal_cash_note *notes, int n_notes,
		     char *out, size_t cap)
{
	return cash_body(idempotency_key, customer_number, NULL, amount_due_cents, notes, n_notes,
			 out, cap);
}

int portal_cash_basket_body(const char *idempotency_key, const struct portal_cash_basket *basket,
			    int64_t amount_due_cents, const struct portal_cash_note *notes,
			    int n_notes, char *out, size_t cap)
{
	if (!basket)
		return KIOSK_EINVAL;
	return cash_body(idempotency_key, NULL, basket, amount_due_cents, notes, n_notes, out, cap);
}

/* Short fields of a posting: printable ASCII, no quotes (they are written into JSON as is by
 * jansson anyway; this keeps the outbox row readable and bounded). */
static int field_ok(const char *s, size_t min, size_t max)
{
	size_t n = s ? strlen(s) : 0;

	if (n < min || n > max)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < 0x20 || s[i] > 0x7e)
			return 0;
	}
	return 1;
}

int portal_posting_json(const struct portal_posting *pp, char *buf, size_t n)
{
	char digits[24];
	json_t *req, *bills = NULL;
	size_t len;
	int rc = 0;

	if (!pp || !buf || n == 0 || !key_ok(pp->idempotency_key) || pp->amount_cents <= 0 ||
	    pp->fee_cents < 0 ||
	    (pp->n_bills == 0 &&
	     normalise_customer_number(pp->customer_number, digits, sizeof(digits)) != 0) ||
	    !field_ok(pp->tender, 1, 15) || !field_ok(pp->transaction_id, 1, 64) ||
	    !field_ok(pp->approval_code, 1, 15) || !field_ok(pp->brand, 1, 23) ||
	    !field_ok(pp->last4, 4, 4) || strspn(pp->last4, "0123456789") != 4 ||
	    !field_ok(pp->entry_mode, 1, 11))
		return KIOSK_EINVAL;
	if (pp->n_bills > 0 &&
	    !(bills = allocations_json(pp->bills, pp->n_bills, pp->amount_cents)))
		return KIOSK_EINVAL;
	req = json_pack("{s:s, s:I, s:I, s:s, s:{s:s, s:s, s:s, s:s, s:s}}", "idempotency_key",
			pp->idempotency_key, "amount_cents", (json_int_t)pp->amount_cents,
			"fee_cents", (json_int_t)pp->fee_cents, "tender", pp->tender, pp->tender,
			"transaction_id", pp->transaction_id, "approval_code", pp->approval_code,
			"brand", pp->brand, "last4", pp->last4, "entry_mode", pp->entry_mode);
	/* A basket: its bills in place of the one customer number. */
	if (req && bills)
		json_object_set_new(req, "allocations", bills);
	else if (req)
		json_object_set_new(req, "customer_number", json_string(digits));
	else
		json_decref(bills);
	if (!req)
		return KIOSK_ENOMEM;
	len = json_dumpb(req, buf, n, JSON_COMPACT);
	if (len == 0 || len >= n)
		rc = KIOSK_EINVAL;
	else
		buf[len] = '\0';
	json_decref(req);
	return rc;
}

int portal_post_payment(struct portal *p, const char *idempotency_key, const char *body_json,
			struct portal_payment *out)
{
	json_t *doc = NULL;
	int rc;

	if (!p || !out || !key_ok(idempotency_key) || !body_json)
		return KIOSK_EINVAL;
	rc = portal_request(p, "POST", API_PREFIX "/payments", body_json, &doc);
	if (rc == 0)
		rc = parse_payment(doc, out);
	if (rc == 0 && out->status != PORTAL_PAY_APPROVED) {
		/* The charge already happened: a portal never declines a posting. */
		log_error("portal", "posting %.8s answered declined", idempotency_key);
		rc = KIOSK_EPROTO;
	}
	json_decref(doc);
	return rc;
}

int portal_payment_status(struct portal *p, const char *idempotency_key, struct portal_payment *out)
{
	char path[128];
	json_t *doc = NULL;
	int rc;

	if (!p || !out || !key_ok(idempotency_key))
		return KIOSK_EINVAL;
	snprintf(path, sizeof(path), API_PREFIX "/payments/%s", idempotency_key);
	rc = portal_request(p, "GET", path, NULL, &doc);
	if (rc == 0)
		rc = parse_payment(doc, out);
	json_decref(doc);
	return rc;
}

int portal_confirm_payment(struct portal *p, const char *idempotency_key, const char *body_json)
{
	char path[160];
	json_t *doc = NULL;
	int rc;

	if (!p || !key_ok(idempotency_key) || !body_json)
		return KIOSK_EINVAL;
	snprintf(path, sizeof(path), API_PREFIX "/payments/%s/confirm", idempotency_key);
	rc = portal_request(p, "POST", path, body_json, &doc);
	json_decref(doc);
	return rc;
}
int portal_send_audit(struct portal *p, const char *event_id, const char *body_json)
{
	json_t *doc = NULL;
	int rc;

	if (!p || !key_ok(event_id) || !body_json)
		return KIOSK_EINVAL;
	rc = portal_request(p, "POST", API_PREFIX "/audit", body_json, &doc);
	json_decref(doc);
	return rc;
}

/* ---- for the other endpoint files of this client (portal_internal.h) ---- */

int portal_call(struct portal *p, const char *method, const char *path, const char *token,
		json_t *req, json_t **doc)
{
	char *body = NULL;
	int rc;

	*doc = NULL;
	if (req) {
		body = json_dumps(req, JSON_COMPACT);
		json_decref(req);
		if (!body)
			return KIOSK_ENOMEM;
	} else if (strcmp(method, "POST") == 0) {
		body = strdup("{}");
		if (!body)
			return KIOSK_ENOMEM;
	}
	rc = portal_request_as(p, method, path, body, token, doc);
	if (body) {
		/* Bodies may hold a password or bank details. */
		mbedtls_platform_zeroize(body, strlen(body));
		free(body);
	}
	return rc;
}

const char *portal_last_error(const struct portal *p)
{
	return p ? p->last_error : "";
}

int portal_last_tries_left(const struct portal *p)
{
	return p ? p->last_tries_left : -1;
}

int portal_read_string(json_t *doc, const char *name, char *dst, size_t n, int nullable)
{
	return get_string(doc, name, dst, n, nullable);
}

int portal_read_cents(json_t *doc, const char *name, int64_t *out)
{
	return get_cents(doc, name, out);
}

int portal_read_bill(json_t *doc, struct portal_bill *out)
{
	return parse_bill(doc, out);
}
