/* Keyboard-wedge card readers: a reader that types the tracks as a USB boot keyboard.
 * Key usages become characters and the characters become tracks. Pure. */
#ifndef KIOSK_WEDGE_H
#define KIOSK_WEDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/card/card.h"

/* A swipe is typed in well under a second; a pause this long ends it. */
#define WEDGE_TIMEOUT_MS 300

/* The character a US-layout key usage types, or 0 for keys a reader never sends. */
char wedge_key_char(uint8_t usage, bool shift);

struct wedge {
	char buf[1024]; /* a MagneSafe's typed record (masked tracks, encrypted fields) fits */
	size_t len;
	uint8_t held[6]; /* keys down in the last report: a key counts when it goes down */
	int64_t last_ms;
	bool overflow;
};

void wedge_reset(struct wedge *w);

/* Feeds one 8-byte boot keyboard report. Returns 1 and fills out when the swipe ended (the
 * reader's Enter), 0 when more is to come, KIOSK_ECARD when what was typed is no swipe. */
int wedge_feed(struct wedge *w, const uint8_t *report, size_t len, int64_t now_ms,
	       struct card_swipe *out);

/* Called now and then: a swipe whose reader sends no Enter ends after WEDGE_TIMEOUT_MS of
 * silence. Same returns as wedge_feed. */
int wedge_poll(struct wedge *w, int64_t now_ms, struct card_swipe *out);

/* Splits typed text into a swipe. A plain reader types track 1 ("%B...?") and track 2
 * (";...=...?"); a track it could not read comes as "%E?" or ";E?" and is left empty while
 * the other is kept. A MagneSafe in keyboard mode types its masked tracks and then
 * '|'-separated fields (encryption status, encrypted tracks 1-3 in hex, MagnePrint status
 * and data, serial number, session id, KSN, ...): only the encrypted tracks, the KSN and the
 * masked number are taken, and the masked number is never taken as a card.
 * 0 or KIOSK_ECARD. */
int wedge_split(const char *typed, struct card_swipe *out);

#endif
