/* The kiosk's one HTTPS policy for libcurl, used by every client (portal, update, identity):
 * trust the configured CA and nothing else (the system's store and CAPATH are cleared), verify
 * peer and host, TLS 1.2 or newer, https only (plain http only to loopback, and only when a
 * test explicitly allows it), no redirects, no signals; and one bounded body accumulator, so
 * a peer that answers forever cannot eat the kiosk's memory. */
#ifndef KIOSK_HTTPS_H
#define KIOSK_HTTPS_H

#include <stdbool.h>
#include <stddef.h>

#include <curl/curl.h>

struct https_policy {
	const char *ca_file;	  /* the only CA trusted; required for https */
	const char *pin;	  /* optional public-key pin ("sha256//..."), narrows trust */
	const char *client_cert;  /* optional client certificate (mutual TLS) */
	const char *client_key;	  /* and its key */
	long timeout_ms;	  /* the whole request; 0: no total deadline (downloads) */
	long connect_timeout_ms;  /* 0: HTTPS_CONNECT_TIMEOUT_MS */
	bool allow_loopback_http; /* tests only: http:// to 127.0.0.1, [::1] or localhost */
};

#define HTTPS_CONNECT_TIMEOUT_MS 10000L

/* curl_global_init, once per process (it is not safe to race); 0 or KIOSK_ENOMEM. */
int https_global_init(void);

/* Whether url may be fetched under p: 0 for https://, or for http:// to loopback when p
 * allows it; KIOSK_EINVAL (with a logged reason) for anything else. */
int https_url_allowed(const struct https_policy *p, const char *url);

/* Sets the policy's transport options on a handle: CA file only with CAPATH cleared, peer and
 * host verification, CURL_SSLVERSION_TLSv1_2 as the floor, optional pin and client
 * certificate, timeouts, no redirects, no signals, keep-alive. The protocols allowed are
 * https only until https_set_url names a loopback http URL the policy allows.
 * 0, or KIOSK_EINVAL when libcurl refused an option or https needs a CA that is missing. */
int https_apply(CURL *c, const struct https_policy *p);

/* Checks url against the policy (https_url_allowed), then sets it and the one protocol it
 * may use on the handle. */
int https_set_url(CURL *c, const struct https_policy *p, const char *url);

/* A response body, NUL-terminated, refused past max bytes. */
struct https_body {
	char *data;
	size_t len;
	size_t max;
	bool overflow; /* the peer sent more than max: the transfer failed on purpose */
};

/* Empties b (freeing what it held) and sets its limit. */
void https_body_reset(struct https_body *b, size_t max);

/* Makes the handle's answers land in b (CURLOPT_WRITEFUNCTION/WRITEDATA). */
int https_body_collect(CURL *c, struct https_body *b);

/* Frees what b holds. */
void https_body_free(struct https_body *b);

/* A libcurl failure as a KIOSK_E* code: ETIMEDOUT (no answer in time: outcome unknown),
 * ETLS (trust or handshake failed: nothing was sent), EPROTO (the answer was too large),
 * EINVAL (a URL or protocol the policy refuses), ENOMEM, or ENET (not reached). */
int https_error(CURLcode r);

#endif
