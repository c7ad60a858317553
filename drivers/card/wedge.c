/* Keyboard-wedge assembly. The reader's keystrokes never reach the desktop: the driver took
 * the interface from the kernel, so the tracks are rebuilt here from raw key usages. */
#include "drivers/card/wedge.h"

#include <mbedtls/platform_util.h>
#include <stdint.h>
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

/* Takes the text between a start sentinel and the next '?'. A track the reader could not
 * decode ("%E?", ";E?") counts as absent, so the other track still makes the swipe. */
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
	if (n == 3 && s[1] == 'E')
		return 0;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 1;
}

/* MagneSafe keyboard output: the fields after the masked tracks, by position, in the order
 * MagTek-format emitters and gateway parsers use (MagneSafe V5 reference 99875475 describes
 * the keyboard emulation format; not checked against a recorded reader). */
enum {
	MSK_MASKED,
	MSK_ENC_STATUS,
	MSK_ENC_T1,
	MSK_ENC_T2,
	MSK_ENC_T3,
	MSK_MP_STATUS,
	MSK_MP,
	MSK_SERIAL,
	MSK_SESSION,
	MSK_KSN,
	MSK_MIN_FIELDS,
};

static int hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Hex text of n chars into whole TDES blocks. 1 when taken, 0 when empty, -1 when bad. */
static int take_hex(const char *h, size_t n, uint8_t *dst, size_t cap, size_t *len)
{
	if (n == 0)
		return 0;
	if (n % 16 != 0 || n / 2 > cap)
		return -1;
	for (size_t k = 0; k < n; k += 2) {
		int hi = hex_val(h[k]), lo = hex_val(h[k + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		dst[k / 2] = (uint8_t)(hi << 4 | lo);
	}
	*len = n / 2;
	return 1;
}

/* The PAN as the reader masked it, from the masked track 2 or else track 1. */
static int masked_from(const char *masked, struct card_swipe *out)
{
	char t[128];
	const char *p;
	size_t n = 0;

	if (cut(masked, ';', t, sizeof(t)))
		p = t + 1;
	else if (cut(masked, '%', t, sizeof(t)) && t[1] == 'B')
		p = t + 2;
	else
		return KIOSK_ECARD;
	while (p[n] && p[n] != '=' && p[n] != '^' && p[n] != '?')
		n++;
	if (n >= 20)
		return KIOSK_ECARD;
	memmove(t, p, n); /* p points into t: the ranges overlap */
	t[n] = '\0';
	return card_mask_pan(t, out->masked_pan, sizeof(out->masked_pan));
}

static int split_magnesafe(const char *typed, struct card_swipe *out)
{
	const char *f[MSK_MIN_FIELDS + 1];
	size_t len[MSK_MIN_FIELDS + 1];
	const char *p = typed;
	int nf = 0, got = 0, r1, r2;

	/* Positions of the first fields; the rest (CRC, counter, format code) are not ours. */
	while (nf <= MSK_MIN_FIELDS) {
		const char *bar = strchr(p, '|');

		f[nf] = p;
		len[nf] = bar ? (size_t)(bar - p) : strlen(p);
		nf++;
		if (!bar)
			break;
		p = bar + 1;
	}
	if (nf < MSK_MIN_FIELDS || len[MSK_KSN] != 20)
		return KIOSK_ECARD;
	for (int k = 0; k < 20; k++) {
		if (hex_val(f[MSK_KSN][k]) < 0)
			return KIOSK_ECARD;
		out->ksn[k] = f[MSK_KSN][k] >= 'a' ? (char)(f[MSK_KSN][k] - 32) : f[MSK_KSN][k];
	}
	out->ksn[20] = '\0';
	r1 = take_hex(f[MSK_ENC_T1], len[MSK_ENC_T1], out->enc_track1, sizeof(out->enc_track1),
		      &out->enc_track1_len);
	r2 = take_hex(f[MSK_ENC_T2], len[MSK_ENC_T2], out->enc_track2, sizeof(out->enc_track2),
		      &out->enc_track2_len);
	if (r1 < 0 || r2 < 0)
		return KIOSK_ECARD;
	got = r1 + r2;
	if (!got || masked_from(f[MSK_MASKED], out) < 0)
		return KIOSK_ECARD;
	return 0;
}

int wedge_split(const char *typed, struct card_swipe *out)
{
	int got = 0, rc;

	memset(out, 0, sizeof(*out));
	/* A '|' never occurs on a stripe: it is a MagneSafe's record, whose masked number
	 * (mask character '0') could otherwise pass for a card number. */
	if (strchr(typed, '|')) {
		rc = split_magnesafe(typed, out);
		if (rc)
			mbedtls_platform_zeroize(out, sizeof(*out));
		return rc;
	}
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
