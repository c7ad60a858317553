/* Tests for drivers/card: ISO 7813 parsing, Luhn, brands, expiry, and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include "app/common/err.h"
#include "drivers/card/card.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VISA "4111111111111111"
#define T1_VISA "%B4111111111111111^RIVERA/ANA^2812101000000123000?"
#define T2_VISA ";4111111111111111=2812101000001230?"

/* Copies a track, cut to its array like a reader's buffer would cut it. */
static void put_track(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);

	if (n >= cap)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void swipe_set(struct card_swipe *s, const char *t1, const char *t2)
{
	memset(s, 0, sizeof(*s));
	put_track(s->track1, sizeof(s->track1), t1);
	put_track(s->track2, sizeof(s->track2), t2);
}

static int parse(const char *t1, const char *t2, struct card_data *c)
{
	struct card_swipe s;

	swipe_set(&s, t1, t2);
	return card_parse(&s, c);
}

static void test_both_tracks(void **state)
{
	struct card_data c;

	(void)state;
	assert_int_equal(parse(T1_VISA, T2_VISA, &c), 0);
	assert_string_equal(c.pan, VISA);
	assert_string_equal(c.name, "RIVERA/ANA");
	assert_string_equal(c.expiry, "2812");
	assert_string_equal(c.service_code, "101");
	assert_string_equal(c.brand, "Visa");
	assert_string_equal(c.last4, "1111");
	assert_int_equal(card_check(&c, 2611), 0);
	card_wipe(&c);
	assert_string_equal(c.pan, "");
}

static void test_track1_only(void **state)
{
	struct card_data c;

	(void)state;
	assert_int_equal(parse("%B5555555555554444^LOPEZ/JOSE M              ^2701201?", "", &c),
			 0);
	assert_string_equal(c.pan, "5555555555554444");
	assert_string_equal(c.name, "LOPEZ/JOSE M"); /* padding trimmed */
	assert_string_equal(c.expiry, "2701");
	assert_string_equal(c.brand, "Mastercard");
	assert_string_equal(c.last4, "4444");
}

static void test_track2_only(void **state)
{
	struct card_data c;

	(void)state;
	assert_int_equal(parse("", ";378282246310005=2905101?", &c), 0);
	assert_string_equal(c.pan, "378282246310005");
	assert_string_equal(c.name, "");
	assert_string_equal(c.brand, "Amex");
	assert_string_equal(c.last4, "0005");
	assert_int_equal(card_check(&c, 2611), 0);
}

static void test_trailing_lrc_and_junk(void **state)
{
	struct card_data c;

	(void)state;
	assert_int_equal(parse(T1_VISA "Z", T2_VISA "\x7f\x01jk", &c), 0);
	assert_string_equal(c.pan, VISA);
}

static void test_mismatch(void **state)
{
	struct card_data c;

	(void)state;
	/* Different PAN. */
	assert_int_equal(parse(T1_VISA, ";4012888888881881=2812101?", &c), KIOSK_ECARD);
	assert_string_equal(c.pan, "");
	/* Different expiry. */
	assert_int_equal(parse(T1_VISA, ";4111111111111111=2811101?", &c), KIOSK_ECARD);
}

