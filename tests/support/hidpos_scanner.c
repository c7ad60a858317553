/* The emulated HID POS scanner's descriptor and reports (see the header). Written from the
 * HID 1.11 item encoding and the HID POS usage tables, not from the code under test. */
#include "tests/support/hidpos_scanner.h"

#include <string.h>

size_t hidpos_test_descriptor(uint8_t *out, size_t cap)
{
	/* One item a line, as descriptor tools print them. */
	/* clang-format off */
	static const uint8_t d[] = {
	    0x05, 0x8C,		    /* Usage Page (Bar Code Scanner) */
	    0x09, 0x02,		    /* Usage (Bar Code Scanner) */
	    0xA1, 0x01,		    /* Collection (Application) */
	    0x09, 0x12,		    /*   Usage (Scanned Data Report) */
	    0xA1, 0x02,		    /*   Collection (Logical) */
	    0x85, 0x02,		    /*     Report ID (2) */
	    0x15, 0x00,		    /*     Logical Minimum (0) */
	    0x26, 0xFF, 0x00,	    /*     Logical Maximum (255) */
	    0x75, 0x08,		    /*     Report Size (8) */
	    0x06, 0x00, 0xFF,	    /*     Usage Page (vendor) */
	    0x09, 0x01,		    /*     Usage (1): the data length */
	    0x95, 0x01,		    /*     Report Count (1) */
	    0x81, 0x02,		    /*     Input (Data, Var, Abs) */
	    0x05, 0x8C,		    /*     Usage Page (Bar Code Scanner) */
	    0x09, 0xFB,		    /*     Usage (Symbology Identifier 1) */
	    0x09, 0xFC,		    /*     Usage (Symbology Identifier 2) */
	    0x09, 0xFD,		    /*     Usage (Symbology Identifier 3) */
	    0x95, 0x03,		    /*     Report Count (3) */
	    0x81, 0x02,		    /*     Input (Data, Var, Abs) */
	    0x09, 0xFE,		    /*     Usage (Decoded Data) */
	    0x95, HIDPOS_TEST_DATA, /*     Report Count (56) */
	    0x82, 0x02, 0x01,	    /*     Input (Data, Var, Abs, Buffered Bytes) */
	    0x06, 0x00, 0xFF,	    /*     Usage Page (vendor) */
	    0x09, 0x02,		    /*     Usage (2) */
	    0x95, 0x02,		    /*     Report Count (2) */
	    0x81, 0x02,		    /*     Input */
	    0x05, 0x8C,		    /*     Usage Page (Bar Code Scanner) */
	    0x09, 0xFF,		    /*     Usage (Decoded Data Continued) */
	    0x25, 0x01,		    /*     Logical Maximum (1) */
	    0x75, 0x01,		    /*     Report Size (1) */
	    0x95, 0x01,		    /*     Report Count (1) */
	    0x81, 0x02,		    /*     Input */
	    0x75, 0x07,		    /*     Report Size (7) */
	    0x81, 0x03,		    /*     Input (Constant): padding */
	    0xC0,		    /*   End Collection */
	    0xC0,		    /* End Collection */
	};
	/* clang-format on */

	if (cap < sizeof(d))
		return 0;
	memcpy(out, d, sizeof(d));
	return sizeof(d);
}

size_t hidpos_test_reports(const char *aim, const char *text, uint8_t reports[][HIDPOS_TEST_REPORT],
			   size_t max)
{
	size_t len = strlen(text), n = 0, at = 0;

	do {
		size_t take = len - at > HIDPOS_TEST_DATA ? HIDPOS_TEST_DATA : len - at;
		uint8_t *r = reports[n];

		memset(r, 0, HIDPOS_TEST_REPORT);
		r[0] = 0x02;
		r[1] = (uint8_t)take;
		memcpy(r + 2, aim, 3);
		memcpy(r + 5, text + at, take);
		at += take;
		r[63] = at < len ? 1 : 0;
		n++;
	} while (at < len && n < max);
	return n;
}
