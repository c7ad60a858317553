/* The payment terminal's HTTPS client: one libcurl handle per call (so an Abort can go while a
 * Payment waits) under the kiosk's one HTTPS policy (app/common/https.h: the configured CA
 * only, TLS 1.2 or newer, https only), and every failure sorted by whether the request could
 * have reached the terminal. */
#include "drivers/terminal/terminal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "app/common/err.h"
#include "app/common/https.h"
#include "app/common/log.h"

#define RESPONSE_MAX (256 * 1024)
#define DEFAULT_TIMEOUT_MS 15000L
#define DEFAULT_PAYMENT_TIMEOUT_MS 180000L
#define DEFAULT_CONNECT_TIMEOUT_MS 5000L

struct terminal {
	char url[256];
	char ca_file[512];
	char sale_id[65];
	char poi_id[65];
	char currency[4];
	long timeout_ms;
	long payment_timeout_ms;
	long connect_timeout_ms;
};

static int copy(char *dst, size_t n, const char *src)
{
	if (!src || strlen(src) >= n)
		return KIOSK_EINVAL;
	memcpy(dst, src, strlen(src) + 1);
	return 0;
}

int terminal_open(const struct terminal_config *cfg, struct terminal **out)
{
	struct terminal *t;
	struct https_policy policy = {.ca_file = cfg ? cfg->ca_file : NULL};

	*out = NULL;
	if (!cfg || https_url_allowed(&policy, cfg->url) != 0 || !cfg->ca_file ||
	    !cfg->ca_file[0] || !nexo_id_ok(cfg->sale_id) || !nexo_id_ok(cfg->poi_id) ||
	    !cfg->currency || strlen(cfg->currency) != 3) {
		log_error("terminal", "configuration refused: an https URL, a CA file, a sale "
				      "id, a POI id and a currency are needed");
		return KIOSK_EINVAL;
	}
	if (https_global_init() != 0)
		return KIOSK_ENOMEM;
	t = calloc(1, sizeof(*t));
	if (!t)
		return KIOSK_ENOMEM;
	if (copy(t->url, sizeof(t->url), cfg->url) ||
	    copy(t->ca_file, sizeof(t->ca_file), cfg->ca_file) ||
	    copy(t->sale_id, sizeof(t->sale_id), cfg->sale_id) ||
	    copy(t->poi_id, sizeof(t->poi_id), cfg->poi_id) ||
	    copy(t->currency, sizeof(t->currency), cfg->currency)) {
		free(t);
		return KIOSK_EINVAL;
	}
	t->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : DEFAULT_TIMEOUT_MS;
	t->payment_timeout_ms =
	    cfg->payment_timeout_ms > 0 ? cfg->payment_timeout_ms : DEFAULT_PAYMENT_TIMEOUT_MS;
	t->connect_timeout_ms =
	    cfg->connect_timeout_ms > 0 ? cfg->connect_timeout_ms : DEFAULT_CONNECT_TIMEOUT_MS;
	*out = t;
	return 0;
}

void terminal_close(struct terminal *t)
{
	free(t);
}

/* The request on the handle: the one policy (CA, TLS floor, https only, deadlines), the
 * terminal's URL, the JSON body, and the answer into b. */
static int set_options(CURL *c, const struct terminal *t, long timeout_ms,
		       struct curl_slist *headers, const char *json, struct https_body *b,
		       char *errbuf)
{
	struct https_policy policy = {.ca_file = t->ca_file,
				      .timeout_ms = timeout_ms,
				      .connect_timeout_ms = t->connect_timeout_ms};
	int rc = https_apply(c, &policy);

	if (rc == 0)
		rc = https_set_url(c, &policy, t->url);
	if (rc == 0)
		rc = https_body_collect(c, b);
	if (rc == 0 && (curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers) != CURLE_OK ||
			curl_easy_setopt(c, CURLOPT_POSTFIELDS, json) != CURLE_OK ||
			curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK))
		rc = KIOSK_EINVAL;
	return rc;
}

/* Whether any of the HTTP request left: before that, nothing can have been charged. */
static int request_sent(CURL *c)
{
	long sent = 0;

	return curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &sent) == CURLE_OK && sent > 0;
}

/* The policy's mapping, refined by what matters for money: whether any of the request left.
 * Before that nothing can have been charged (refused, reset during the handshake as a
 * rebooting terminal does, timed out connecting); after it, a reset, an empty reply or a
 * deadline leaves the outcome unknown. Certificate failures stay KIOSK_ETLS. */
static int map_failure(CURL *c, CURLcode r)
{
	int rc = https_error(r);

	if (rc == KIOSK_ENET || rc == KIOSK_ETIMEDOUT || r == CURLE_SSL_CONNECT_ERROR)
		return request_sent(c) ? KIOSK_ETIMEDOUT : KIOSK_ENET;
	return rc;
}