static void test_malformed(void **state)
{
	static const char *bad1[] = {
	    "%B4111111111111111^RIVERA/ANA^2812101",		       /* no end sentinel */
	    "%4111111111111111^RIVERA/ANA^2812101?",		       /* no format code */
	    "%A4111111111111111^RIVERA/ANA^2812101?",		       /* wrong format code */
	    "B4111111111111111^RIVERA/ANA^2812101?",		       /* no start sentinel */
	    "%B^RIVERA/ANA^2812101?",				       /* no PAN */
	    "%B41111111111111111111^RIVERA/ANA^2812101?",	       /* 20 digits */
	    "%B4111111111111111^A^2812101?",			       /* name too short */
	    "%B4111111111111111^ABCDEFGHIJKLMNOPQRSTUVWXYZA^2812101?", /* 27 */
	    "%B4111111111111111^RIVERA/ANA^28121?",		       /* short service code */
	    "%B4111111111111111^RIVERA/ANA^2813101?",		       /* month 13 */
	    "%B4111111111111111^RIVERA/ANA^2800101?",		       /* month 00 */
	    "%B4111111111111111^RIVERA/ANA^28X2101?",		       /* letter in expiry */
	    "%B4111111111111111^RIVERA/ANA?",			       /* no expiry */
	    "%B4111111111111111^RIVERA/ANA",			       /* truncated */
	    "%B4111111111111111RIVERA/ANA^2812101?",		       /* missing separator */
	    "%B4111111111111111^rivera/ana^2812101?",		       /* outside the 6-bit set */
	    "%B4111111111111111^RIVERA/ANA^2812101^?", /* separator in discretionary */
	    "%B",
	    "%",
	    "?",
	};
	static const char *bad2[] = {
	    ";4111111111111111=2812101",
	    ";4111111111111111=28121?",
	    ";=2812101?",
	    ";4111111111111111^2812101?",
	    "4111111111111111=2812101?",
	    ";41111111111111111111=2812101?",
	    ";4111111111111111=2812101A?",
	    ";4111111111111111=2899101?",
	    ";4111111111111111==2812101?",
	    ";",
	    ";?",
	    "%B4111111111111111^RIVERA/ANA^2812101?",
	};
	struct card_data c;

	(void)state;
	for (size_t i = 0; i < sizeof(bad1) / sizeof(bad1[0]); i++) {
		assert_int_equal(parse(bad1[i], "", &c), KIOSK_ECARD);
		/* A good track 2 does not excuse a malformed track 1. */
		assert_int_equal(parse(bad1[i], T2_VISA, &c), KIOSK_ECARD);
	}
	for (size_t i = 0; i < sizeof(bad2) / sizeof(bad2[0]); i++) {
		assert_int_equal(parse("", bad2[i], &c), KIOSK_ECARD);
		assert_int_equal(parse(T1_VISA, bad2[i], &c), KIOSK_ECARD);
	}
	assert_int_equal(parse("", "", &c), KIOSK_ECARD);
	assert_int_equal(card_parse(NULL, &c), KIOSK_EINVAL);
}

/* Tracks that fill their arrays with no terminating NUL must be refused, not overread. */
static void test_unterminated(void **state)
{
	struct card_swipe s;
	struct card_data c;

	(void)state;
	swipe_set(&s, "", T2_VISA);
	memset(s.track1, '1', sizeof(s.track1));
	assert_int_equal(card_parse(&s, &c), KIOSK_ECARD);
	swipe_set(&s, T1_VISA, "");
	memset(s.track2, '1', sizeof(s.track2));
	assert_int_equal(card_parse(&s, &c), KIOSK_ECARD);
	/* An otherwise valid track 2 of 41 characters with no room for the NUL. */
	swipe_set(&s, "", "");
	memcpy(s.track2, ";4111111111111111=28121010000000000000001?", sizeof(s.track2));
	assert_int_equal(card_parse(&s, &c), KIOSK_ECARD);
}

/* Every truncation and many one-byte mutations of good tracks, then random bytes:
 * the parser answers 0 or KIOSK_ECARD, and anything it accepts is self-consistent. */
static void test_hostile_input(void **state)
{
	static const char subst[] = {'\0', '%', '^', '?', ';', '=',
				     'B',  '0', '9', ' ', 'a', '\xff'};
	const char *t1 = T1_VISA, *t2 = T2_VISA;
	struct card_swipe s;
	struct card_data c;
	int rc;

	(void)state;
	for (size_t len = 0; len <= strlen(t1); len++) {
		swipe_set(&s, "", "");
		memcpy(s.track1, t1, len);
		rc = card_parse(&s, &c);
		assert_int_equal(rc, len == strlen(t1) ? 0 : KIOSK_ECARD);
	}
	for (size_t len = 0; len <= strlen(t2); len++) {
		swipe_set(&s, "", "");
		memcpy(s.track2, t2, len);
		rc = card_parse(&s, &c);
		assert_int_equal(rc, len == strlen(t2) ? 0 : KIOSK_ECARD);
	}
	for (size_t pos = 0; pos < strlen(t1); pos++) {
		for (size_t k = 0; k < sizeof(subst); k++) {
			swipe_set(&s, t1, t2);
			s.track1[pos] = subst[k];
			rc = card_parse(&s, &c);
			assert_true(rc == 0 || rc == KIOSK_ECARD);
			if (rc == 0)
				assert_string_equal(c.pan, VISA);
		}
	}
	srand(7813);
	for (int iter = 0; iter < 20000; iter++) {
		memset(&s, 0, sizeof(s));
		for (size_t k = 0; k < sizeof(s.track1); k++)
			s.track1[k] =
			    (char)(rand() % 4 ? "%B0123456789^/ ?;="[rand() % 18] : rand());
		for (size_t k = 0; k < sizeof(s.track2); k++)
			s.track2[k] = (char)(rand() % 4 ? ";=?0123456789"[rand() % 13] : rand());
		if (iter % 3)
			s.track1[rand() % sizeof(s.track1)] = '\0';
		if (iter % 5)
			s.track2[rand() % sizeof(s.track2)] = '\0';
		rc = card_parse(&s, &c);
		assert_true(rc == 0 || rc == KIOSK_ECARD);
		if (rc == 0) {
			assert_true(strlen(c.pan) >= 1 && strlen(c.pan) <= 19);
			assert_int_equal(strlen(c.expiry), 4);
		}
	}
}

