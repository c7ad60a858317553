/* Keyboard-wedge assembly. The reader's keystrokes never reach the desktop: the driver took
 * the interface from the kernel, so the tracks are rebuilt here from raw key usages. */
#include "drivers/card/wedge.h"

#include <mbedtls/platform_util.h>
#include <string.h>

#include "app/common/err.h"

#define MOD_SHIFT 0x22 /* left and right shift */
#define KEY_ENTER 0x28
#define KEY_KP_ENTER 0x58

char wedge_key_char(uint8_t u, bool shift)
{
	static const char digits[] = "1234567890";
	static const char shifted_digits[] = "!@#$%^&*()";
	/* 0x2C..0x38: space - = [ ] \ (non-US #) ; ' ` , . / */
	static const char punct[] = " -=[]\\\\;'`,./";
	static const char shifted_punct[] = " _+{}||:\"~<>?";

	if (u >= 0x04 && u <= 0x1D)
		return (char)((shift ? 'A' : 'a') + (u - 0x04));
	if (u >= 0x1E && u <= 0x27)
		return shift ? shifted_digits[u - 0x1E] : digits[u - 0x1E];
	if (u >= 0x2C && u <= 0x38)
		return shift ? shifted_punct[u - 0x2C] : punct[u - 0x2C];
	return 0;
}

void wedge_reset(struct wedge *w)
{
	mbedtls_platform_zeroize(w, sizeof(*w));
}

/* Takes the text between a start sentinel and the next '?'. */
static int cut(const char *typed, char start, char *dst, size_t cap)
{
	const char *s = strchr(typed, start), *e;
	size_t n;

	if (!s)
		return 0;
	e = strchr(s, '?');
	if (!e)
		return 0;
	n = (size_t)(e - s) + 1;
	if (n + 1 > cap || n < 3)
		return 0;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 1;
}

int wedge_split(const char *typed, struct card_swipe *out)
{
	int got = 0;

	memset(out, 0, sizeof(*out));
	got += cut(typed, '%', out->track1, sizeof(out->track1));
	got += cut(typed, ';', out->track2, sizeof(out->track2));
	return got ? 0 : KIOSK_ECARD;
}

static int finish(struct wedge *w, struct card_swipe *out)
{
	int rc = w->overflow ? KIOSK_ECARD : wedge_split(w->buf, out);

	wedge_reset(w);
	return rc == 0 ? 1 : rc;
}

int wedge_poll(struct wedge *w, int64_t now_ms, struct card_swipe *out)
{
	if (w->len == 0 && !w->overflow)
		return 0;
	if (now_ms - w->last_ms < WEDGE_TIMEOUT_MS)
		return 0;
	return finish(w, out);
}

static bool was_held(const struct wedge *w, uint8_t u)
{
	for (int k = 0; k < 6; k++) {
		if (w->held[k] == u)
			return true;
	}
	return false;
}

int wedge_feed(struct wedge *w, const uint8_t *report, size_t len, int64_t now_ms,
	       struct card_swipe *out)
{
	bool shift;
	int rc = 0;

	if (len < 8)
		return 0;
	/* A long pause means the last keys were a fragment, not the start of this swipe. */
	if ((w->len || w->overflow) && now_ms - w->last_ms >= WEDGE_TIMEOUT_MS) {
		rc = finish(w, out);
		if (rc)
			return rc;
	}
	shift = (report[0] & MOD_SHIFT) != 0;
	for (int k = 2; k < 8 && rc == 0; k++) {
		uint8_t u = report[k];
		char c;

		if (u < 0x04 || was_held(w, u))
			continue;
		w->last_ms = now_ms;
		if (u == KEY_ENTER || u == KEY_KP_ENTER) {
			/* Some readers end each track with Enter: end only after a track 2
			 * or when no track 2 follows (poll's timeout). */
			if (strchr(w->buf, ';') || w->overflow)
				rc = finish(w, out);
			continue;
		}
		c = wedge_key_char(u, shift);
		if (!c)
			continue;
		if (w->len + 1 >= sizeof(w->buf)) {
			w->overflow = true;
			continue;
		}
		w->buf[w->len++] = c;
		w->buf[w->len] = '\0';
	}
	/* Kept even after a finished swipe, so a key still down is not typed twice. */
	memcpy(w->held, report + 2, 6);
	return rc;
}