/* POSTs json and fills *b with the answer's body; 0 only for HTTP 200. */
static int post(const struct terminal *t, const char *what, const char *json, long timeout_ms,
		struct https_body *b)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *headers = NULL, *h;
	CURL *c = curl_easy_init();
	long status = 0;
	CURLcode r;
	int rc = KIOSK_ENOMEM;

	https_body_reset(b, RESPONSE_MAX);
	if (!c)
		return KIOSK_ENOMEM;
	h = curl_slist_append(NULL, "Content-Type: application/json");
	if (h)
		headers = curl_slist_append(h, "Expect:");
	if (!headers) {
		curl_slist_free_all(h);
		goto out;
	}
	rc = set_options(c, t, timeout_ms, headers, json, b, errbuf);
	if (rc != 0)
		goto out;
	r = curl_easy_perform(c);
	if (r != CURLE_OK) {
		rc = b->overflow ? KIOSK_EPROTO : map_failure(c, r);
		log_warn("terminal", "%s: %s (%s)", what, kiosk_strerror(rc),
			 errbuf[0] ? errbuf : curl_easy_strerror(r));
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (status != 200) {
		log_warn("terminal", "%s: HTTP %ld from the terminal", what, status);
		rc = KIOSK_EPROTO;
		goto out;
	}
	rc = 0;
out:
	curl_slist_free_all(headers);
	curl_easy_cleanup(c);
	return rc;
}

/* Sends one request and parses the answer, which must be this request's reply (or a Reject). */
static int exchange(const struct terminal *t, const struct nexo_ids *ids, enum nexo_category cat,
		    char *json, long timeout_ms, int empty_ok, struct nexo_response *out)
{
	struct https_body b = {0};
	int rc;

	memset(out, 0, sizeof(*out));
	rc = post(t, nexo_category_name(cat), json, timeout_ms, &b);
	free(json);
	if (rc == 0 && b.len == 0 && empty_ok)
		goto out;
	if (rc == 0)
		rc = nexo_parse_response(b.data, b.len, out);
	if (rc == 0)
		rc = nexo_check_reply(out, cat, ids);
	if (rc == KIOSK_EPROTO)
		log_warn("terminal", "%s: the terminal's answer is not a valid reply",
			 nexo_category_name(cat));
	else if (rc == 0 && out->header.category == NEXO_CAT_EVENT)
		log_warn("terminal", "%s: the terminal rejected it: %s", nexo_category_name(cat),
			 out->event_details);
out:
	https_body_free(&b);
	if (rc != 0)
		memset(out, 0, sizeof(*out));
	return rc;
}

/* The requests other than Payment, each under a ServiceID of its own: a and b are the
 * Abort's or TransactionStatus' payment ServiceID, or the Reversal's POITransactionID. */
static int control(struct terminal *t, enum nexo_category cat, const char *a, const char *b,
		   struct nexo_response *out)
{
	char sid[16];
	struct nexo_ids ids = {t->sale_id, t->poi_id, sid};
	char *json = NULL;
	int rc = nexo_service_id_new(sid, sizeof(sid));

	memset(out, 0, sizeof(*out));
	if (rc != 0)
		return rc;
	switch (cat) {
	case NEXO_CAT_ABORT: rc = nexo_build_abort(&ids, a, &json); break;
	case NEXO_CAT_TRANSACTION_STATUS: rc = nexo_build_transaction_status(&ids, a, &json); break;
	case NEXO_CAT_REVERSAL: rc = nexo_build_reversal(&ids, a, b, &json); break;
	default: rc = nexo_build_diagnosis(&ids, &json); break;
	}
	return rc ? rc : exchange(t, &ids, cat, json, t->timeout_ms, cat == NEXO_CAT_ABORT, out);
}

int terminal_payment(struct terminal *t, const char *service_id, const char *sale_txn_id,
		     int64_t epoch_ms, int64_t cents, struct nexo_response *out)
{
	struct nexo_ids ids = {t->sale_id, t->poi_id, service_id};
	char *json = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = nexo_build_payment(&ids, sale_txn_id, epoch_ms, t->currency, cents, &json);
	if (rc != 0)
		return rc;
	rc = exchange(t, &ids, NEXO_CAT_PAYMENT, json, t->payment_timeout_ms, 0, out);
	/* A reply must be about this sale, or it settles nothing (a refusal of the request
	 * itself may leave SaleData out; its ServiceID already matched). */
	if (rc == 0 && out->has_payment &&
	    (out->payment.sale_txn_id[0] || out->payment.outcome.result != NEXO_RESULT_FAILURE) &&
	    strcmp(out->payment.sale_txn_id, sale_txn_id) != 0) {
		log_warn("terminal", "Payment: the answer names another SaleTransactionID");
		memset(out, 0, sizeof(*out));
		rc = KIOSK_EPROTO;
	}
	return rc;
}

int terminal_abort(struct terminal *t, const char *payment_service_id, struct nexo_response *out)
{
	return control(t, NEXO_CAT_ABORT, payment_service_id, NULL, out);
}

int terminal_transaction_status(struct terminal *t, const char *payment_service_id,
				const char *sale_txn_id, struct nexo_response *out)
{
	int rc = control(t, NEXO_CAT_TRANSACTION_STATUS, payment_service_id, NULL, out);

	if (rc == 0 && out->has_payment && strcmp(out->payment.sale_txn_id, sale_txn_id) != 0) {
		log_warn("terminal", "TransactionStatus: the repeated payment is another sale's");
		memset(out, 0, sizeof(*out));
		rc = KIOSK_EPROTO;
	}
	return rc;
}

int terminal_reversal(struct terminal *t, const char *poi_txn_id, const char *poi_txn_ts,
		      struct nexo_response *out)
{
	return control(t, NEXO_CAT_REVERSAL, poi_txn_id, poi_txn_ts, out);
}

int terminal_diagnosis(struct terminal *t, struct nexo_response *out)
{
	return control(t, NEXO_CAT_DIAGNOSIS, NULL, NULL, out);
}
