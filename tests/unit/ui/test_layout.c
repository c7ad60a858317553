/* The layout's rules without a screen: a fake font 10 px per byte (UTF-8 continuation bytes
 * count nothing), so every width is easy to reckon by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "app/ui/layout.h"

static int measure(void *ctx, const char *text, size_t len)
{
	int w = 0;

	(void)ctx;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			w += 10;
	return w;
}

static void wraps_at_spaces_never_inside_a_word(void **state)
{
	char out[128];
	int widest;

	(void)state;
	/* 100 px: "Forgot your" is 110, "your password?" 140: three lines of whole words. */
	assert_int_equal(
	    layout_wrap("Forgot your password?", 100, measure, NULL, out, sizeof(out), &widest), 3);
	assert_string_equal(out, "Forgot\nyour\npassword?");
	assert_int_equal(widest, 90);
	/* Wider: as many words on a line as fit. */
	assert_int_equal(
	    layout_wrap("Forgot your password?", 140, measure, NULL, out, sizeof(out), &widest), 2);
	assert_string_equal(out, "Forgot your\npassword?");
	assert_null(strstr(out, "passwo\n"));
}

static void keeps_its_own_line_breaks(void **state)
{
	char out[128];
	int widest;

	(void)state;
	assert_int_equal(
	    layout_wrap("one two\n\nthree", 500, measure, NULL, out, sizeof(out), &widest), 3);
	assert_string_equal(out, "one two\n\nthree");
	assert_int_equal(widest, 70);
}

static void a_word_wider_than_the_box_stays_whole(void **state)
{
	char out[128];
	int widest;

	(void)state;
	/* "contraseña?" is 110 px in a 60 px box: alone on its line, whole, and reported. */
	assert_int_equal(
	    layout_wrap("¿Olvidó su contraseña?", 60, measure, NULL, out, sizeof(out), &widest), 3);
	assert_string_equal(out, "¿Olvidó\nsu\ncontraseña?");
	assert_int_equal(widest, 110);
	assert_int_equal(layout_longest_word("¿Olvidó su contraseña?", measure, NULL), 110);
}

static void too_small_an_output_is_refused(void **state)
{
	char out[8];
	int widest;

	(void)state;
	assert_int_equal(
	    layout_wrap("a much longer text", 50, measure, NULL, out, sizeof(out), &widest), -1);
}

static void an_address_is_cut_in_its_middle(void **state)
{
	const char *mail = "maria.jose.obrien-garcia@example.org"; /* 36 bytes: 360 px */
	char out[64];

	(void)state;
	assert_false(layout_ellipsize_middle(mail, 400, measure, NULL, out, sizeof(out)));
	assert_string_equal(out, mail);
	assert_true(layout_ellipsize_middle(mail, 200, measure, NULL, out, sizeof(out)));
	assert_true(measure(NULL, out, strlen(out)) <= 200);
	/* Both ends kept: the start of the name and the domain. */
	assert_memory_equal(out, "maria.ja", 8 - 1);
	assert_non_null(strstr(out, "\xE2\x80\xA6"));
	assert_string_equal(out + strlen(out) - 7, "ple.org");
}

static void an_accented_value_is_cut_between_characters(void **state)
{
	char out[64];

	(void)state;
	assert_true(layout_ellipsize_middle("ñññññññññññ", 50, measure, NULL, out, sizeof(out)));
	/* Every byte sequence whole: the cut never splits the two bytes of ñ. */
	for (const char *p = out; *p;) {
		unsigned char c = (unsigned char)*p;
		size_t n = c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		for (size_t i = 1; i < n; i++)
			assert_int_equal((unsigned char)p[i] & 0xC0, 0x80);
		p += n;
	}
}

static struct layout_item item(enum layout_kind k, int x, int y, int w, int h, int parent,
			       const char *what)
{
	struct layout_item it = {k, {x, y, w, h}, {x, y, w, h}, parent, 0, ""};

	strncpy(it.what, what, sizeof(it.what) - 1);
	return it;
}

static const SDL_Rect screen = {0, 0, 1080, 1920};

static void a_text_outside_its_button_is_named(void **state)
{
	struct layout_item items[] = {
	    item(LAYOUT_WIDGET, 100, 100, 300, 100, -1, "¿Olvidó su contraseña?"),
	    item(LAYOUT_TEXT, 120, 110, 320, 50, 0, "¿Olvidó su contraseña?"),
	};
	char why[512];

	(void)state;
	assert_true(layout_check(items, 2, screen, why, sizeof(why)));
	assert_non_null(strstr(why, "text \"¿Olvidó su contraseña?\" at 120,110 320x50"));
	assert_non_null(strstr(why, "widget \"¿Olvidó su contraseña?\" at 100,100 300x100"));
	items[1].rect.w = 260;
	assert_false(layout_check(items, 2, screen, why, sizeof(why)));
	assert_string_equal(why, "");
}

