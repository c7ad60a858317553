/* A link to one payment on the city's website, made from a configured pattern such as
 * "https://pay.example.gov/payments/{reference}" (the receipt's QR code). Pure string work. */
#ifndef KIOSK_WEBLINK_H
#define KIOSK_WEBLINK_H

#include <stddef.h>

/* pattern with its one "{reference}" replaced by the reference, percent-encoded (RFC 3986:
 * only A-Z a-z 0-9 - . _ ~ stay as they are). An empty pattern gives "". KIOSK_EINVAL (out "")
 * when the pattern is not an https:// URL with exactly one "{reference}", or the result does
 * not fit in n bytes. */
int weblink_fill(const char *pattern, const char *reference, char *out, size_t n);

#endif
