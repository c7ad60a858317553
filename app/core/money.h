/* Money as integer cents: parsing what a resident keys and formatting what they read. */
#ifndef KIOSK_MONEY_H
#define KIOSK_MONEY_H

#include <stddef.h>
#include <stdint.h>

/* Largest amount the kiosk accepts: $99,999.99. */
#define MONEY_MAX_CENTS INT64_C(9999999)

/* "20" -> 2000, "20.5" -> 2050, "20.05" -> 2005, "0.99" -> 99. No sign, at most two decimals,
 * at most MONEY_MAX_CENTS. Returns 0 or KIOSK_EINVAL. */
int money_parse(const char *text, int64_t *cents);

/* 123456 -> "$1,234.56"; negative amounts get a leading '-'. Returns 0 or KIOSK_EINVAL. */
int money_format(int64_t cents, char *buf, size_t n);

/* The card convenience fee (docs/operations.md, "Card fee"), shown before the card is
 * presented and charged with the payment on the card terminal. Never on cash. */
struct money_fee {
	int64_t flat_cents;   /* used when basis_points is 0 */
	int64_t basis_points; /* a percentage in hundredths: 250 = 2.50 %; 0: flat */
	int64_t min_cents;    /* a percentage fee is at least this... */
	int64_t max_cents;    /* ...and at most this (0: no maximum); the maximum wins */
};

/* The most a percentage fee may be: 10 %. */
#define MONEY_FEE_MAX_BP 1000

/* The fee on amount_cents, integer cents only. A percentage: amount x basis points / 10,000,
 * rounded half up to the cent (0.5 cent and more rounds up, less rounds down), then raised to
 * min_cents and lowered to max_cents. Otherwise the flat amount. 0 when amount_cents <= 0. */
int64_t money_card_fee(const struct money_fee *f, int64_t amount_cents);

/* "2.5" or "2.50" -> 250 basis points, "0" -> 0: at most two decimals and MONEY_FEE_MAX_BP.
 * 0 or KIOSK_EINVAL. */
int money_parse_percent(const char *text, int64_t *basis_points);

/* "2.5%", "3%", "2.75%" from basis points; 0 or KIOSK_EINVAL. */
int money_format_percent(int64_t basis_points, char *buf, size_t n);

#endif
