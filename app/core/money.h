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

#endif
