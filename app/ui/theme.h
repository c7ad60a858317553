/* Colour themes as data: the default and the high-contrast theme, and the colour pairs the
 * screens draw text and controls with, so a test can hold every pair to 4.5:1 (ADA 707.7). */
#ifndef KIOSK_THEME_H
#define KIOSK_THEME_H

#include <SDL.h>
#include <stddef.h>

struct ui_theme {
	SDL_Color bg, surface, text, muted, primary, on_primary, secondary, border, error, error_bg,
	    success, warning, focus, focus_halo, bar, on_bar, alert, on_alert;
};

enum theme_id { THEME_DEFAULT, THEME_HIGH_CONTRAST, THEME_COUNT };

/* A foreground drawn on a background somewhere on screen, by field offset in ui_theme. */
struct theme_pair {
	size_t fg, bg;
	const char *what; /* "button text on a primary button" */
};

const struct ui_theme *theme_get(enum theme_id id);
const char *theme_name(enum theme_id id);

/* Every pair the screens use; *n is set to their number. */
const struct theme_pair *theme_pairs(size_t *n);

SDL_Color theme_color(const struct ui_theme *t, size_t offset);

/* WCAG 2 contrast ratio of two opaque colours, 1.0 to 21.0. */
double theme_contrast(SDL_Color a, SDL_Color b);

#endif
