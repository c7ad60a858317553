/* The layout's rules as pure functions (see layout.h): wrapping at words, shortening a value in
 * its middle, checking a frame's boxes, and scrolling a box into view. */
#include "app/ui/layout.h"

#include <stdio.h>
#include <string.h>

#define ELLIPSIS "\xE2\x80\xA6"

int layout_wrap(const char *text, int w, layout_measure_fn *measure, void *ctx, char *out, size_t n,
		int *widest)
{
	const char *p = text ? text : "";
	size_t o = 0;
	int lines = 0;

	*widest = 0;
	if (n == 0)
		return -1;
	for (;;) {
		size_t plen = strcspn(p, "\n"), i = 0, line = o;
		bool empty = true;

		while (i < plen) {
			size_t ws = i, we;
			while (ws < plen && p[ws] == ' ')
				ws++;
			we = ws;
			while (we < plen && p[we] != ' ')
				we++;
			if (we == ws)
				break; /* trailing spaces */
			if (o + (we - i) + 2 > n)
				return -1;
			if (empty) {
				/* A line's first word goes on it whatever its width. */
				memcpy(out + o, p + ws, we - ws);
				o += we - ws;
				empty = false;
			} else {
				memcpy(out + o, p + i, we - i);
				if (measure(ctx, out + line, o + (we - i) - line) <= w) {
					o += we - i;
				} else {
					int lw = measure(ctx, out + line, o - line);
					if (lw > *widest)
						*widest = lw;
					lines++;
					out[o++] = '\n';
					line = o;
					memcpy(out + o, p + ws, we - ws);
					o += we - ws;
				}
			}
			i = we;
		}
		int lw = measure(ctx, out + line, o - line);
		if (lw > *widest)
			*widest = lw;
		lines++;
		p += plen;
		if (*p != '\n')
			break;
		if (o + 2 > n)
			return -1;
		out[o++] = '\n';
		p++;
	}
	out[o] = '\0';
	return lines;
}

int layout_longest_word(const char *text, layout_measure_fn *measure, void *ctx)
{
	const char *p = text ? text : "";
	int longest = 0;

	while (*p) {
		size_t skip = strspn(p, " \n"), len;
		p += skip;
		len = strcspn(p, " \n");
		if (len) {
			int ww = measure(ctx, p, len);
			if (ww > longest)
				longest = ww;
		}
		p += len;
	}
	return longest;
}

bool layout_ellipsize_middle(const char *text, int w, layout_measure_fn *measure, void *ctx,
			     char *out, size_t n)
{
	size_t len = strlen(text);

	snprintf(out, n, "%s", text);
	if (measure(ctx, text, len) <= w)
		return false;
	/* Fewer and fewer bytes kept, half from each end; the tail keeps the odd one (the
	 * domain of an address, the last digits of a number). */
	for (size_t keep = len - 1; keep >= 2; keep--) {
		size_t head = keep / 2, tail = len - (keep - head);
		while (head > 0 && ((unsigned char)text[head] & 0xC0) == 0x80)
			head--;
		while (tail < len && ((unsigned char)text[tail] & 0xC0) == 0x80)
			tail++;
		snprintf(out, n, "%.*s%s%s", (int)head, text, ELLIPSIS, text + tail);
		if (measure(ctx, out, strlen(out)) <= w)
			return true;
	}
	snprintf(out, n, "%s", ELLIPSIS);
	return true;
}

static bool inside(SDL_Rect a, SDL_Rect b)
{
	return a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
}

static const char *kind_name(enum layout_kind k)
{
	return k == LAYOUT_TEXT ? "text" : k == LAYOUT_WIDGET ? "widget" : "box";
}

static void describe(const struct layout_item *it, char *buf, size_t n)
{
	snprintf(buf, n, "%s \"%.60s\" at %d,%d %dx%d", kind_name(it->kind), it->what, it->rect.x,
		 it->rect.y, it->rect.w, it->rect.h);
}

bool layout_check(const struct layout_item *items, int n, SDL_Rect screen, char *why, size_t why_n)
{
	char a[160], b[160];

	why[0] = '\0';
	for (int i = 0; i < n; i++) {
		const struct layout_item *it = &items[i];
		int p = it->parent;
		SDL_Rect box = p >= 0 && p < n ? items[p].inner : screen;
		if (it->rect.w <= 0 || it->rect.h <= 0 || inside(it->rect, box))
			continue;
		describe(it, a, sizeof(a));
		if (p >= 0 && p < n) {
			describe(&items[p], b, sizeof(b));
			snprintf(why, why_n, "%s does not fit inside %s (room: %d,%d %dx%d)", a, b,
				 box.x, box.y, box.w, box.h);
		} else {
			snprintf(why, why_n, "%s runs off the screen (%dx%d)", a, screen.w,
				 screen.h);
		}
		return true;
	}
	for (int i = 0; i < n; i++) {
		for (int j = i + 1; j < n; j++) {
			const struct layout_item *x = &items[i], *y = &items[j];
			SDL_Rect both;
			if (x->parent != y->parent || x->layer != y->layer)
				continue;
			if (!SDL_IntersectRect(&x->rect, &y->rect, &both))
				continue;
			describe(x, a, sizeof(a));
			describe(y, b, sizeof(b));
			snprintf(why, why_n, "%s overlaps %s", a, b);
			return true;
		}
	}
	return false;
}

int layout_clamp_scroll(int offset, int view_h, int content_h)
{
	int max = content_h - view_h;

	if (offset > max)
		offset = max;
	return offset < 0 ? 0 : offset;
}

int layout_reveal(int cur, int view_h, int content_h, int y, int h)
{
	if (h > view_h || y < cur)
		cur = y; /* taller than the view: its top */
	else if (y + h > cur + view_h)
		cur = y + h - view_h;
	return layout_clamp_scroll(cur, view_h, content_h);
}
