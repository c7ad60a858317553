/* Card swipes: ISO 7813 track parsing, Luhn and expiry checks, brand and last four. */
#ifndef KIOSK_CARD_H
#define KIOSK_CARD_H

#include <stddef.h>
#include <stdint.h>

/* What a reader hands over. A reader that encrypts in hardware fills `encrypted` and `ksn`
 * and leaves the clear tracks empty; those pass through to the portal untouched. */
struct card_swipe {
	char track1[80]; /* "%B...^...^...?" or "" */
	char track2[41]; /* ";...=...?" or "" */
	uint8_t encrypted[512];
	size_t encrypted_len;
	char ksn[24]; /* key serial number (hex) for hardware-encrypted swipes */
	char masked_pan[20]; /* from the reader, for encrypted swipes: "4111********1111" */
};

/* A parsed card. Plaintext: lives only in memory until sealed, then card_wipe(). */
struct card_data {
	char pan[20];
	char name[27];        /* "RIVERA/ANA" as on track 1, or "" */
	char expiry[5];       /* YYMM */
	char service_code[4];
	char brand[16];       /* "Visa", "Mastercard", "Amex", "Discover", "Card" */
	char last4[5];
};

/* Parses track 1 and/or track 2 (either may be empty, not both). KIOSK_ECARD on garbage. */
int card_parse(const struct card_swipe *swipe, struct card_data *out);

/* Luhn check of a digit string. */
int card_luhn_ok(const char *pan);

/* 0, KIOSK_ECARD (bad number) or KIOSK_EEXPIRED; now_yymm e.g. 2611 for November 2026. */
int card_check(const struct card_data *card, int now_yymm);

/* Brand by IIN prefix. */
const char *card_brand(const char *pan);

/* Zeroes the card and the swipe with mbedtls_platform_zeroize. */
void card_wipe(struct card_data *card);
void card_swipe_wipe(struct card_swipe *swipe);

#endif
