/* The account form rules: email, password, mobile number, ABA routing number, bank account
 * number and verification code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "app/common/err.h"
#include "app/core/validate.h"

static void test_email(void **state)
{
	static const char *const good[] = {"jane.rivera@example.org", "a.b@c.io",
					   "first+tag@sub.example.gov", "x_y-z@d-e.com"};
	static const char *const bad[] = {"",
					  "jane",
					  "@example.org",
					  "jane@",
					  "jane@example",
					  "jane@@example.org",
					  "jane@.example.org",
					  "jane@example.org.",
					  ".jane@example.org",
					  "jane.@example.org",
					  "ja..ne@example.org",
					  "jane rivera@example.org",
					  "jane@exam ple.org",
					  "jané@example.org",
					  "jane@example.org\n",
					  "a@b.c'--"};
	char longest[200];

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(validate_email(good[i]), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(validate_email(bad[i]), KIOSK_EINVAL);
	assert_int_equal(validate_email(NULL), KIOSK_EINVAL);
	/* Too long: one character over the limit. */
	memset(longest, 'a', sizeof(longest));
	memcpy(longest + VALIDATE_EMAIL_MAX - 12, "@example.org", 13);
	assert_int_equal(validate_email(longest), 0);
	memset(longest, 'a', sizeof(longest));
	memcpy(longest + VALIDATE_EMAIL_MAX - 11, "@example.org", 13);
	assert_int_equal(validate_email(longest), KIOSK_EINVAL);
}

static void test_password(void **state)
{
	char p[80];

	(void)state;
	assert_int_equal(validate_password("Kiosk-Demo-2026"), 0);
	assert_int_equal(validate_password("0123456789"), 0);
	assert_int_equal(validate_password("012345678"), KIOSK_EINVAL);
	assert_int_equal(validate_password(""), KIOSK_EINVAL);
	assert_int_equal(validate_password(NULL), KIOSK_EINVAL);
	memset(p, 'x', sizeof(p));
	p[VALIDATE_PASSWORD_MAX] = '\0';
	assert_int_equal(validate_password(p), 0);
	p[VALIDATE_PASSWORD_MAX] = 'x';
	p[VALIDATE_PASSWORD_MAX + 1] = '\0';
	assert_int_equal(validate_password(p), KIOSK_EINVAL);
}

static void test_mobile(void **state)
{
	char out[16];

	(void)state;
	assert_int_equal(validate_mobile("", out, sizeof(out)), 0);
	assert_string_equal(out, "");
	assert_int_equal(validate_mobile("5551234567", out, sizeof(out)), 0);
	assert_string_equal(out, "5551234567");
	assert_int_equal(validate_mobile("(555) 123-4567", out, sizeof(out)), 0);
	assert_string_equal(out, "5551234567");
	assert_int_equal(validate_mobile("1.555.123.4567", out, sizeof(out)), 0);
	assert_string_equal(out, "15551234567");
	assert_int_equal(validate_mobile("555123456", out, sizeof(out)), KIOSK_EINVAL);
	assert_string_equal(out, "");
	assert_int_equal(validate_mobile("25551234567", out, sizeof(out)), KIOSK_EINVAL);
	assert_int_equal(validate_mobile("555123456789", out, sizeof(out)), KIOSK_EINVAL);
	assert_int_equal(validate_mobile("555-CALL-NOW", out, sizeof(out)), KIOSK_EINVAL);
	assert_int_equal(validate_mobile("99999999999999999999", out, sizeof(out)), KIOSK_EINVAL);
}

/* Text receipts: a NANP mobile number, area code and exchange starting with 2 to 9, as E.164. */
static void test_sms_number(void **state)
{
	char out[16];

	(void)state;
	assert_int_equal(validate_sms_number("3125550147", out, sizeof(out)), 0);
	assert_string_equal(out, "+13125550147");
	assert_int_equal(validate_sms_number("1 (312) 555-0147", out, sizeof(out)), 0);
	assert_string_equal(out, "+13125550147");
	assert_int_equal(validate_sms_number("", out, sizeof(out)), KIOSK_EINVAL);
	assert_string_equal(out, "");
	assert_int_equal(validate_sms_number("5550100123", out, sizeof(out)), KIOSK_EINVAL);
	assert_int_equal(validate_sms_number("1125550147", out, sizeof(out)), KIOSK_EINVAL);
	assert_int_equal(validate_sms_number("312555014", out, sizeof(out)), KIOSK_EINVAL);
	assert_int_equal(validate_sms_number("23125550147", out, sizeof(out)), KIOSK_EINVAL);
	assert_int_equal(validate_sms_number("3125550147", out, 12), KIOSK_EINVAL);
}

static void test_routing(void **state)
{
	(void)state;
	/* Real routing numbers (Federal Reserve banks) pass the 3-7-1 checksum. */
	assert_int_equal(validate_routing("011000015"), 0);
	assert_int_equal(validate_routing("021000021"), 0);
	assert_int_equal(validate_routing("111000025"), 0);
	assert_int_equal(validate_routing("011000016"), KIOSK_EINVAL);
	assert_int_equal(validate_routing("123456789"), KIOSK_EINVAL);
	assert_int_equal(validate_routing("01100001"), KIOSK_EINVAL);
	assert_int_equal(validate_routing("0110000150"), KIOSK_EINVAL);
	assert_int_equal(validate_routing("01100001a"), KIOSK_EINVAL);
	assert_int_equal(validate_routing(""), KIOSK_EINVAL);
	assert_int_equal(validate_routing(NULL), KIOSK_EINVAL);
}

static void test_bank_account(void **state)
{
	(void)state;
	assert_int_equal(validate_bank_account("1234"), 0);
	assert_int_equal(validate_bank_account("12345678901234567"), 0);
	assert_int_equal(validate_bank_account("123"), KIOSK_EINVAL);
	assert_int_equal(validate_bank_account("123456789012345678"), KIOSK_EINVAL);
	assert_int_equal(validate_bank_account("1234-5678"), KIOSK_EINVAL);
	assert_int_equal(validate_bank_account(""), KIOSK_EINVAL);
}

static void test_code(void **state)
{
	(void)state;
	assert_int_equal(validate_code("012345"), 0);
	assert_int_equal(validate_code("01234"), KIOSK_EINVAL);
	assert_int_equal(validate_code("0123456"), KIOSK_EINVAL);
	assert_int_equal(validate_code("01234a"), KIOSK_EINVAL);
	assert_int_equal(validate_code(""), KIOSK_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_email),      cmocka_unit_test(test_password),
	    cmocka_unit_test(test_mobile),     cmocka_unit_test(test_routing),
	    cmocka_unit_test(test_sms_number), cmocka_unit_test(test_bank_account),
	    cmocka_unit_test(test_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
