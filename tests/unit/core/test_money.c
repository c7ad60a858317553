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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_valid),
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
