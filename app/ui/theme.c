/* The themes and the colour pairs the widgets and screens draw with. A pair is listed here
 * whenever a screen puts one theme colour on another: the contrast test reads this table. */
#include "app/ui/theme.h"

#include <math.h>

#define RGB(x)                                                                                     \
	{                                                                                          \
		(Uint8)((x) >> 16), (Uint8)((x) >> 8 & 0xFF), (Uint8)((x)&0xFF), 0xFF              \
	}

static const struct ui_theme themes[THEME_COUNT] = {
    [THEME_DEFAULT] =
	{
	    .bg = RGB(0xF4F6F8),
	    .surface = RGB(0xFFFFFF),
	    .text = RGB(0x1B2433),
	    .muted = RGB(0x505B6B),
	    .primary = RGB(0x0B5CAD),
	    .on_primary = RGB(0xFFFFFF),
	    .secondary = RGB(0xE3ECF7),
	    .border = RGB(0x5F6B7C),
	    .error = RGB(0xB01E1E),
	    .error_bg = RGB(0xFCEBEB),
	    .success = RGB(0x1E7A3C),
	    .warning = RGB(0x8A5300),
	    .focus = RGB(0x9E3F00),
	    .focus_halo = RGB(0xFFC83D),
	    .bar = RGB(0x0D2B4E),
	    .on_bar = RGB(0xFFFFFF),
	    .alert = RGB(0xB01E1E),
	    .on_alert = RGB(0xFFFFFF),
	},
    /* White and yellow on black, the way transit ticket machines do it. */
    [THEME_HIGH_CONTRAST] =
	{
	    .bg = RGB(0x000000),
	    .surface = RGB(0x000000),
	    .text = RGB(0xFFFFFF),
	    .muted = RGB(0xE6E6E6),
	    .primary = RGB(0xFFE14D),
	    .on_primary = RGB(0x000000),
	    .secondary = RGB(0x1C1C1C),
	    .border = RGB(0xFFFFFF),
	    .error = RGB(0xFF8A8A),
	    .error_bg = RGB(0x2B0000),
	    .success = RGB(0x7CF07C),
	    .warning = RGB(0xFFC04D),
	    .focus = RGB(0x00E5FF),
	    .focus_halo = RGB(0x00E5FF),
	    .bar = RGB(0x000000),
	    .on_bar = RGB(0xFFFFFF),
	    .alert = RGB(0xFFFFFF),
	    .on_alert = RGB(0x000000),
	},
};

static const char *const names[THEME_COUNT] = {
    [THEME_DEFAULT] = "default",
    [THEME_HIGH_CONTRAST] = "high-contrast",
};

#define P(f, b, w)                                                                                 \
	{                                                                                          \
		offsetof(struct ui_theme, f), offsetof(struct ui_theme, b), w                      \
	}

static const struct theme_pair pairs[] = {
    P(text, bg, "body text on the page"),
    P(text, surface, "text in a panel or field"),
    P(muted, bg, "secondary text on the page"),
    P(muted, surface, "secondary text in a panel, placeholders"),
    P(on_primary, primary, "text on a primary or selected button"),
    P(primary, secondary, "text on a secondary button or key"),
    P(text, secondary, "text on a secondary key"),
    P(muted, bg, "text on a disabled button"),
    P(on_primary, error, "text on a danger button"),
    P(error, error_bg, "an error notice"),
    P(error, bg, "an error under a field, a decline reason"),
    P(error, surface, "an error inside a panel"),
    P(success, bg, "Approved"),
    P(warning, bg, "Payment not yet confirmed"),
    P(on_bar, bar, "the top bar and the timeout cover"),
    P(on_alert, alert, "an error toast"),
    P(on_bar, bar, "an information toast"),
    P(text, secondary, "the countdown on the timeout warning"),
    P(focus, bg, "the focus ring on the page"),
    P(focus, surface, "the focus ring in a panel"),
    P(focus_halo, bar, "the focus ring's halo on the top bar"),
    P(border, bg, "a control's outline on the page"),
    P(border, surface, "a field's or key's outline"),
    P(primary, surface, "a focused field's outline, a ticked box"),
};

const struct ui_theme *theme_get(enum theme_id id)
{
	return &themes[id >= 0 && id < THEME_COUNT ? id : THEME_DEFAULT];
}

const char *theme_name(enum theme_id id)
{
	return names[id >= 0 && id < THEME_COUNT ? id : THEME_DEFAULT];
}

const struct theme_pair *theme_pairs(size_t *n)
{
	*n = sizeof(pairs) / sizeof(pairs[0]);
	return pairs;
}

SDL_Color theme_color(const struct ui_theme *t, size_t offset)
{
	return *(const SDL_Color *)((const char *)t + offset);
}

static double channel(Uint8 c)
{
	double v = c / 255.0;

	return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(SDL_Color c)
{
	return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double theme_contrast(SDL_Color a, SDL_Color b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
