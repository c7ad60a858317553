/* money_parse and money_format: integer cents in, integer cents out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "app/common/err.h"
#include "app/core/money.h"

static int64_t parse_ok(const char *text)
{
	int64_t cents = -12345;

	assert_int_equal(money_parse(text, &cents), 0);
	return cents;
}

static void parse_bad(const char *text)
{
	int64_t cents = -12345;

	assert_int_equal(money_parse(text, &cents), KIOSK_EINVAL);
	assert_int_equal(cents, -12345); /* untouched on failure */
}

static void test_parse_valid(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("20"), 2000);
	assert_int_equal(parse_ok("20.5"), 2050);
	assert_int_equal(parse_ok("20.05"), 2005);
	assert_int_equal(parse_ok("20.50"), 2050);
	assert_int_equal(parse_ok("0.99"), 99);
	assert_int_equal(parse_ok(".5"), 50);
	assert_int_equal(parse_ok(".05"), 5);
	assert_int_equal(parse_ok("0"), 0);
	assert_int_equal(parse_ok("84.17"), 8417);
	assert_int_equal(parse_ok("1234.56"), 123456);
	assert_int_equal(parse_ok("007"), 700);
}

static void test_parse_max(void **state)
{
	(void)state;
	assert_int_equal(parse_ok("99999.99"), MONEY_MAX_CENTS);
	assert_int_equal(parse_ok("99999"), 9999900);
	parse_bad("100000");
	parse_bad("100000.00");
	parse_bad("99999999");
	parse_bad("12345678901234567890");
}

static void test_parse_rejects(void **state)
{
	(void)state;
	parse_bad("");
	parse_bad(".");
	parse_bad("1.234");
	parse_bad("1..2");
	parse_bad("1.2.3");
	parse_bad("abc");
	parse_bad("12a");
	parse_bad("-1");
	parse_bad("+1");
	parse_bad(" 1");
	parse_bad("1 ");
	parse_bad("1,000");
	parse_bad("$5");
}

static void test_parse_null(void **state)
{
	int64_t cents = 0;

	(void)state;
	assert_int_equal(money_parse(NULL, &cents), KIOSK_EINVAL);
	assert_int_equal(money_parse("1", NULL), KIOSK_EINVAL);
}

static void check_format(int64_t cents, const char *want)
{
	char buf[32];

	memset(buf, 'x', sizeof(buf));
	assert_int_equal(money_format(cents, buf, sizeof(buf)), 0);
	assert_string_equal(buf, want);
}

static void test_format(void **state)
{
	(void)state;
	check_format(0, "$0.00");
	check_format(5, "$0.05");
	check_format(50, "$0.50");
	check_format(99, "$0.99");
	check_format(100, "$1.00");
	check_format(8417, "$84.17");
	check_format(99999, "$999.99");
	check_format(100000, "$1,000.00");
	check_format(123456, "$1,234.56");
	check_format(9999999, "$99,999.99");
	check_format(12345678, "$123,456.78");
	check_format(100000000, "$1,000,000.00");
	check_format(123456789012, "$1,234,567,890.12");
}

static void test_format_negative(void **state)
{
	(void)state;
	check_format(-5, "-$0.05");
	check_format(-8417, "-$84.17");
	check_format(-123456, "-$1,234.56");
	check_format(INT64_MIN, "-$92,233,720,368,547,758.08");
	check_format(INT64_MAX, "$92,233,720,368,547,758.07");
}

static void test_format_small_buffer(void **state)
{
	char buf[16];

	(void)state;
	/* "$84.17" needs 7 bytes with its terminator. */
	assert_int_equal(money_format(8417, buf, 7), 0);
	assert_string_equal(buf, "$84.17");
	assert_int_equal(money_format(8417, buf, 6), KIOSK_EINVAL);
	assert_int_equal(money_format(123456, buf, 9), KIOSK_EINVAL); /* "$1,234.56" is 9 */
	assert_int_equal(money_format(123456, buf, 10), 0);
	assert_string_equal(buf, "$1,234.56");
	assert_int_equal(money_format(-5, buf, 6), KIOSK_EINVAL); /* "-$0.05" is 6 */
	assert_int_equal(money_format(5, buf, 0), KIOSK_EINVAL);
	assert_int_equal(money_format(5, NULL, 10), KIOSK_EINVAL);
}

static void test_round_trip(void **state)
{
	(void)state;
	for (int64_t c = 0; c <= 100000; c += 37) {
		char buf[32], plain[32];
		int64_t back = -1;

		assert_int_equal(money_format(c, buf, sizeof(buf)), 0);
		/* Strip "$" and "," to get what a resident would key. */
		size_t o = 0;
		for (const char *p = buf; *p; p++)
			if (*p != '$' && *p != ',')
				plain[o++] = *p;
		plain[o] = '\0';
		assert_int_equal(money_parse(plain, &back), 0);
		assert_int_equal(back, c);
	}
}

