/* The payment terminal's HTTPS client: one libcurl handle per call (so an Abort can go while a
 * Payment waits), TLS verified against the configured CA only, and every failure sorted by
 * whether the request could have reached the terminal. */
#include "drivers/terminal/terminal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "app/common/err.h"
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

struct body {
	char *data;
	size_t len;
	int overflow;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_result = CURLE_FAILED_INIT;

static void init_curl(void)
{
	curl_init_result = curl_global_init(CURL_GLOBAL_DEFAULT);
}

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

	*out = NULL;
	if (!cfg || !cfg->url || strncmp(cfg->url, "https://", 8) != 0 || !cfg->ca_file ||
	    !cfg->ca_file[0] || !nexo_id_ok(cfg->sale_id) || !nexo_id_ok(cfg->poi_id) ||
	    !cfg->currency || strlen(cfg->currency) != 3) {
		log_error("terminal", "configuration refused: an https URL, a CA file, a sale "
				      "id, a POI id and a currency are needed");
		return KIOSK_EINVAL;
	}
	pthread_once(&curl_once, init_curl);
	if (curl_init_result != CURLE_OK)
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

static size_t on_body(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct body *b = userdata;
	size_t n = size * nmemb;
	char *grown;

	if (b->len + n > RESPONSE_MAX) {
		b->overflow = 1;
		return 0;
	}
	grown = realloc(b->data, b->len + n + 1);
	if (!grown)
		return 0;
	memcpy(grown + b->len, data, n);
	b->data = grown;
	b->len += n;
	b->data[b->len] = '\0';
	return n;
}

/* The policy: the configured CA and nothing else, peer and host verified, TLS 1.2 or newer,
 * https only, no redirects, no signals. */
static int set_options(CURL *c, const struct terminal *t, long timeout_ms,
		       struct curl_slist *headers, const char *json, struct body *b, char *errbuf)
{
	CURLcode r = curl_easy_setopt(c, CURLOPT_URL, t->url);

	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_CAINFO, t->ca_file);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, t->connect_timeout_ms);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_POSTFIELDS, json);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	return r == CURLE_OK ? 0 : KIOSK_EINVAL;
}

/* Whether any of the HTTP request left: before that, nothing can have been charged. */
static int request_sent(CURL *c)
{
	long sent = 0;

	return curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &sent) == CURLE_OK && sent > 0;
}

static int map_failure(CURL *c, CURLcode r)
{
	switch (r) {
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS: return KIOSK_ETLS;
	case CURLE_OUT_OF_MEMORY: return KIOSK_ENOMEM;
	case CURLE_URL_MALFORMAT:
	case CURLE_UNSUPPORTED_PROTOCOL: return KIOSK_EINVAL;
	case CURLE_WRITE_ERROR: return KIOSK_EPROTO; /* an answer past RESPONSE_MAX */
	default:
		/* Refused, reset during the handshake, timed out connecting: not reached. Once
		 * the request is out, a reset, an empty reply or a deadline leaves the
		 * outcome unknown. */
		return request_sent(c) ? KIOSK_ETIMEDOUT : KIOSK_ENET;
	}
}

/* POSTs json and fills *b with the answer's body; 0 only for HTTP 200. */
static int post(const struct terminal *t, const char *what, const char *json, long timeout_ms,
		struct body *b)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *headers = NULL, *h;
	CURL *c = curl_easy_init();
	long status = 0;
	CURLcode r;
	int rc = KIOSK_ENOMEM;

	memset(b, 0, sizeof(*b));
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
	struct body b;
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
	free(b.data);
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
