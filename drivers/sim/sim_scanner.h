/* The simulated barcode scanner (--devices sim): hands on a scan as the USB scanner's driver
 * does (the text, a scanner's length limit), and holds the demo's scans for F5 to F7. */
#ifndef KIOSK_SIM_SCANNER_H
#define KIOSK_SIM_SCANNER_H

#include <stddef.h>

/* The longest text one scan hands on (a QR code can hold more; nothing of ours is near). */
#define SIM_SCANNER_MAX 127

/* What a scan of text delivers into out: 0, or KIOSK_EINVAL when it is empty or longer than
 * SIM_SCANNER_MAX (a real scanner's reports would be cut there too). */
int sim_scanner_scan(const char *text, char *out, size_t n);

enum sim_scan_demo {
	SIM_SCAN_RIVERA_BILL,  /* F5: Rivera's newest bill (100-200-300, 2026-11-20, $84.17) */
	SIM_SCAN_RIVERA_STALE, /* F6: Rivera's bill of the month before: stale */
	SIM_SCAN_SHOP,	       /* F7: an EAN-13 from a shop: not one of our bills */
};

/* The text the demo scans for a key. 0 or KIOSK_EINVAL. */
int sim_scanner_demo(enum sim_scan_demo which, char *out, size_t n);

#endif
