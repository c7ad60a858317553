/* ISO 7813 magstripe parsing and the checks a swipe must pass before it is sealed.
 * Input comes from a USB device, so every byte is distrusted: lengths are bounded by the
 * struct's arrays, never by a NUL that may be missing. Nothing here logs card data. */
#include "drivers/card/card.h"

#include "app/common/err.h"
#include "app/common/log.h"

#include <mbedtls/platform_util.h>
#include <stdio.h>
#include <string.h>

#define MOD "card"

#define PAN_MAX 19
#define PAN_MIN_CHECK 12 /* shortest PAN a payment network issues */
#define NAME_MIN_LEN 2
#define NAME_MAX_LEN 26

/* The fields both tracks carry, as found on one track. */
struct track_fields {
	char pan[PAN_MAX + 1];
	char expiry[5];
	char service_code[4];
	char name[NAME_MAX_LEN + 1]; /* track 1 only */
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Copies a run of 1..max digits starting at t[*i]; advances *i past them. */
static int take_digits(const char *t, size_t len, size_t *i, size_t min, size_t max, char *dst)
{
	size_t n = 0;

	while (*i + n < len && is_digit(t[*i + n])) {
		if (n == max)
			return KIOSK_ECARD;
		dst[n] = t[*i + n];
		n++;
	}
	if (n < min)
		return KIOSK_ECARD;
	dst[n] = '\0';
	*i += n;
	return 0;
}

/* Exactly n digits: used for YYMM and the service code. */
static int take_fixed_digits(const char *t, size_t len, size_t *i, size_t n, char *dst)
{
	if (len - *i < n)
		return KIOSK_ECARD;
	for (size_t k = 0; k < n; k++) {
		if (!is_digit(t[*i + k]))
			return KIOSK_ECARD;
		dst[k] = t[*i + k];
	}
	dst[n] = '\0';
	*i += n;
	return 0;
}

static int expiry_month_ok(const char *yymm)
{
	int month = (yymm[2] - '0') * 10 + (yymm[3] - '0');

	return month >= 1 && month <= 12;
}

/* Track 1 characters are the 6-bit set 0x20..0x5F; the sentinels and separator are reserved. */
static int track1_data_char(char c)
{
	return c >= 0x20 && c <= 0x5F && c != '%' && c != '^' && c != '?';
}

/* Where the end sentinel closes the data; anything after it (LRC, junk) is ignored. */
static int find_end_sentinel(const char *t, size_t len, size_t from, size_t *end)
{
	for (size_t k = from; k < len; k++) {
		if (t[k] == '?') {
			*end = k;
			return 0;
		}
	}
	return KIOSK_ECARD;
}

/* "%B<PAN>^<NAME>^<YYMM><SVC><discretionary>?" */
static int parse_track1(const char *t, size_t len, struct track_fields *f)
{
	size_t i = 2, end = 0, name_start, name_len;
	int rc = KIOSK_ECARD;

	if (len < 2 || t[0] != '%' || t[1] != 'B')
		goto out;
	if (find_end_sentinel(t, len, 2, &end) < 0)
		goto out;
	if (take_digits(t, end, &i, 1, PAN_MAX, f->pan) < 0)
		goto out;
	if (i >= end || t[i] != '^')
		goto out;
	i++;
	name_start = i;
	while (i < end && t[i] != '^') {
		if (!track1_data_char(t[i]))
			goto out;
		i++;
	}
	name_len = i - name_start;
	if (i >= end || name_len < NAME_MIN_LEN || name_len > NAME_MAX_LEN)
		goto out;
	memcpy(f->name, t + name_start, name_len);
	/* Issuers pad the name with spaces to a fixed width. */
	while (name_len > 0 && f->name[name_len - 1] == ' ')
		name_len--;
	f->name[name_len] = '\0';
	i++;
	if (take_fixed_digits(t, end, &i, 4, f->expiry) < 0 || !expiry_month_ok(f->expiry))
		goto out;
	if (take_fixed_digits(t, end, &i, 3, f->service_code) < 0)
		goto out;
	for (; i < end; i++) {
		if (!track1_data_char(t[i]))
			goto out;
	}
	rc = 0;
out:
	return rc;
}

/* ";<PAN>=<YYMM><SVC><discretionary>?" with a digits-only discretionary field. */
static int parse_track2(const char *t, size_t len, struct track_fields *f)
{
	size_t i = 1, end = 0;
	int rc = KIOSK_ECARD;

	if (len < 1 || t[0] != ';')
		goto out;
	if (find_end_sentinel(t, len, 1, &end) < 0)
		goto out;
	if (take_digits(t, end, &i, 1, PAN_MAX, f->pan) < 0)
		goto out;
	if (i >= end || t[i] != '=')
		goto out;
	i++;
	if (take_fixed_digits(t, end, &i, 4, f->expiry) < 0 || !expiry_month_ok(f->expiry))
		goto out;
	if (take_fixed_digits(t, end, &i, 3, f->service_code) < 0)
		goto out;
	for (; i < end; i++) {
		if (!is_digit(t[i]))
			goto out;
	}
	rc = 0;
out:
	return rc;
}

/* Length of a track inside its fixed array; -1 when no NUL terminates it (overlong). */
static int bounded_len(const char *t, size_t cap, size_t *len)
{
	*len = strnlen(t, cap);
	return *len < cap ? 0 : -1;
}

int card_parse(const struct card_swipe *swipe, struct card_data *out)
{
	struct track_fields t1, t2;
	const struct track_fields *use;
	size_t len1, len2, pan_len;
	int rc = KIOSK_ECARD;

	if (!swipe || !out)
		return KIOSK_EINVAL;
	memset(out, 0, sizeof(*out));
	memset(&t1, 0, sizeof(t1));
	memset(&t2, 0, sizeof(t2));

	if (bounded_len(swipe->track1, sizeof(swipe->track1), &len1) < 0 ||
	    bounded_len(swipe->track2, sizeof(swipe->track2), &len2) < 0) {
		log_debug(MOD, "track longer than its buffer");
		goto out;
	}
	if (len1 == 0 && len2 == 0) {
		log_debug(MOD, "no track data");
		goto out;
	}
	if (len1 > 0 && parse_track1(swipe->track1, len1, &t1) < 0) {
		log_debug(MOD, "track 1 malformed");
		goto out;
	}
	if (len2 > 0 && parse_track2(swipe->track2, len2, &t2) < 0) {
		log_debug(MOD, "track 2 malformed");
		goto out;
	}
	/* Two tracks that disagree mean a misread or a tampered card: ask for another swipe. */
	if (len1 > 0 && len2 > 0 &&
	    (strcmp(t1.pan, t2.pan) != 0 || strcmp(t1.expiry, t2.expiry) != 0)) {
		log_debug(MOD, "track 1 and track 2 disagree");
		goto out;
	}

	use = len2 > 0 ? &t2 : &t1;
	memcpy(out->pan, use->pan, sizeof(out->pan));
	memcpy(out->expiry, use->expiry, sizeof(out->expiry));
	memcpy(out->service_code, use->service_code, sizeof(out->service_code));
	if (len1 > 0)
		memcpy(out->name, t1.name, sizeof(out->name));
	snprintf(out->brand, sizeof(out->brand), "%s", card_brand(out->pan));
	pan_len = strlen(out->pan);
	memcpy(out->last4, out->pan + (pan_len > 4 ? pan_len - 4 : 0), pan_len > 4 ? 4 : pan_len);
	rc = 0;
out:
	mbedtls_platform_zeroize(&t1, sizeof(t1));
	mbedtls_platform_zeroize(&t2, sizeof(t2));
	if (rc < 0)
		mbedtls_platform_zeroize(out, sizeof(*out));
	return rc;
}

int card_luhn_ok(const char *pan)
{
	size_t n;
	int sum = 0, dbl = 0;

	if (!pan)
		return 0;
	n = strnlen(pan, PAN_MAX + 1);
	if (n == 0 || n > PAN_MAX)
		return 0;
	/* From the right: every second digit doubled, 10s digit folded in. */
	for (size_t k = n; k > 0; k--) {
		char c = pan[k - 1];
		int d;

		if (!is_digit(c))
			return 0;
		d = c - '0';
		if (dbl) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
		dbl = !dbl;
	}
	return sum % 10 == 0;
}

int card_check(const struct card_data *card, int now_yymm)
{
	size_t n;
	int yymm;

	if (!card)
		return KIOSK_EINVAL;
	n = strnlen(card->pan, sizeof(card->pan));
	if (n < PAN_MIN_CHECK || n > PAN_MAX || !card_luhn_ok(card->pan))
		return KIOSK_ECARD;
	if (strnlen(card->expiry, sizeof(card->expiry)) != 4)
		return KIOSK_ECARD;
	for (int k = 0; k < 4; k++) {
		if (!is_digit(card->expiry[k]))
			return KIOSK_ECARD;
	}
	if (!expiry_month_ok(card->expiry))
		return KIOSK_ECARD;
	yymm = (card->expiry[0] - '0') * 1000 + (card->expiry[1] - '0') * 100 +
	       (card->expiry[2] - '0') * 10 + (card->expiry[3] - '0');
	/* Valid through the last day of the expiry month. */
	if (yymm < now_yymm)
		return KIOSK_EEXPIRED;
	return 0;
}

/* The first `digits` digits of pan as a number, or -1 when the PAN is shorter. */
static int iin_prefix(const char *pan, int digits)
{
	int v = 0;

	for (int k = 0; k < digits; k++) {
		if (!is_digit(pan[k]))
			return -1;
		v = v * 10 + (pan[k] - '0');
	}
	return v;
}

const char *card_brand(const char *pan)
{
	int p1, p2, p3, p4;

	if (!pan)
		return "Card";
	p1 = iin_prefix(pan, 1);
	p2 = iin_prefix(pan, 2);
	p3 = iin_prefix(pan, 3);
	p4 = iin_prefix(pan, 4);
	if (p1 == 4)
		return "Visa";
	if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720))
		return "Mastercard";
	if (p2 == 34 || p2 == 37)
		return "Amex";
	if (p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649))
		return "Discover";
	return "Card";
}

