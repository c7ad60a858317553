/* MagTek-style USB HID swipe readers: the input report's layout and its parser. Pure. */
#ifndef KIOSK_HIDRDR_H
#define KIOSK_HIDRDR_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/card/card.h"

/* The classic MagTek HID report (USB HID Swipe Reader, 99875191): decode status of tracks
 * 1-3 (0 = good), their lengths, the card encode type, then three 110-byte track fields. */
#define HIDRDR_TRACK_FIELD 110
#define HIDRDR_REPORT_LEN (7 + 3 * HIDRDR_TRACK_FIELD)

/* Fills out with the tracks that decoded. 0 when at least one of tracks 1 and 2 is good
 * (a bad track is left empty), KIOSK_ECARD when none is (the resident swipes again),
 * KIOSK_EINVAL for a report too short to be one. Never reads past len. */
int hidrdr_parse(const uint8_t *report, size_t len, struct card_swipe *out);

#endif
