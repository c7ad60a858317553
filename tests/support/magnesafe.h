/* A MagTek MagneSafe reader for tests, built from the MagneSafe V5 Communication Reference
 * (99875475): its HID report descriptor and input report, and the record it types in
 * keyboard mode, with tracks encrypted under DUKPT from the ANSI X9.24 test key. */
#ifndef KIOSK_TEST_MAGNESAFE_H
#define KIOSK_TEST_MAGNESAFE_H

#include <stddef.h>
#include <stdint.h>

/* The X9.24-1 Annex A initial KSN with counter 8: MagTek's published decryption example. */
#define MAGNESAFE_TEST_KSN "FFFF9876543210E00008"

/* The report descriptor of a MagneSafe reader whose input report is report_len bytes (856 or
 * 887): one vendor collection, each field an 8-bit Input item. Returns its length. */
size_t magnesafe_report_descriptor(size_t report_len, uint8_t *out, size_t cap);

/* A swipe of track 1 and 2 (either may be NULL: a track that did not decode) as the report
 * of report_len bytes: encrypted with the PIN variant of the DUKPT key of ksn, masked with
 * '0' keeping the first and last four digits. */
void magnesafe_report(const char *track1, const char *track2, const char *ksn, size_t report_len,
		      uint8_t *out);

/* The same swipe as a MagneSafe in keyboard mode types it (masked tracks, then '|' fields),
 * followed by a newline (the reader's Enter). */
void magnesafe_keyboard(const char *track1, const char *track2, const char *ksn, char *out,
			size_t n);

/* The masked form of a track: digits of the PAN between the first and last four -> '0'. */
void magnesafe_mask(const char *track, char *out, size_t n);

#endif
