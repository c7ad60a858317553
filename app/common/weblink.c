/* Payment links from a pattern (see weblink.h). */
#include "app/common/weblink.h"

#include <string.h>

#include "app/common/err.h"

#define PLACEHOLDER "{reference}"

/* RFC 3986's unreserved characters: the only ones a link carries as they are. */
static int unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (c && strchr("-._~", c));
}

static char hex_digit(unsigned v)
{
	return (char)(v < 10 ? '0' + v : 'A' + v - 10);
}

int weblink_fill(const char *pattern, const char *reference, char *out, size_t n)
{
	const char *at, *rest;
	size_t len = 0, need;

	if (!out || n == 0)
		return KIOSK_EINVAL;
	out[0] = '\0';
	if (!pattern || !pattern[0])
		return 0;
	at = strstr(pattern, PLACEHOLDER);
	if (strncmp(pattern, "https://", 8) != 0 || !at || !reference ||
	    strstr(at + strlen(PLACEHOLDER), PLACEHOLDER))
		return KIOSK_EINVAL;
	rest = at + strlen(PLACEHOLDER);
	need = (size_t)(at - pattern) + strlen(rest);
	for (const unsigned char *p = (const unsigned char *)reference; *p; p++)
		need += unreserved(*p) ? 1 : 3;
	if (need >= n)
		return KIOSK_EINVAL;
	memcpy(out, pattern, (size_t)(at - pattern));
	len = (size_t)(at - pattern);
	for (const unsigned char *p = (const unsigned char *)reference; *p; p++) {
		if (unreserved(*p)) {
			out[len++] = (char)*p;
		} else {
			out[len++] = '%';
			out[len++] = hex_digit(*p >> 4);
			out[len++] = hex_digit(*p & 15);
		}
	}
	memcpy(out + len, rest, strlen(rest) + 1);
	return 0;
}
