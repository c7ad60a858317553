/* A barcode scanner in HID POS mode as the tests emulate it: its report descriptor (usage
 * page 0x8C, the makers' 64-byte Scanned Data Report) and a scan cut into reports. */
#ifndef KIOSK_TEST_HIDPOS_SCANNER_H
#define KIOSK_TEST_HIDPOS_SCANNER_H

#include <stddef.h>
#include <stdint.h>

#define HIDPOS_TEST_REPORT 64
#define HIDPOS_TEST_DATA 56

/* The report descriptor: report id 2; a length byte (vendor usage); Symbology Identifier 1-3;
 * Decoded Data x 56; two vendor bytes; Decoded Data Continued (1 bit) and 7 bits of padding. */
size_t hidpos_test_descriptor(uint8_t *out, size_t cap);

/* Cuts a scan into reports of that layout (the AIM identifier in each, the continued bit in
 * all but the last); returns how many, at most max. */
size_t hidpos_test_reports(const char *aim, const char *text, uint8_t reports[][HIDPOS_TEST_REPORT],
			   size_t max);

#endif
