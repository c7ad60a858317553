/* Card swipes: ISO 7813 track parsing, Luhn and expiry checks, brand and last four. */
#ifndef KIOSK_CARD_H
#define KIOSK_CARD_H

#include <stddef.h>
#include <stdint.h>

/* The largest encrypted track a MagneSafe reader sends: its report's 112-byte field. */
#define CARD_ENC_TRACK_MAX 112

/* What a reader hands over. A reader that encrypts in hardware (MagTek MagneSafe) fills the
 * encrypted tracks and `ksn` and leaves the clear tracks empty: the kiosk never holds a
 * readable track from it, and the encrypted tracks pass through to the portal untouched. */
struct card_swipe {
	char track1[80];			/* "%B...^...^...?" or "" */
	char track2[41];			/* ";...=...?" or "" */
	uint8_t enc_track1[CARD_ENC_TRACK_MAX]; /* TDES-CBC under the DUKPT key of ksn */
	size_t enc_track1_len;
	uint8_t enc_track2[CARD_ENC_TRACK_MAX];
	size_t enc_track2_len;
	char ksn[21];	     /* DUKPT key serial number, 20 hex digits, for encrypted swipes */
	char masked_pan[20]; /* for encrypted swipes: "4111********1111" (reader's mask) */
};

/* True when the swipe came encrypted from the reader (then only masked data is readable). */
int card_swipe_encrypted(const struct card_swipe *swipe);

/* From a reader's masked PAN ("4111000000001111", "4111********1111"): the kiosk's own mask
 * "4111********1111" into masked_pan (first four and last four kept). 0 or KIOSK_ECARD. */
int card_mask_pan(const char *reader_masked, char *masked_pan, size_t n);

/* What the service code (ISO/IEC 7813, three digits) lets a self-service kiosk with no PIN
 * pad do with a swiped card. */
enum card_service_verdict {
	CARD_SERVICE_OK,
	CARD_SERVICE_USE_CHIP,	   /* chip card (first digit 2 or 6) and the kiosk has a chip
				    * terminal: insert it there */
	CARD_SERVICE_PIN_REQUIRED, /* third digit 0, 3 or 5: the issuer wants a PIN */
	CARD_SERVICE_ATM_ONLY,	   /* third digit 3 (ATM only) or 4 (cash only) */
	CARD_SERVICE_INVALID,	   /* not three digits */
};

/* Reads the service code; has_chip_terminal says whether a chip card can be sent there. */
enum card_service_verdict card_service_check(const char *service_code, int has_chip_terminal);

/* A parsed card. Plaintext: lives only in memory until sealed, then card_wipe(). */
struct card_data {
	char pan[20];
	char name[27];	/* "RIVERA/ANA" as on track 1, or "" */
	char expiry[5]; /* YYMM */
	char service_code[4];
	char brand[16]; /* "Visa", "Mastercard", "Amex", "Discover", "Card" */
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