void card_wipe(struct card_data *card)
{
	if (card)
		mbedtls_platform_zeroize(card, sizeof(*card));
}

void card_swipe_wipe(struct card_swipe *swipe)
{
	if (swipe)
		mbedtls_platform_zeroize(swipe, sizeof(*swipe));
}

int card_swipe_encrypted(const struct card_swipe *swipe)
{
	return swipe && swipe->ksn[0] && (swipe->enc_track1_len > 0 || swipe->enc_track2_len > 0);
}

int card_mask_pan(const char *reader_masked, char *masked_pan, size_t n)
{
	size_t len = reader_masked ? strnlen(reader_masked, PAN_MAX + 1) : 0;

	if (len < PAN_MIN_CHECK || len > PAN_MAX || n < len + 1)
		return KIOSK_ECARD;
	/* The reader's mask character is '0' by default (it may be any), so only the four
	 * digits at each end are taken as digits: those the reader leaves clear. */
	for (size_t k = 0; k < len; k++) {
		int end = k < 4 || k >= len - 4;

		if (end && !is_digit(reader_masked[k]))
			return KIOSK_ECARD;
		masked_pan[k] = end ? reader_masked[k] : '*';
	}
	masked_pan[len] = '\0';
	return 0;
}

enum card_service_verdict card_service_check(const char *svc, int has_chip_terminal)
{
	if (!svc || strnlen(svc, 4) != 3 || !is_digit(svc[0]) || !is_digit(svc[1]) ||
	    !is_digit(svc[2]))
		return CARD_SERVICE_INVALID;
	/* Third digit (allowed services, PIN requirements): 0 no restrictions, PIN required;
	 * 3 ATM only, PIN required; 4 cash only; 5 goods and services only, PIN required.
	 * The kiosk has no PIN pad and takes no cash out. */
	if (svc[2] == '3' || svc[2] == '4')
		return CARD_SERVICE_ATM_ONLY;
	if (svc[2] == '0' || svc[2] == '5')
		return CARD_SERVICE_PIN_REQUIRED;
	/* First digit 2 or 6: integrated circuit card; use the chip where one can be read. */
	if ((svc[0] == '2' || svc[0] == '6') && has_chip_terminal)
		return CARD_SERVICE_USE_CHIP;
	return CARD_SERVICE_OK;
}
