/* The layout's rules as pure functions, free of SDL's renderer: word wrapping, shortening a
 * value in its middle, the layout check over a frame's boxes, and the scroll offset that
 * shows a box. The toolkit (ui.c) draws with them; tests/unit/ui holds them to their word. */
#ifndef KIOSK_LAYOUT_H
#define KIOSK_LAYOUT_H

#include <SDL_rect.h>
#include <stdbool.h>
#include <stddef.h>

/* The width in pixels of the first len bytes of text, in the font the caller means. */
typedef int layout_measure_fn(void *ctx, const char *text, size_t len);

/* Breaks text into lines no wider than w at spaces (and at its own '\n'), never inside a word:
 * writes the text with a '\n' at each break to out. A word wider than w stands alone on its
 * line; *widest (the widest line) then exceeds w, and the caller picks a smaller font or
 * the layout check reports it. Returns the number of lines, or -1 when out is too small. */
int layout_wrap(const char *text, int w, layout_measure_fn *measure, void *ctx, char *out, size_t n,
		int *widest);

/* The longest word's width: what a box must be at least to hold text without breaking one. */
int layout_longest_word(const char *text, layout_measure_fn *measure, void *ctx);

/* A value read as one piece (an email address, an account number) shortened to fit w by
 * cutting its middle: "maria.jose.obrien-gar…@example.org". The ends stay: they are what a
 * resident recognises. Returns false when it fits as it is (out is then a copy). */
bool layout_ellipsize_middle(const char *text, int w, layout_measure_fn *measure, void *ctx,
			     char *out, size_t n);

/* What a box in a frame is, for the check. */
enum layout_kind { LAYOUT_TEXT, LAYOUT_WIDGET, LAYOUT_GROUP };

/* A box drawn in a frame. Texts and widgets are leaves; a group (a panel, the top bar, the
 * scrolling content, a dialog) holds what was drawn inside it. */
struct layout_item {
	enum layout_kind kind;
	SDL_Rect rect;	/* where it is, as siblings see it */
	SDL_Rect inner; /* what its children must lie in (a scroll view: its whole content) */
	int parent;	/* the item it was drawn in, -1: the screen */
	int layer;	/* 0: the screen; each declared overlay (toast, dialog) its own */
	char what[96];	/* the text, or the widget's label, or the group's name */
};

/* The first violation in a frame's items, in words naming the texts and boxes: a box that is
 * not inside its parent (or the screen), or two boxes with the same parent on the same layer
 * that overlap. Returns false, with why empty, when there is none. */
bool layout_check(const struct layout_item *items, int n, SDL_Rect screen, char *why, size_t why_n);

/* The scroll offset, from cur, that shows the box [y, y + h) of content_h pixels of content
 * (content coordinates) in a view view_h tall; kept within 0 .. content_h - view_h. */
int layout_reveal(int cur, int view_h, int content_h, int y, int h);

/* The scroll offset kept within 0 .. content_h - view_h. */
int layout_clamp_scroll(int offset, int view_h, int content_h);

#endif
