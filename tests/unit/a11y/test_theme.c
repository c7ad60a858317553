/* Every colour pair of every theme reads at 4.5:1 or better (ADA 707.7, WCAG 1.4.3). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "app/ui/theme.h"

static void known_ratios(void **state)
{
	(void)state;
	SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
	assert_true(theme_contrast(black, white) > 20.99);
	assert_true(theme_contrast(white, white) < 1.0001);
	/* #767676 on white is the classic 4.54:1 */
	assert_true(theme_contrast((SDL_Color){0x76, 0x76, 0x76, 255}, white) > 4.5);
	assert_true(theme_contrast((SDL_Color){0x77, 0x77, 0x77, 255}, white) < 4.5);
}

static void every_pair_of_every_theme(void **state)
{
	size_t n;
	const struct theme_pair *p = theme_pairs(&n);
	int bad = 0;

	(void)state;
	assert_true(n > 10);
	for (int id = 0; id < THEME_COUNT; id++) {
		const struct ui_theme *t = theme_get((enum theme_id)id);
		for (size_t i = 0; i < n; i++) {
			double r = theme_contrast(theme_color(t, p[i].fg), theme_color(t, p[i].bg));
			printf("theme %-14s %5.2f:1  %s\n", theme_name((enum theme_id)id), r,
			       p[i].what);
			if (r < 4.5) {
				fprintf(stderr, "FAIL: theme %s: %s is %.2f:1, under 4.5:1\n",
					theme_name((enum theme_id)id), p[i].what, r);
				bad++;
			}
		}
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(known_ratios),
	    cmocka_unit_test(every_pair_of_every_theme),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
