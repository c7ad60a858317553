/* The one HTTPS policy (see https.h): every libcurl handle in the kiosk is configured here. */
#include "app/common/https.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"

#define MOD "https"

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static CURLcode init_result = CURLE_FAILED_INIT;

/* Never undone: handles of other modules may outlive any one client. */
static void init_curl(void)
{
	init_result = curl_global_init(CURL_GLOBAL_DEFAULT);
}

int https_global_init(void)
{
	pthread_once(&init_once, init_curl);
	return init_result == CURLE_OK ? 0 : KIOSK_ENOMEM;
}

/* 1 for https, 2 for http to a loopback host, 0 for anything else. */
static int url_kind(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL;
	int kind = 0;

	if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK)
		goto out;
	if (strcmp(scheme, "https") == 0) {
		kind = 1;
	} else if (strcmp(scheme, "http") == 0 &&
		   curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
		   (strcmp(host, "127.0.0.1") == 0 || strcmp(host, "[::1]") == 0 ||
		    strcmp(host, "localhost") == 0)) {
		kind = 2;
	}
out:
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	return kind;
}

int https_url_allowed(const struct https_policy *p, const char *url)
{
	int kind = url ? url_kind(url) : 0;

	if (kind == 1 || (kind == 2 && p->allow_loopback_http))
		return 0;
	log_error(MOD, "refusing %s: only https%s", url ? url : "(no URL)",
		  p->allow_loopback_http ? " (or http to this machine)" : "");
	return KIOSK_EINVAL;
}

int https_apply(CURL *c, const struct https_policy *p)
{
	long connect = p->connect_timeout_ms > 0 ? p->connect_timeout_ms : HTTPS_CONNECT_TIMEOUT_MS;
	CURLcode r = CURLE_OK;

	if (!p->allow_loopback_http && (!p->ca_file || !p->ca_file[0])) {
		log_error(MOD, "https needs a configured CA file; the system's is never trusted");
		return KIOSK_EINVAL;
	}
	/* Exactly the configured CA: CAPATH is cleared so the system's public CAs (which
	 * Debian's libcurl adds by default) can never vouch for a fake server. With no CA
	 * file (loopback http in tests) CAINFO is cleared too, so https fails closed. */
	r = curl_easy_setopt(c, CURLOPT_CAINFO, p->ca_file && p->ca_file[0] ? p->ca_file : NULL);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_CAPATH, NULL);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
	/* A pin narrows trust further: even a certificate the CA signed is refused unless it
	 * carries the one public key the city published. */
	if (r == CURLE_OK && p->pin && p->pin[0])
		r = curl_easy_setopt(c, CURLOPT_PINNEDPUBLICKEY, p->pin);
	if (r == CURLE_OK && p->client_cert && p->client_cert[0])
		r = curl_easy_setopt(c, CURLOPT_SSLCERT, p->client_cert);
	if (r == CURLE_OK && p->client_key && p->client_key[0])
		r = curl_easy_setopt(c, CURLOPT_SSLKEY, p->client_key);
	if (r == CURLE_OK && p->timeout_ms > 0)
		r = curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, p->timeout_ms);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, connect);
	/* Worker threads: no SIGALRM-based DNS timeouts. */
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	/* A redirect could lead a request (and its credentials) anywhere. */
	if (r == CURLE_OK)
		r = curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	if (r != CURLE_OK) {
		log_error(MOD, "libcurl refused an option: %s", curl_easy_strerror(r));
		return KIOSK_EINVAL;
	}
	return 0;
}

int https_set_url(CURL *c, const struct https_policy *p, const char *url)
{
	int rc = https_url_allowed(p, url);

	if (rc)
		return rc;
	if (curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, url_kind(url) == 1 ? "https" : "http") !=
		CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_URL, url) != CURLE_OK)
		return KIOSK_EINVAL;
	return 0;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *userdata)
{
	struct https_body *b = userdata;
	size_t n = size * nmemb;
	char *grown;

	/* Stopping here fails the transfer with CURLE_WRITE_ERROR. */
	if (n > b->max || b->len > b->max - n) {
		b->overflow = true;
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

void https_body_reset(struct https_body *b, size_t max)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
	b->max = max;
}

void https_body_free(struct https_body *b)
{
	https_body_reset(b, b->max);
}

int https_body_collect(CURL *c, struct https_body *b)
{
	if (curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_WRITEDATA, b) != CURLE_OK)
		return KIOSK_EINVAL;
	return 0;
}

int https_error(CURLcode r)
{
	switch (r) {
	case CURLE_OK: return 0;
	case CURLE_OPERATION_TIMEDOUT: return KIOSK_ETIMEDOUT;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_SSL_SHUTDOWN_FAILED:
	case CURLE_USE_SSL_FAILED: return KIOSK_ETLS;
	case CURLE_WRITE_ERROR: return KIOSK_EPROTO; /* the answer was too large */
	case CURLE_OUT_OF_MEMORY: return KIOSK_ENOMEM;
	case CURLE_URL_MALFORMAT:
	case CURLE_UNSUPPORTED_PROTOCOL: return KIOSK_EINVAL;
	default:
		/* Could not resolve or connect, connection reset, empty reply (the peer closed
		 * without answering): all "not reached". */
		return KIOSK_ENET;
	}
}
