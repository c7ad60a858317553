/* The bill barcode's text: built and checked here only, so the kiosk, portal-sim and the demo
 * pictures can never disagree on it. The check is ISO 7064 MOD 97-10 (as IBANs use): any one
 * digit changed and any two neighbours swapped are caught. */
#include "app/common/billcode.h"

#include <stdio.h>
#include <string.h>

#include "app/common/err.h"

#define BODY_DIGITS (BILLCODE_LEN - 3 - 2) /* customer, date, amount */

static int all_digits(const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return 0;
	}
	return 1;
}

/* 98 - (digits * 100 mod 97): appended, the whole number is 1 mod 97. The version digit of
 * the marker is included, so a later format cannot pass for this one. */
static int check_of(const char *digits, size_t n)
{
	unsigned r = 0;

	for (size_t k = 0; k < n; k++)
		r = (r * 10 + (unsigned)(digits[k] - '0')) % 97;
	return (int)(98 - (r * 100) % 97);
}

static int date_ok(int y, int m, int d)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int max;

	if (y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1)
		return 0;
	max = days[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
	return d <= max;
}

int billcode_make(const char *customer_number, const char *bill_date, int64_t amount_due_cents,
		  char *out, size_t n)
{
	char digits[BILLCODE_CUSTOMER_DIGITS + 1], body[1 + BODY_DIGITS + 1];
	size_t len = 0;
	int y, m, d, used = 0;

	if (!customer_number || !bill_date || !out || n < BILLCODE_LEN + 1 ||
	    amount_due_cents < 0 || amount_due_cents > BILLCODE_MAX_CENTS)
		return KIOSK_EINVAL;
	for (const char *c = customer_number; *c; c++) {
		if (*c == '-' || *c == '.' || *c == ' ')
			continue;
		if (*c < '0' || *c > '9' || len == BILLCODE_CUSTOMER_DIGITS)
			return KIOSK_EINVAL;
		digits[len++] = *c;
	}
	digits[len] = '\0';
	if (len != BILLCODE_CUSTOMER_DIGITS ||
	    sscanf(bill_date, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 ||
	    bill_date[10] != '\0' || !date_ok(y, m, d))
		return KIOSK_EINVAL;
	snprintf(body, sizeof(body), "1%s%04d%02d%02d%09lld", digits, y, m, d,
		 (long long)amount_due_cents);
	snprintf(out, n, "UB%s%02d", body, check_of(body, strlen(body)));
	return 0;
}

int billcode_parse(const char *text, struct billcode *out)
{
	char t[BILLCODE_LEN + 1];
	size_t n;
	const char *p;
	int y, m, d;
	long long cents = 0;

	if (!text || !out)
		return KIOSK_EINVAL;
	memset(out, 0, sizeof(*out));
	/* An AIM symbology identifier: ']', a letter, a digit (ISO/IEC 15424). */
	if (text[0] == ']' && text[1] && text[2])
		text += 3;
	n = strlen(text);
	while (n > 0 && (text[n - 1] == '\r' || text[n - 1] == '\n'))
		n--;
	if (n != BILLCODE_LEN)
		return KIOSK_EINVAL;
	memcpy(t, text, n);
	t[n] = '\0';
	if (strncmp(t, BILLCODE_PREFIX, 3) != 0 || !all_digits(t + 3, BILLCODE_LEN - 3))
		return KIOSK_EINVAL;
	/* The version digit and the body, then the two check digits. */
	if (check_of(t + 2, BILLCODE_LEN - 2 - 2) !=
	    (t[BILLCODE_LEN - 2] - '0') * 10 + (t[BILLCODE_LEN - 1] - '0'))
		return KIOSK_EINVAL;
	p = t + 3;
	y = (p[9] - '0') * 1000 + (p[10] - '0') * 100 + (p[11] - '0') * 10 + (p[12] - '0');
	m = (p[13] - '0') * 10 + (p[14] - '0');
	d = (p[15] - '0') * 10 + (p[16] - '0');
	if (!date_ok(y, m, d))
		return KIOSK_EINVAL;
	for (int k = 17; k < 17 + 9; k++)
		cents = cents * 10 + (p[k] - '0');
	memcpy(out->customer_number, p, BILLCODE_CUSTOMER_DIGITS);
	out->customer_number[BILLCODE_CUSTOMER_DIGITS] = '\0';
	memcpy(out->bill_date, p + 9, 4);
	out->bill_date[4] = '-';
	memcpy(out->bill_date + 5, p + 13, 2);
	out->bill_date[7] = '-';
	memcpy(out->bill_date + 8, p + 15, 2);
	out->bill_date[10] = '\0';
	out->amount_due_cents = cents;
	return 0;
}
