/* MagTek HID report parsing. The reader decodes the stripe itself and says per track whether
 * the decode worked; a track whose status is bad or whose bytes are not printable is dropped,
 * so card_parse() only ever sees what the reader vouched for. A MagneSafe reader encrypts
 * the tracks itself: its report is taken apart without ever producing a readable track. */
#include "drivers/card/hidrdr.h"

#include <mbedtls/platform_util.h>
#include <stdio.h>
#include <string.h>

#include "app/common/err.h"

#define OFF_STATUS 0
#define OFF_LEN 3
#define OFF_DATA 7

/* MagneSafe V5 offsets (99875475), as MagTek's own WebHID parser for the Dynamag reads
 * them. */
#define MS_TRACK_FIELD 112
#define MS_OFF_ENC 7
#define MS_OFF_ENC_STATUS 493 /* device encryption status, 2 bytes */
#define MS_OFF_KSN 495	      /* DUKPT key serial number, 10 bytes */
#define MS_KSN_LEN 10
#define MS_OFF_MASKED_LEN 505
#define MS_OFF_MASKED 508

/* ---- the report descriptor (HID 1.11, 6.2.2) ---- */

int hidrdr_report_len(const uint8_t *desc, size_t n, size_t *len)
{
	uint32_t size = 0, count = 0, bits[256] = {0};
	unsigned id = 0;
	int uses_ids = 0, any = 0;
	size_t i = 0, best = 0;

	if (!desc || !len)
		return KIOSK_EINVAL;
	while (i < n) {
		uint8_t b = desc[i];
		size_t dlen = (b & 3) == 3 ? 4 : (b & 3);
		uint32_t v = 0;

		if (b == 0xFE) { /* long item: skip its data */
			if (i + 2 >= n)
				return KIOSK_EPROTO;
			i += 3 + desc[i + 1];
			continue;
		}
		if (i + 1 + dlen > n)
			return KIOSK_EPROTO;
		for (size_t k = 0; k < dlen; k++)
			v |= (uint32_t)desc[i + 1 + k] << (8 * k);
		switch (b & 0xFC) {
		case 0x74: size = v; break;  /* Report Size */
		case 0x94: count = v; break; /* Report Count */
		case 0x84:		     /* Report ID */
			if (v == 0 || v > 255)
				return KIOSK_EPROTO;
			id = v;
			uses_ids = 1;
			break;
		case 0x80: /* Input */
			if ((uint64_t)size * count > 8u * 65536)
				return KIOSK_EPROTO;
			bits[id] += size * count;
			any = 1;
			break;
		default: break;
		}
		i += 1 + dlen;
	}
	if (!any)
		return KIOSK_EPROTO;
	for (unsigned k = 0; k < 256; k++) {
		size_t bytes = (bits[k] + 7) / 8;

		if (bytes > best)
			best = bytes;
	}
	if (best == 0)
		return KIOSK_EPROTO;
	*len = best + (uses_ids ? 1 : 0);
	return 0;
}

enum hidrdr_layout hidrdr_layout_of(size_t len)
{
	if (len >= HIDRDR_MAGNESAFE_LEN && len <= HIDRDR_REPORT_MAX)
		return HIDRDR_MAGNESAFE;
	if (len >= HIDRDR_REPORT_LEN && len < HIDRDR_MAGNESAFE_LEN)
		return HIDRDR_CLASSIC;
	return HIDRDR_NONE;
}

/* ---- the classic report ---- */

/* Copies one track if its status is good and it looks like track text; wraps it in the
 * sentinels when the reader sent the bare data. Returns 1 when copied. */
static int take_track(const uint8_t *report, int t, char start, char *dst, size_t cap)
{
	const uint8_t *p = report + OFF_DATA + (size_t)t * HIDRDR_TRACK_FIELD;
	size_t n = report[OFF_LEN + t], k = 0;

	if (report[OFF_STATUS + t] != 0 || n == 0 || n > HIDRDR_TRACK_FIELD)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] > 0x7E)
			return 0;
	}
	if (p[0] != (uint8_t)start)
		dst[k++] = start;
	if (k + n + 2 > cap)
		return 0;
	memcpy(dst + k, p, n);
	k += n;
	if (p[n - 1] != '?')
		dst[k++] = '?';
	dst[k] = '\0';
	return 1;
}

static int parse_classic(const uint8_t *report, struct card_swipe *out)
{
	int got = 0;

	got += take_track(report, 0, '%', out->track1, sizeof(out->track1));
	got += take_track(report, 1, ';', out->track2, sizeof(out->track2));
	return got ? 0 : KIOSK_ECARD;
}

/* ---- the MagneSafe report ---- */

/* One encrypted track: its decode status must be good and its length a whole number of
 * TDES blocks that fits the field. Returns 1 when copied. */
static int take_encrypted(const uint8_t *report, int t, uint8_t *dst, size_t *dst_len)
{
	size_t n = report[OFF_LEN + t];

	if (report[OFF_STATUS + t] != 0 || n == 0 || n > MS_TRACK_FIELD || n % 8 != 0)
		return 0;
	memcpy(dst, report + MS_OFF_ENC + (size_t)t * MS_TRACK_FIELD, n);
	*dst_len = n;
	return 1;
}

/* The PAN as the reader masked it, from masked track 2 (";PAN=...") or 1 ("%BPAN^..."). */
static int masked_number(const uint8_t *report, struct card_swipe *out)
{
	for (int t = 1; t >= 0; t--) {
		const uint8_t *p = report + MS_OFF_MASKED + (size_t)t * MS_TRACK_FIELD;
		size_t n = report[MS_OFF_MASKED_LEN + t], k = t == 0 ? 2 : 1, d = 0;
		char pan[20];

		if (report[OFF_STATUS + t] != 0 || n < k + 1 || n > MS_TRACK_FIELD)
			continue;
		while (k < n && d + 1 < sizeof(pan) && p[k] != '=' && p[k] != '^')
			pan[d++] = (char)p[k++];
		pan[d] = '\0';
		if (card_mask_pan(pan, out->masked_pan, sizeof(out->masked_pan)) == 0)
			return 0;
	}
	return KIOSK_ECARD;
}

static int parse_magnesafe(const uint8_t *report, struct card_swipe *out)
{
	int got = 0, blank = 1;

	got += take_encrypted(report, 0, out->enc_track1, &out->enc_track1_len);
	got += take_encrypted(report, 1, out->enc_track2, &out->enc_track2_len);
	for (int k = 0; k < MS_KSN_LEN; k++) {
		snprintf(out->ksn + 2 * k, sizeof(out->ksn) - 2 * (size_t)k, "%02X",
			 report[MS_OFF_KSN + k]);
		blank = blank && report[MS_OFF_KSN + k] == 0;
	}
	/* No KSN means no key was ever loaded: the reader cannot have encrypted anything. */
	if (!got || blank || masked_number(report, out) < 0)
		return KIOSK_ECARD;
	return 0;
}

int hidrdr_parse(const uint8_t *report, size_t len, struct card_swipe *out)
{
	int rc;

	if (!report || !out)
		return KIOSK_EINVAL;
	memset(out, 0, sizeof(*out));
	switch (hidrdr_layout_of(len)) {
	case HIDRDR_CLASSIC: rc = parse_classic(report, out); break;
	case HIDRDR_MAGNESAFE: rc = parse_magnesafe(report, out); break;
	default: return KIOSK_EINVAL;
	}
	if (rc)
		mbedtls_platform_zeroize(out, sizeof(*out));
	return rc;
}
