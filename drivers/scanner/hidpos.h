/* Barcode scanners in USB HID POS mode (HID Point of Sale Usage Tables 1.02, usage page 0x8C
 * "Bar Code Scanner"): where the Scanned Data Report's fields lie, read from the scanner's
 * own report descriptor, and the scan put together from one or more reports. Pure. */
#ifndef KIOSK_HIDPOS_H
#define KIOSK_HIDPOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HIDPOS_PAGE 0x8C
/* Application collections of the page (pos1_02, table 4). */
#define HIDPOS_BADGE_READER 0x01
#define HIDPOS_SCANNER 0x02
#define HIDPOS_DUMB_SCANNER 0x03
/* Fields of the Scanned Data Report (usage 0x12). */
#define HIDPOS_SCANNED_DATA_REPORT 0x12
#define HIDPOS_SYMBOLOGY_ID_1 0xFB /* with 0xFC, 0xFD: the AIM identifier, "]C0" */
#define HIDPOS_DECODED_DATA 0xFE
#define HIDPOS_DATA_CONTINUED 0xFF /* 1: more of this scan follows in the next report */

/* The longest scan taken; longer ones are refused whole (none of ours is near). */
#define HIDPOS_SCAN_MAX 512
#define HIDPOS_REPORT_MAX 256

/* Where a scanner's Scanned Data Report keeps each field, in bytes from the report's start
 * (its report id included); -1 where it has none. */
struct hidpos_layout {
	uint8_t report_id; /* 0: the scanner uses no report ids */
	size_t report_len;
	int len_off;  /* a byte counting the decoded data in this report */
	int sym_off;  /* three symbology identifier bytes */
	int data_off; /* the decoded data */
	size_t data_max;
	int cont_bit; /* the Decoded Data Continued bit, in bits from the start */
};

/* The layout Honeywell, Zebra and Datalogic scanners send in HID POS mode: report id 2, the
 * length, the AIM identifier, 56 bytes of data, two bytes of their own, then the continued
 * bit; 64 bytes. For a scanner whose descriptor cannot be read. */
void hidpos_layout_default(struct hidpos_layout *out);

/* Walks a HID report descriptor (HID 1.11, 6.2.2) for an application collection of page
 * 0x8C and its input report with Decoded Data. An 8-bit field of another usage just before
 * the symbology identifiers is the length byte those makers put there. 0, or KIOSK_EINVAL
 * when the device is no HID POS scanner (or its descriptor is malformed). */
int hidpos_layout_parse(const uint8_t *desc, size_t n, struct hidpos_layout *out);

/* One scan being put together. */
struct hidpos {
	struct hidpos_layout layout;
	char buf[HIDPOS_SCAN_MAX + 1];
	size_t len;
	bool overflow;
};

void hidpos_init(struct hidpos *h, const struct hidpos_layout *layout);

/* Feeds one input report. Returns 1 when a scan is whole (out holds its text, without the
 * symbology identifier), 0 when more is to come or the report is not a scan (another report
 * id, too short), KIOSK_EINVAL when the scan was too long or held a NUL or control byte (it
 * is dropped whole; the next one starts afresh). */
int hidpos_feed(struct hidpos *h, const uint8_t *report, size_t n, char *out, size_t cap);

#endif
