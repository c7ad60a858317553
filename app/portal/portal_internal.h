/* What the portal client's endpoint files share: one request with an optional session token,
 * the last refusal's code, and readers for answer fields. Not for callers of the client. */
#ifndef KIOSK_PORTAL_INTERNAL_H
#define KIOSK_PORTAL_INTERNAL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "app/portal/portal.h"

#define PORTAL_API "/api/kiosk/v1"

/* Sends req (consumed; NULL: an empty object for POST, no body for GET) to path, as the
 * session `token` when not NULL. On 0, *doc is the answer (caller decrefs). The body is wiped
 * after sending: it may hold a password or bank details. */
int portal_call(struct portal *p, const char *method, const char *path, const char *token,
		json_t *req, json_t **doc);

/* KIOSK_EPROTO when the field is missing, mistyped or does not fit. */
int portal_read_string(json_t *doc, const char *name, char *dst, size_t n, int nullable);
int portal_read_cents(json_t *doc, const char *name, int64_t *out);
int portal_read_bill(json_t *doc, struct portal_bill *out);

#endif
