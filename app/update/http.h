/* HTTP for the update channel (libcurl): JSON requests and resumable, bounded downloads.
 * The caller decides where requests may go (ddi.c sends only to the configured server). */
#ifndef KIOSK_UPDATE_HTTP_H
#define KIOSK_UPDATE_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct http_config {
	const char *ca_file;	 /* the only CA trusted for https (required for https) */
	const char *auth_scheme; /* "TargetToken" or "GatewayToken" */
	const char *token;	 /* hawkBit security token, or NULL */
	long timeout_s;		 /* per JSON request; downloads use a stall timeout instead */
	bool allow_loopback_http; /* plain http to 127.0.0.1/[::1]/localhost (tests) */
};

/* Every call fills *status with the HTTP status (0: none came) and returns 0 for a 2xx;
 * KIOSK_ENOTFOUND for 404, KIOSK_ESERVER for 5xx, KIOSK_EPROTO for another status or an
 * answer that is not JSON, KIOSK_ENET / KIOSK_ETIMEDOUT / KIOSK_ETLS when none came. */

/* GETs url and parses its JSON body. */
int http_get_json(const struct http_config *cfg, const char *url, json_t **out, long *status,
		  char *err, size_t errlen);

/* Sends body as JSON with method ("POST" or "PUT"). */
int http_send_json(const struct http_config *cfg, const char *method, const char *url,
		   json_t *body, long *status, char *err, size_t errlen);

/* Downloads url into path, which never grows past size bytes (the length the server
 * announced; required). A partial file already there is resumed with a Range request (a
 * server that ignores the range starts it over); an interrupted transfer is retried a few
 * times, each resuming where the last stopped. More bytes than announced: KIOSK_EPROTO. */
int http_download(const struct http_config *cfg, const char *url, const char *path, int64_t size,
		  long *status, char *err, size_t errlen);

/* Whether a failed request may succeed later as it is (network, timeout, 5xx, 408, 429):
 * resume then; anything else (a 4xx, a lying server) is permanent. */
int http_transient(int rc, long status);

#endif
