/* A finger's gesture (app/ui/drag.c): within the slop a tap, past it in content that scrolls a
 * drag that moves the content with the finger and presses nothing; a ghost touch, content that
 * does not scroll, and a new screen under the finger scroll nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "app/ui/drag.h"

#define SLOP 20 /* 5 mm at 102 dpi */

static struct drag_effect fx;

static void down(struct drag *d, int x, int y, bool scrollable, int offset)
{
	struct drag_event ev = {.type = DRAG_DOWN,
				.x = x,
				.y = y,
				.scrollable = scrollable,
				.offset = offset,
				.slop = SLOP};

	drag_event(d, &ev, &fx);
	assert_false(fx.scroll);
	assert_false(fx.cancel_press);
}

static void move(struct drag *d, int x, int y)
{
	struct drag_event ev = {.type = DRAG_MOVE, .x = x, .y = y};

	drag_event(d, &ev, &fx);
}

static bool up(struct drag *d)
{
	struct drag_event ev = {.type = DRAG_UP};

	drag_event(d, &ev, &fx);
	return fx.was_drag;
}

static void a_tap_stays_a_tap(void **state)
{
	struct drag d = {0};

	(void)state;
	down(&d, 500, 900, true, 0);
	/* A finger's wobble, within 5 mm either way: still the button it went down on. */
	move(&d, 500 + SLOP, 900 - SLOP);
	assert_false(fx.scroll);
	assert_false(fx.cancel_press);
	assert_int_equal(d.state, DRAG_PRESSED);
	assert_false(up(&d));
	assert_int_equal(d.state, DRAG_IDLE);
}

static void a_drag_scrolls_and_presses_nothing(void **state)
{
	struct drag d = {0};

	(void)state;
	down(&d, 500, 1500, true, 100);
	/* Past the slop: the button under the finger is let go, and the content is taken where
	 * the finger is now (no jump by the slop). */
	move(&d, 500, 1500 - SLOP - 1);
	assert_true(fx.cancel_press);
	assert_false(fx.scroll);
	assert_int_equal(d.state, DRAG_SCROLLING);
	/* The content follows the finger: 300 px up shows 300 px more below. */
	move(&d, 510, 1500 - SLOP - 1 - 300);
	assert_true(fx.scroll);
	assert_int_equal(fx.offset, 400);
	assert_false(fx.cancel_press);
	/* And back down past where it started: the toolkit keeps the offset in bounds. */
	move(&d, 510, 1500 - SLOP - 1 + 150);
	assert_int_equal(fx.offset, -50);
	/* Lifted over the same button it went down on: a drag, so no tap. */
	assert_true(up(&d));
	assert_int_equal(d.state, DRAG_IDLE);
	/* Sideways is a drag too (it is no longer a tap), and scrolls by the vertical part. */
	down(&d, 500, 1500, true, 0);
	move(&d, 500 + SLOP + 5, 1500);
	assert_true(fx.cancel_press);
	move(&d, 600, 1440);
	assert_int_equal(fx.offset, 60);
	assert_true(up(&d));
}

static void content_that_does_not_scroll_keeps_taps_as_they_were(void **state)
{
	struct drag d = {0};

	(void)state;
	/* scrollable false: the content fits, the finger is outside it (the top bar), or the
	 * touch is a ghost (it began before the screen appeared, or within 300 ms of it). */
	down(&d, 500, 900, false, 0);
	move(&d, 500, 400);
	assert_false(fx.scroll);
	assert_false(fx.cancel_press);
	assert_false(up(&d));
}

static void a_new_screen_under_the_finger_ends_the_drag(void **state)
{
	struct drag d = {0};
	struct drag_event cancel = {.type = DRAG_CANCEL};

	(void)state;
	down(&d, 500, 1500, true, 0);
	move(&d, 500, 1400);
	assert_int_equal(d.state, DRAG_SCROLLING);
	drag_event(&d, &cancel, &fx);
	assert_int_equal(d.state, DRAG_IDLE);
	/* Still moving, over the new screen: nothing scrolls, and lifting is no drag. */
	move(&d, 500, 1000);
	assert_false(fx.scroll);
	assert_false(fx.cancel_press);
	assert_false(up(&d));
	/* A move with no finger down does nothing. */
	move(&d, 100, 100);
	assert_false(fx.scroll);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_tap_stays_a_tap),
	    cmocka_unit_test(a_drag_scrolls_and_presses_nothing),
	    cmocka_unit_test(content_that_does_not_scroll_keeps_taps_as_they_were),
	    cmocka_unit_test(a_new_screen_under_the_finger_ends_the_drag),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