static void test_luhn(void **state)
{
	(void)state;
	assert_true(card_luhn_ok(VISA));
	assert_true(card_luhn_ok("4012888888881881"));
	assert_true(card_luhn_ok("378282246310005"));
	assert_true(card_luhn_ok("6011111111111117"));
	assert_true(card_luhn_ok("5555555555554444"));
	assert_false(card_luhn_ok("4111111111111112"));
	assert_false(card_luhn_ok("4111111111111121")); /* swapped digits */
	assert_false(card_luhn_ok(""));
	assert_false(card_luhn_ok(NULL));
	assert_false(card_luhn_ok("4111-1111-1111-1111"));
	assert_false(card_luhn_ok("41111111111111111111111")); /* too long */
}

static void test_brands(void **state)
{
	(void)state;
	assert_string_equal(card_brand("4000000000000002"), "Visa");
	assert_string_equal(card_brand("5100000000000000"), "Mastercard");
	assert_string_equal(card_brand("5500000000000000"), "Mastercard");
	assert_string_equal(card_brand("5600000000000000"), "Card");
	assert_string_equal(card_brand("5000000000000000"), "Card");
	assert_string_equal(card_brand("2221000000000000"), "Mastercard");
	assert_string_equal(card_brand("2720990000000000"), "Mastercard");
	assert_string_equal(card_brand("2220990000000000"), "Card");
	assert_string_equal(card_brand("2721000000000000"), "Card");
	assert_string_equal(card_brand("340000000000000"), "Amex");
	assert_string_equal(card_brand("370000000000000"), "Amex");
	assert_string_equal(card_brand("350000000000000"), "Card");
	assert_string_equal(card_brand("6011000000000000"), "Discover");
	assert_string_equal(card_brand("6500000000000000"), "Discover");
	assert_string_equal(card_brand("6440000000000000"), "Discover");
	assert_string_equal(card_brand("6490000000000000"), "Discover");
	assert_string_equal(card_brand("6430000000000000"), "Card");
	assert_string_equal(card_brand("6012000000000000"), "Card");
	assert_string_equal(card_brand("222"), "Card"); /* too short for the 4-digit range */
	assert_string_equal(card_brand(""), "Card");
	assert_string_equal(card_brand(NULL), "Card");
}

static void test_check(void **state)
{
	struct card_data c;

	(void)state;
	assert_int_equal(parse("", ";4111111111111111=2611101?", &c), 0);
	assert_int_equal(card_check(&c, 2610), 0);
	assert_int_equal(card_check(&c, 2611), 0); /* valid through its expiry month */
	assert_int_equal(card_check(&c, 2612), KIOSK_EEXPIRED);
	assert_int_equal(card_check(&c, 2701), KIOSK_EEXPIRED);

	assert_int_equal(parse("", ";4111111111111112=2812101?", &c), 0);
	assert_int_equal(card_check(&c, 2611), KIOSK_ECARD); /* bad Luhn */

	assert_int_equal(parse("", ";42=2812101?", &c), 0);
	assert_string_equal(c.last4, "42");
	assert_int_equal(card_check(&c, 2611), KIOSK_ECARD); /* too short to be a card */

	memset(&c, 0, sizeof(c));
	strcpy(c.pan, VISA);
	strcpy(c.expiry, "2813");
	assert_int_equal(card_check(&c, 2611), KIOSK_ECARD);
	strcpy(c.expiry, "28");
	assert_int_equal(card_check(&c, 2611), KIOSK_ECARD);
	assert_int_equal(card_check(NULL, 2611), KIOSK_EINVAL);
}

static void test_swipe_wipe(void **state)
{
	struct card_swipe s;

	(void)state;
	swipe_set(&s, T1_VISA, T2_VISA);
	card_swipe_wipe(&s);
	for (size_t k = 0; k < sizeof(s); k++)
		assert_int_equal(((unsigned char *)&s)[k], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_both_tracks),	 cmocka_unit_test(test_track1_only),
	    cmocka_unit_test(test_track2_only),	 cmocka_unit_test(test_trailing_lrc_and_junk),
	    cmocka_unit_test(test_mismatch),	 cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_unterminated), cmocka_unit_test(test_hostile_input),
	    cmocka_unit_test(test_luhn),	 cmocka_unit_test(test_brands),
	    cmocka_unit_test(test_check),	 cmocka_unit_test(test_swipe_wipe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
