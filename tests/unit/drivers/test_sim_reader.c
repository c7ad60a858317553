/* Tests for drivers/sim/sim_reader: the tracks it makes go through card_parse unchanged. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include "app/common/err.h"
#include "drivers/card/card.h"
#include "drivers/sim/sim_reader.h"

#include <string.h>

static void test_round_trip(void **state)
{
	static const struct {
		const char *pan, *brand;
	} cards[] = {
	    {"4111111111111111", "Visa"},	{"5555555555554444", "Mastercard"},
	    {"2223003122003222", "Mastercard"}, {"378282246310005", "Amex"},
	    {"6011111111111117", "Discover"},	{"4222222222222", "Visa"},
	    {"6011000990139424", "Discover"},
	};
	struct card_swipe s;
	struct card_data c;

	(void)state;
	for (size_t i = 0; i < sizeof(cards) / sizeof(cards[0]); i++) {
		assert_int_equal(sim_reader_make_swipe(cards[i].pan, "2812", "Ana Rivera", &s), 0);
		assert_int_equal(s.track1[0], '%');
		assert_int_equal(s.track2[0], ';');
		assert_int_equal(card_parse(&s, &c), 0);
		assert_string_equal(c.pan, cards[i].pan);
		assert_string_equal(c.expiry, "2812");
		assert_string_equal(c.service_code, "101");
		assert_string_equal(c.name, "RIVERA/ANA");
		assert_string_equal(c.brand, cards[i].brand);
		assert_string_equal(c.last4, cards[i].pan + strlen(cards[i].pan) - 4);
		assert_int_equal(card_check(&c, 2611), 0);
	}
}

static void test_names(void **state)
{
	struct card_swipe s;
	struct card_data c;

	(void)state;
	assert_int_equal(sim_reader_make_swipe("4111111111111111", "2812", "RIVERA/ANA", &s), 0);
	assert_int_equal(card_parse(&s, &c), 0);
	assert_string_equal(c.name, "RIVERA/ANA");

	assert_int_equal(sim_reader_make_swipe("4111111111111111", "2812", "José  Núñez", &s), 0);
	assert_int_equal(card_parse(&s, &c), 0);
	assert_string_equal(c.name, "NUNEZ/JOSE");

	assert_int_equal(sim_reader_make_swipe("4111111111111111", "2812", "ana maria rivera", &s),
			 0);
	assert_int_equal(card_parse(&s, &c), 0);
	assert_string_equal(c.name, "RIVERA/ANA MARIA");

	/* Long names are cut to the 26 characters track 1 holds, and still parse. */
	assert_int_equal(sim_reader_make_swipe("4111111111111111", "2812",
					       "Maximiliana Guadalupe Fernandez-Castellanos", &s),
			 0);
	assert_int_equal(card_parse(&s, &c), 0);
	assert_int_equal(strlen(c.name), 26);

	/* No name: a track-2-only card. */
	assert_int_equal(sim_reader_make_swipe("4111111111111111", "2812", NULL, &s), 0);
	assert_string_equal(s.track1, "");
	assert_int_equal(card_parse(&s, &c), 0);
	assert_string_equal(c.pan, "4111111111111111");
}

static void test_rejects(void **state)
{
	struct card_swipe s;

	(void)state;
	assert_int_equal(sim_reader_make_swipe("4111 1111 1111 1111", "2812", "A B", &s),
			 KIOSK_EINVAL);
	assert_string_equal(s.track2, "");
	assert_int_equal(sim_reader_make_swipe("4111-1111", "2812", "A B", &s), KIOSK_EINVAL);
	assert_int_equal(sim_reader_make_swipe("", "2812", "A B", &s), KIOSK_EINVAL);
	assert_int_equal(sim_reader_make_swipe("41111111111111111111", "2812", "A B", &s),
			 KIOSK_EINVAL);
	assert_int_equal(sim_reader_make_swipe(NULL, "2812", "A B", &s), KIOSK_EINVAL);
	assert_int_equal(sim_reader_make_swipe("4111111111111111", "281", "A B", &s), KIOSK_EINVAL);
	assert_int_equal(sim_reader_make_swipe("4111111111111111", "2813", "A B", &s),
			 KIOSK_EINVAL);
	assert_int_equal(sim_reader_make_swipe("4111111111111111", "2812", "Ana^Rivera", &s),
			 KIOSK_EINVAL);
	assert_int_equal(sim_reader_make_swipe("4111111111111111", "2812", "A B", NULL),
			 KIOSK_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_rejects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
