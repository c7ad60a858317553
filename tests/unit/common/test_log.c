/* Tests for log_redact_pan: anything that looks like a card number keeps its last four
 * digits only; other numbers (amounts, keys, dates) are left alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"

static void redacts(const char *in, const char *want)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s", in);
	log_redact_pan(buf);
	assert_string_equal(buf, want);
}

static void test_plain_pan(void **state)
{
	(void)state;
	redacts("card 4111111111111111 swiped", "card ************1111 swiped");
}

static void test_grouped_pan(void **state)
{
	(void)state;
	redacts("4111 1111 1111 1111", "**** **** **** 1111");
	redacts("5555-5555-5555-4444.", "****-****-****-4444.");
}

static void test_track_data(void **state)
{
	char buf[128];

	(void)state;
	snprintf(buf, sizeof(buf),
		 "%%B4111111111111111^RIVERA/ANA^2812101?;4111111111111111=2812?");
	log_redact_pan(buf);
	assert_null(strstr(buf, "4111111111111111"));
	assert_non_null(strstr(buf, "1111^RIVERA"));
}

static void test_lengths(void **state)
{
	(void)state;
	/* 13 and 19 digits are card lengths; 12 and 20 are not. */
	redacts("4222222222222", "*********2222");
	redacts("6011000990139424124", "***************4124");
	redacts("123456789012", "123456789012");
	redacts("12345678901234567890", "12345678901234567890");
}

static void test_other_numbers_untouched(void **state)
{
	(void)state;
	redacts("payment 79eed3bc: 8417 cents, ref K7Q2M9XH4, 2026-11-27",
		"payment 79eed3bc: 8417 cents, ref K7Q2M9XH4, 2026-11-27");
	redacts("", "");
}

/* A payment key is hex: its digit runs are not card numbers unless they pass the Luhn check
 * (every card number does); the card number next to it still is masked. */
static void test_hex_key_digits_untouched(void **state)
{
	(void)state;
	redacts("key 9f1234567890123456ab0c", "key 9f1234567890123456ab0c");
	redacts("key 79eed3bc4111111111111111 card 4000000000000002",
		"key 79eed3bc************1111 card ************0002");
	redacts("4111111111111112", "4111111111111112");
}

static void test_two_pans_in_one_line(void **state)
{
	(void)state;
	redacts("a 4111111111111111 b 5555555555554444", "a ************1111 b ************4444");
}

/* Error texts are shared by the portal, the payment terminal and the update server: none names
 * one of them (the terminal's reboot was logged as "portal unreachable"). */
static void test_error_texts_name_no_server(void **state)
{
	(void)state;
	for (int e = 0; e >= -40; e--) {
		const char *t = kiosk_strerror(e);

		assert_non_null(t);
		if (strstr(t, "portal") || strstr(t, "terminal"))
			fail_msg("kiosk_strerror(%d) names a server: \"%s\"", e, t);
	}
	assert_string_equal(kiosk_strerror(KIOSK_ENET), "unreachable");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_pan),
	    cmocka_unit_test(test_grouped_pan),
	    cmocka_unit_test(test_track_data),
	    cmocka_unit_test(test_lengths),
	    cmocka_unit_test(test_hex_key_digits_untouched),
	    cmocka_unit_test(test_other_numbers_untouched),
	    cmocka_unit_test(test_two_pans_in_one_line),
	    cmocka_unit_test(test_error_texts_name_no_server),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
