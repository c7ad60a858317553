/* Payment links for the receipt's QR code (app/common/weblink.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "app/common/err.h"
#include "app/common/weblink.h"

/* The QR code's link: the reference put in the configured pattern, percent-encoded. */
static void test_qr_url(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(weblink_fill("https://pay.example.gov/p/{reference}?from=kiosk",
				      "K7Q2M9XH4", out, sizeof(out)),
			 0);
	assert_string_equal(out, "https://pay.example.gov/p/K7Q2M9XH4?from=kiosk");
	assert_int_equal(weblink_fill("https://x.gov/{reference}", "Q-1 a/b&c", out, sizeof(out)),
			 0);
	assert_string_equal(out, "https://x.gov/Q-1%20a%2Fb%26c");
	assert_int_equal(weblink_fill("", "K7Q2M9XH4", out, sizeof(out)), 0);
	assert_string_equal(out, "");
	/* Not https, no placeholder, two of them, or too long: refused, out empty. */
	assert_int_equal(weblink_fill("http://x.gov/{reference}", "K1", out, sizeof(out)),
			 KIOSK_EINVAL);
	assert_string_equal(out, "");
	assert_int_equal(weblink_fill("https://x.gov/pay", "K1", out, sizeof(out)), KIOSK_EINVAL);
	assert_int_equal(
	    weblink_fill("https://x.gov/{reference}/{reference}", "K1", out, sizeof(out)),
	    KIOSK_EINVAL);
	assert_int_equal(weblink_fill("https://x.gov/{reference}", "K7Q2M9XH4", out, 20),
			 KIOSK_EINVAL);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_qr_url),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
