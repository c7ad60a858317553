/* What the barcode on a paper utility bill says (docs/portal-api.md, "The bill's barcode"):
 * customer number, bill date and amount due, behind a marker and ISO 7064 MOD 97-10 check
 * digits, so a mistyped, damaged or foreign barcode is refused before anyone is asked.
 * Pure: the kiosk, portal-sim and the demo's barcode pictures all use it. */
#ifndef KIOSK_BILLCODE_H
#define KIOSK_BILLCODE_H

#include <stddef.h>
#include <stdint.h>

/* "UB1" + 9-digit customer number + YYYYMMDD + 9-digit amount due in cents + 2 check digits. */
#define BILLCODE_PREFIX "UB1"
#define BILLCODE_LEN 31
#define BILLCODE_CUSTOMER_DIGITS 9
#define BILLCODE_MAX_CENTS 999999999LL

struct billcode {
	char customer_number[BILLCODE_CUSTOMER_DIGITS + 1]; /* digits only */
	char bill_date[11];				    /* YYYY-MM-DD */
	int64_t amount_due_cents;
};

/* Reads a scanned text. A scanner may add a trailing CR or LF, and an AIM symbology prefix
 * ("]C0" Code 128, "]Q1" QR) when set up to; both are dropped. 0, or KIOSK_EINVAL when the
 * text is not one of our bills (wrong marker, length, date, or check digits). */
int billcode_parse(const char *text, struct billcode *out);

/* Writes the barcode text of a bill (customer number with or without separators, bill date
 * YYYY-MM-DD, amount due) into out (at least BILLCODE_LEN + 1). 0 or KIOSK_EINVAL. */
int billcode_make(const char *customer_number, const char *bill_date, int64_t amount_due_cents,
		  char *out, size_t n);

#endif
