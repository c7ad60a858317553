/* HTTP for the update channel (libcurl): JSON requests and resumable downloads. */
#ifndef KIOSK_UPDATE_HTTP_H
#define KIOSK_UPDATE_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct http_config {
	const char *ca_file; /* the only CA trusted for https (app/common/https.h) */
	const char *token;   /* hawkBit target token, sent as "Authorization: TargetToken" */
	long timeout_s;	     /* per JSON request; downloads use a stall timeout instead */
	bool allow_loopback_http; /* plain http to 127.0.0.1/[::1]/localhost (tests) */
};

/* GETs url and parses its JSON body; KIOSK_ENET, KIOSK_ESERVER, KIOSK_EPROTO on failure. */
int http_get_json(const struct http_config *cfg, const char *url, json_t **out, char *err,
		  size_t errlen);

/* POSTs body as JSON; any 2xx is success. */
int http_post_json(const struct http_config *cfg, const char *url, json_t *body, char *err,
		   size_t errlen);

/* Downloads url into path. A partial file already there is resumed with a Range request
 * (a server that ignores the range starts it over); interrupted transfers are retried a few
 * times, each resuming where the last stopped. size is the expected length (or -1). */
int http_download(const struct http_config *cfg, const char *url, const char *path, int64_t size,
		  char *err, size_t errlen);

#endif
