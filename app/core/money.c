/* Money as integer cents: no floating point anywhere near an amount. */
#include "app/core/money.h"

#include <stdio.h>
#include <string.h>

#include "app/common/err.h"

int money_parse(const char *text, int64_t *cents)
{
	int64_t whole = 0, frac = 0;
	int int_digits = 0, frac_digits = 0, seen_point = 0;

	if (!text || !cents || !*text)
		return KIOSK_EINVAL;
	for (const char *p = text; *p; p++) {
		if (*p == '.') {
			if (seen_point)
				return KIOSK_EINVAL;
			seen_point = 1;
		} else if (*p >= '0' && *p <= '9') {
			if (seen_point) {
				if (++frac_digits > 2)
					return KIOSK_EINVAL;
				frac = frac * 10 + (*p - '0');
			} else {
				if (++int_digits > 7)
					return KIOSK_EINVAL;
				whole = whole * 10 + (*p - '0');
			}
		} else {
			return KIOSK_EINVAL;
		}
	}
	if (int_digits == 0 && frac_digits == 0)
		return KIOSK_EINVAL;
	if (frac_digits == 1)
		frac *= 10;
	whole = whole * 100 + frac;
	if (whole > MONEY_MAX_CENTS)
		return KIOSK_EINVAL;
	*cents = whole;
	return 0;
}

int money_format(int64_t cents, char *buf, size_t n)
{
	char digits[32], grouped[48];
	int neg = cents < 0;
	uint64_t v = neg ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
	size_t len, out = 0;

	if (!buf || n == 0)
		return KIOSK_EINVAL;
	snprintf(digits, sizeof(digits), "%llu", (unsigned long long)(v / 100));
	len = strlen(digits);
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			grouped[out++] = ',';
		grouped[out++] = digits[i];
	}
	grouped[out] = '\0';
	if ((size_t)snprintf(buf, n, "%s$%s.%02u", neg ? "-" : "", grouped, (unsigned)(v % 100)) >=
	    n)
		return KIOSK_EINVAL;
	return 0;
}

int64_t money_card_fee(const struct money_fee *f, int64_t amount_cents)
{
	int64_t fee;

	if (!f || amount_cents <= 0)
		return 0;
	if (f->basis_points <= 0)
		return f->flat_cents > 0 ? f->flat_cents : 0;
	/* At most 9,999,999 cents x 1,000 basis points: far inside int64. */
	fee = (amount_cents * f->basis_points + 5000) / 10000;
	if (fee < f->min_cents)
		fee = f->min_cents;
	if (f->max_cents > 0 && fee > f->max_cents)
		fee = f->max_cents;
	return fee;
}

int money_parse_percent(const char *text, int64_t *basis_points)
{
	int64_t bp;

	/* A percentage with two decimals is a number of cents read as hundredths. */
	if (money_parse(text, &bp) != 0 || bp > MONEY_FEE_MAX_BP)
		return KIOSK_EINVAL;
	*basis_points = bp;
	return 0;
}

int money_format_percent(int64_t basis_points, char *buf, size_t n)
{
	int len;

	if (!buf || n == 0 || basis_points < 0)
		return KIOSK_EINVAL;
	if (basis_points % 100 == 0)
		len = snprintf(buf, n, "%lld%%", (long long)(basis_points / 100));
	else if (basis_points % 10 == 0)
		len = snprintf(buf, n, "%lld.%lld%%", (long long)(basis_points / 100),
			       (long long)(basis_points % 100 / 10));
	else
		len = snprintf(buf, n, "%lld.%02lld%%", (long long)(basis_points / 100),
			       (long long)(basis_points % 100));
	return len > 0 && (size_t)len < n ? 0 : KIOSK_EINVAL;
}
