/* The bill barcode's text (app/common/billcode.h): made and read back, and every kind of
 * barcode that is not one of our bills refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/common/billcode.h"
#include "app/common/err.h"

/* Rivera's bill of 2026-11-20, $84.17; its check digits worked out by hand (98 - n*100 mod
 * 97 over "1100200300" "20261120" "000008417"). */
#define RIVERA "UB11002003002026112000000841776"

static void test_make_and_parse(void **state)
{
	char text[BILLCODE_LEN + 1];
	struct billcode b;

	(void)state;
	assert_int_equal(billcode_make("100-200-300", "2026-11-20", 8417, text, sizeof(text)), 0);
	assert_string_equal(text, RIVERA);
	assert_int_equal(billcode_parse(text, &b), 0);
	assert_string_equal(b.customer_number, "100200300");
	assert_string_equal(b.bill_date, "2026-11-20");
	assert_int_equal(b.amount_due_cents, 8417);
	/* Largest amount, leap day. */
	assert_int_equal(
	    billcode_make("700800900", "2028-02-29", BILLCODE_MAX_CENTS, text, sizeof(text)), 0);
	assert_int_equal(billcode_parse(text, &b), 0);
	assert_int_equal(b.amount_due_cents, BILLCODE_MAX_CENTS);
	assert_string_equal(b.bill_date, "2028-02-29");
}

static void test_make_refuses(void **state)
{
	char text[BILLCODE_LEN + 1];

	(void)state;
	assert_int_equal(billcode_make("10020030", "2026-11-20", 1, text, sizeof(text)),
			 KIOSK_EINVAL);
	assert_int_equal(billcode_make("1002003001", "2026-11-20", 1, text, sizeof(text)),
			 KIOSK_EINVAL);
	assert_int_equal(billcode_make("100200300", "2026-02-30", 1, text, sizeof(text)),
			 KIOSK_EINVAL);
	assert_int_equal(billcode_make("100200300", "2026-11-20", -1, text, sizeof(text)),
			 KIOSK_EINVAL);
	assert_int_equal(
	    billcode_make("100200300", "2026-11-20", BILLCODE_MAX_CENTS + 1, text, sizeof(text)),
	    KIOSK_EINVAL);
	assert_int_equal(billcode_make("100200300", "2026-11-20", 1, text, BILLCODE_LEN),
			 KIOSK_EINVAL);
}

/* Every single digit mistyped and every pair of neighbours swapped is caught. */
static void test_check_catches_typos(void **state)
{
	struct billcode b;
	char t[BILLCODE_LEN + 1];
	int tried = 0;

	(void)state;
	for (int k = 3; k < BILLCODE_LEN; k++) {
		for (char c = '0'; c <= '9'; c++) {
			strcpy(t, RIVERA);
			if (t[k] == c)
				continue;
			t[k] = c;
			assert_int_equal(billcode_parse(t, &b), KIOSK_EINVAL);
			tried++;
		}
	}
	for (int k = 3; k + 1 < BILLCODE_LEN; k++) {
		char x;

		strcpy(t, RIVERA);
		if (t[k] == t[k + 1])
			continue;
		x = t[k];
		t[k] = t[k + 1];
		t[k + 1] = x;
		assert_int_equal(billcode_parse(t, &b), KIOSK_EINVAL);
		tried++;
	}
	assert_true(tried > 28 * 9);
}

static void test_foreign_codes(void **state)
{
	static const char *const foreign[] = {
	    "",
	    "4006381333931",			/* an EAN-13 from a shop */
	    "https://example.org/pay?x=1",	/* a QR link */
	    "ub11002003002026112000000841776",	/* marker in lower case */
	    "UB21002003002026112000000841776",	/* a format we do not know */
	    "UB1100200300202611200000084177",	/* one digit short */
	    "UB110020030020261120000008417761", /* one digit long */
	    "UB1100200300202611200000084177A",	/* a letter */
	    "UB11002003002026113200000841776",	/* 32 November */
	};
	struct billcode b;

	(void)state;
	for (size_t k = 0; k < sizeof(foreign) / sizeof(foreign[0]); k++)
		assert_int_equal(billcode_parse(foreign[k], &b), KIOSK_EINVAL);
	assert_int_equal(billcode_parse(NULL, &b), KIOSK_EINVAL);
}

/* What scanners add: a trailing CR/LF, an AIM symbology identifier in front. */
static void test_scanner_decorations(void **state)
{
	struct billcode b;

	(void)state;
	assert_int_equal(billcode_parse(RIVERA "\r\n", &b), 0);
	assert_int_equal(billcode_parse("]C0" RIVERA, &b), 0);
	assert_int_equal(billcode_parse("]Q1" RIVERA "\r", &b), 0);
	assert_string_equal(b.customer_number, "100200300");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_make_and_parse),	cmocka_unit_test(test_make_refuses),
	    cmocka_unit_test(test_check_catches_typos), cmocka_unit_test(test_foreign_codes),
	    cmocka_unit_test(test_scanner_decorations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