/* The card fee: the rounding rule (half a cent and more rounds up) on named cases, then on
 * every amount up to $10,000.00 for a few rates: the fee is never more than half a cent from
 * the exact percentage, and an exact half cent goes up. */
static void test_card_fee(void **state)
{
	struct money_fee flat = {.flat_cents = 150};
	struct money_fee pct = {.basis_points = 250};
	struct money_fee clamp = {.basis_points = 295, .min_cents = 100, .max_cents = 500};
	struct money_fee crossed = {.basis_points = 100, .min_cents = 300, .max_cents = 200};
	static const int64_t rates[] = {1, 50, 250, 295, 333, 1000};

	(void)state;
	assert_int_equal(money_card_fee(&flat, 5000), 150);
	assert_int_equal(money_card_fee(&flat, 1), 150);
	assert_int_equal(money_card_fee(&flat, 0), 0); /* nothing paid, no fee */
	assert_int_equal(money_card_fee(NULL, 5000), 0);
	assert_int_equal(money_card_fee(&pct, 1000), 25);	 /* 2.5 % of $10.00 */
	assert_int_equal(money_card_fee(&pct, 1234), 31);	 /* 30.85 -> 31 */
	assert_int_equal(money_card_fee(&pct, 1220), 31);	 /* 30.5: a half cent goes up */
	assert_int_equal(money_card_fee(&pct, 1219), 30);	 /* 30.475 -> 30 */
	assert_int_equal(money_card_fee(&pct, 19), 0);		 /* 0.475 -> 0 */
	assert_int_equal(money_card_fee(&pct, 20), 1);		 /* 0.5 -> 1 */
	assert_int_equal(money_card_fee(&clamp, 1000), 100);	 /* 29.5 -> the minimum */
	assert_int_equal(money_card_fee(&clamp, 10000), 295);	 /* between: the percentage */
	assert_int_equal(money_card_fee(&clamp, 100000), 500);	 /* 2,950 -> the maximum */
	assert_int_equal(money_card_fee(&crossed, 1000), 200);	 /* the maximum wins */
	assert_int_equal(money_card_fee(&pct, 9999999), 250000); /* the largest amount */
	for (size_t r = 0; r < sizeof(rates) / sizeof(rates[0]); r++) {
		struct money_fee f = {.basis_points = rates[r]};

		for (int64_t a = 1; a <= 1000000; a++) {
			int64_t exact = a * rates[r]; /* the fee in 1/10,000 cent */
			int64_t diff = money_card_fee(&f, a) * 10000 - exact;

			if (diff <= -5000 || diff > 5000)
				fail_msg("%lld bp of %lld cents: fee %lld", (long long)rates[r],
					 (long long)a, (long long)money_card_fee(&f, a));
		}
	}
}

static void test_percent(void **state)
{
	int64_t bp = -1;
	char buf[16];

	(void)state;
	assert_int_equal(money_parse_percent("2.5", &bp), 0);
	assert_int_equal(bp, 250);
	assert_int_equal(money_parse_percent("2.95", &bp), 0);
	assert_int_equal(bp, 295);
	assert_int_equal(money_parse_percent("0", &bp), 0);
	assert_int_equal(bp, 0);
	assert_int_equal(money_parse_percent("10", &bp), 0);
	assert_int_equal(bp, 1000);
	assert_int_equal(money_parse_percent("10.01", &bp), KIOSK_EINVAL);
	assert_int_equal(money_parse_percent("2.505", &bp), KIOSK_EINVAL);
	assert_int_equal(money_parse_percent("-1", &bp), KIOSK_EINVAL);
	assert_int_equal(money_parse_percent("2,5", &bp), KIOSK_EINVAL);
	assert_int_equal(money_format_percent(250, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "2.5%");
	assert_int_equal(money_format_percent(300, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "3%");
	assert_int_equal(money_format_percent(295, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "2.95%");
	assert_int_equal(money_format_percent(5, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0.05%");
	assert_int_equal(money_format_percent(295, buf, 4), KIOSK_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_valid),
	    cmocka_unit_test(test_card_fee),
	    cmocka_unit_test(test_percent),
	    cmocka_unit_test(test_parse_max),
	    cmocka_unit_test(test_parse_rejects),
	    cmocka_unit_test(test_parse_null),
	    cmocka_unit_test(test_format),
	    cmocka_unit_test(test_format_negative),
	    cmocka_unit_test(test_format_small_buffer),
	    cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
