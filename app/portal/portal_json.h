/* Reading the portal's answers: HTTP status and JSON body in, a struct or a KIOSK_E* code out.
 * Internal to app/portal; exposed so the parsers can be fuzzed without a network. */
#ifndef KIOSK_PORTAL_JSON_H
#define KIOSK_PORTAL_JSON_H

#include <stddef.h>

#include "app/portal/portal.h"

/* Maps an answer's status and body to 0 (a 200: read the body with a parser below),
 * KIOSK_ENOTFOUND, KIOSK_EINVAL (the portal refused the request), KIOSK_ESERVER or
 * KIOSK_EPROTO. body may be NULL when there was none; path is only for the log. */
int portal_parse_error(long status, const char *body, size_t len, const char *path);

/* A bill lookup answer; KIOSK_EPROTO when anything is missing, mistyped or oversized. */
int portal_parse_bill(const char *body, size_t len, struct portal_bill *out);

/* A payment or payment-status answer; KIOSK_EPROTO when malformed. */
int portal_parse_payment(const char *body, size_t len, struct portal_payment *out);

#endif
