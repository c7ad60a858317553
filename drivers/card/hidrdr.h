/* MagTek USB HID swipe readers: the input report layouts, sized from the HID report
 * descriptor, and their parser. Pure. */
#ifndef KIOSK_HIDRDR_H
#define KIOSK_HIDRDR_H

#include <stddef.h>
#include <stdint.h>

#include "drivers/card/card.h"

/* The classic MagTek HID report (USB HID Swipe Reader, 99875191): decode status of tracks
 * 1-3 (0 = good), their lengths, the card encode type, then three 110-byte track fields. */
#define HIDRDR_TRACK_FIELD 110
#define HIDRDR_REPORT_LEN (7 + 3 * HIDRDR_TRACK_FIELD)

/* The MagneSafe report (MagneSafe V5 Communication Reference 99875475; Dynamag): decode
 * status, encrypted track lengths, encode type, three 112-byte encrypted tracks, card and
 * MagnePrint status, MagnePrint, device serial number, encryption status, the DUKPT key
 * serial number, masked track lengths and three 112-byte masked tracks, the encrypted
 * session id and absolute lengths: 856 bytes; firmware that appends the encryption counter
 * and more sends up to 887. */
#define HIDRDR_MAGNESAFE_LEN 856
#define HIDRDR_MAGNESAFE_MAX 887

/* The largest report a reader may declare and the driver will buffer. */
#define HIDRDR_REPORT_MAX 1024

/* The length in bytes of the largest input report a HID report descriptor declares (its
 * report ID byte included when it uses one): 0 and *len, or KIOSK_EPROTO when the
 * descriptor is malformed or declares no input. */
int hidrdr_report_len(const uint8_t *desc, size_t n, size_t *len);

enum hidrdr_layout { HIDRDR_NONE, HIDRDR_CLASSIC, HIDRDR_MAGNESAFE };

/* Which layout a report of this length has. */
enum hidrdr_layout hidrdr_layout_of(size_t len);

/* Fills out with the tracks that decoded. Classic: the clear tracks. MagneSafe: only the
 * encrypted tracks, the KSN and the masked number (masked tracks never land in the clear
 * track fields). 0 when at least one of tracks 1 and 2 is good (a bad track is left empty),
 * KIOSK_ECARD when none is (the resident swipes again), KIOSK_EINVAL for a report that is
 * no swipe of either layout. Never reads past len. */
int hidrdr_parse(const uint8_t *report, size_t len, struct card_swipe *out);

#endif