static void siblings_may_not_overlap_but_layers_may(void **state)
{
	struct layout_item items[] = {
	    item(LAYOUT_TEXT, 60, 1560, 960, 108, -1, "We accept Visa, Mastercard"),
	    item(LAYOUT_TEXT, 292, 1610, 496, 54, -1, "Ask at the front desk."),
	};
	char why[512];

	(void)state;
	assert_true(layout_check(items, 2, screen, why, sizeof(why)));
	assert_non_null(strstr(why, "overlaps"));
	assert_non_null(strstr(why, "Ask at the front desk."));
	/* A declared overlay (a toast) is drawn over the screen on purpose. */
	items[1].layer = 1;
	assert_false(layout_check(items, 2, screen, why, sizeof(why)));
	/* Touching edges is not overlapping. */
	items[1].layer = 0;
	items[1].rect.y = 1668;
	assert_false(layout_check(items, 2, screen, why, sizeof(why)));
}

static void texts_in_different_boxes_are_not_compared(void **state)
{
	/* Two panels one under the other; each text is checked against its own panel only. */
	struct layout_item items[] = {
	    item(LAYOUT_GROUP, 60, 200, 960, 300, -1, "panel"),
	    item(LAYOUT_TEXT, 100, 240, 400, 50, 0, "Last payment"),
	    item(LAYOUT_TEXT, 600, 240, 380, 50, 0, "$79.22"),
	    item(LAYOUT_GROUP, 60, 520, 960, 300, -1, "panel"),
	    item(LAYOUT_TEXT, 100, 540, 400, 50, 3, "Email"),
	};
	char why[512];

	(void)state;
	assert_false(layout_check(items, 5, screen, why, sizeof(why)));
	/* "Last payment$79.22": run together, they overlap. */
	items[2].rect.x = 480;
	assert_true(layout_check(items, 5, screen, why, sizeof(why)));
	assert_non_null(strstr(why, "$79.22"));
}

static void off_the_screen_is_a_violation(void **state)
{
	struct layout_item items[] = {
	    item(LAYOUT_TEXT, 60, 400, 1900, 50, -1, "a 70-character email address"),
	};
	char why[512];

	(void)state;
	assert_true(layout_check(items, 1, screen, why, sizeof(why)));
	assert_non_null(strstr(why, "runs off the screen"));
}

static void a_scroll_view_holds_its_whole_content(void **state)
{
	struct layout_item items[] = {
	    item(LAYOUT_GROUP, 0, 150, 1020, 1548, -1, "the screen's content"),
	    item(LAYOUT_WIDGET, 60, 1800, 960, 120, 0, "Continue"),
	    item(LAYOUT_WIDGET, 60, 1730, 250, 150, -1, "Back"),
	};
	char why[512];

	(void)state;
	/* Below the view is fine when the content is that tall: it scrolls. */
	items[0].inner.h = 1800;
	assert_false(layout_check(items, 3, screen, why, sizeof(why)));
	/* Not when the view claims less than its content. */
	items[0].inner.h = 1548;
	assert_true(layout_check(items, 3, screen, why, sizeof(why)));
}

static void reveal_scrolls_just_enough(void **state)
{
	(void)state;
	/* A view 1000 tall over 2500 of content, at the top. */
	assert_int_equal(layout_reveal(0, 1000, 2500, 200, 100), 0);	/* in view */
	assert_int_equal(layout_reveal(0, 1000, 2500, 1400, 100), 500); /* its bottom at the edge */
	assert_int_equal(layout_reveal(800, 1000, 2500, 300, 100), 300); /* up to its top */
	assert_int_equal(layout_reveal(0, 1000, 2500, 2450, 200), 1500); /* kept in the content */
	assert_int_equal(layout_clamp_scroll(-20, 1000, 800), 0);	 /* nothing to scroll */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(wraps_at_spaces_never_inside_a_word),
	    cmocka_unit_test(keeps_its_own_line_breaks),
	    cmocka_unit_test(a_word_wider_than_the_box_stays_whole),
	    cmocka_unit_test(too_small_an_output_is_refused),
	    cmocka_unit_test(an_address_is_cut_in_its_middle),
	    cmocka_unit_test(an_accented_value_is_cut_between_characters),
	    cmocka_unit_test(a_text_outside_its_button_is_named),
	    cmocka_unit_test(siblings_may_not_overlap_but_layers_may),
	    cmocka_unit_test(texts_in_different_boxes_are_not_compared),
	    cmocka_unit_test(off_the_screen_is_a_violation),
	    cmocka_unit_test(a_scroll_view_holds_its_whole_content),
	    cmocka_unit_test(reveal_scrolls_just_enough),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
