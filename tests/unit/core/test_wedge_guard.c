/* The keyboard-wedge guard as plain C: a machine-speed burst that starts like track data is
 * never typed; a person typing the same characters is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "app/core/wedge_guard.h"

/* Feeds text one character every gap_ms from t0; returns what was typed, flushing at the end
 * the way the loop does once the deadline passes. */
static int feed(struct wedge_guard *g, const char *text, int64_t t0, int gap_ms, char *typed,
		size_t n)
{
	char out[64], c[2] = {0, 0};
	bool swipe;
	int swipes = 0;
	int64_t t = t0;

	typed[0] = '\0';
	for (const char *p = text; *p; p++, t += gap_ms) {
		c[0] = *p;
		wedge_guard_text(g, c, t, out, sizeof(out), &swipe);
		strncat(typed, out, n - strlen(typed) - 1);
		swipes += swipe;
	}
	wedge_guard_flush(g, wedge_guard_deadline(g, t + 1000), out, sizeof(out));
	strncat(typed, out, n - strlen(typed) - 1);
	return swipes;
}

static void test_track1_burst_never_typed(void **state)
{
	struct wedge_guard g = {0};
	char typed[256];

	(void)state;
	assert_int_equal(
	    feed(&g, "%B4111111111111111^RIVERA/ANA^2812101?", 1000, 8, typed, sizeof(typed)), 1);
	assert_string_equal(typed, "");
	assert_null(memchr(g.held, '4', sizeof(g.held))); /* wiped */
}

static void test_track2_burst_never_typed(void **state)
{
	struct wedge_guard g = {0};
	char typed[256];

	(void)state;
	assert_int_equal(feed(&g, ";4111111111111111=2812101?", 1000, 15, typed, sizeof(typed)), 1);
	assert_string_equal(typed, "");
}

/* The reader's Enter right after the burst belongs to it; a key a moment later does not. */
static void test_enter_after_burst_is_the_readers(void **state)
{
	struct wedge_guard g = {0};
	char out[64];
	bool swipe, any = false;
	const char *track = ";4111111111111111=2812101?";

	(void)state;
	for (int i = 0; track[i]; i++) {
		char c[2] = {track[i], 0};
		wedge_guard_text(&g, c, 1000 + i * 10, out, sizeof(out), &swipe);
		assert_string_equal(out, "");
		any = any || swipe;
	}
	assert_true(any);
	assert_true(wedge_guard_in_burst(&g, 1000 + 25 * 10 + 10));
	assert_false(wedge_guard_in_burst(&g, 1000 + 25 * 10 + 200));
}

static void test_person_typing_sentinels_is_typed(void **state)
{
	struct wedge_guard g = {0};
	char typed[256];

	(void)state;
	/* A password with ';' and digits, typed at a person's pace. */
	assert_int_equal(feed(&g, "pa;1234%B99", 1000, 120, typed, sizeof(typed)), 0);
	assert_string_equal(typed, "pa;1234%B99");
	/* Fast, but not track data. */
	assert_int_equal(feed(&g, "%Abc;x12", 5000, 5, typed, sizeof(typed)), 0);
	assert_string_equal(typed, "%Abc;x12");
	/* A ';' typed last is held only until the deadline, then typed. */
	assert_int_equal(feed(&g, "abc;", 9000, 100, typed, sizeof(typed)), 0);
	assert_string_equal(typed, "abc;");
}

static void test_ordinary_text_after_a_burst(void **state)
{
	struct wedge_guard g = {0};
	char typed[256];

	(void)state;
	feed(&g, ";5555555555554444=29?", 1000, 5, typed, sizeof(typed));
	assert_string_equal(typed, "");
	assert_int_equal(feed(&g, "Rivera", 3000, 150, typed, sizeof(typed)), 0);
	assert_string_equal(typed, "Rivera");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_track1_burst_never_typed),
	    cmocka_unit_test(test_track2_burst_never_typed),
	    cmocka_unit_test(test_enter_after_burst_is_the_readers),
	    cmocka_unit_test(test_person_typing_sentinels_is_typed),
	    cmocka_unit_test(test_ordinary_text_after_a_burst),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
