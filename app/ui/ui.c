/* The widget toolkit: fonts, drawing primitives, buttons, fields, keypads and the keyboard.
 * Immediate mode: a widget exists in the frame that drew it, so hit-testing, the keypad
 * focus ring and the journey runner can never disagree with the screen. */
#include "app/ui/ui.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/i18n.h"
#include "app/ui/text_cache.h"

static void shapes_free(SDL_Renderer *renderer);
static void check_frame(struct ui *ui);

static const struct {
	int px;
	bool bold;
} font_specs[UI_FONT_COUNT] = {
    [UI_FONT_SMALL] = {30, false}, [UI_FONT_BODY] = {38, false},   [UI_FONT_LABEL] = {38, true},
    [UI_FONT_BUTTON] = {46, true}, [UI_FONT_HEADING] = {58, true}, [UI_FONT_TITLE] = {80, true},
    [UI_FONT_HUGE] = {120, true},
};

/* Large text (707.7): no text under 46 px; headings grow less, since they are large already. */
static const int large_px[UI_FONT_COUNT] = {
    [UI_FONT_SMALL] = 46,   [UI_FONT_BODY] = 48,  [UI_FONT_LABEL] = 48, [UI_FONT_BUTTON] = 50,
    [UI_FONT_HEADING] = 64, [UI_FONT_TITLE] = 84, [UI_FONT_HUGE] = 120,
};

static void close_fonts(struct ui *ui)
{
	for (int i = 0; i < UI_FONT_COUNT; i++) {
		if (ui->fonts[i])
			TTF_CloseFont(ui->fonts[i]);
		ui->fonts[i] = NULL;
	}
}

static int open_fonts(struct ui *ui)
{
	char path[1024];

	for (int i = 0; i < UI_FONT_COUNT; i++) {
		snprintf(path, sizeof(path), "%s/%s", ui->fonts_dir,
			 font_specs[i].bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");
		ui->fonts[i] = TTF_OpenFont(path, ui->large_text ? large_px[i] : font_specs[i].px);
		if (!ui->fonts[i]) {
			log_error("ui", "cannot open font %s: %s", path, TTF_GetError());
			return KIOSK_EIO;
		}
	}
	return 0;
}

int ui_open(struct ui *ui, SDL_Renderer *renderer, const char *fonts_dir)
{
	int rc = 0;

	memset(ui, 0, sizeof(*ui));
	ui->renderer = renderer;
	ui->theme = *theme_get(THEME_DEFAULT);
	ui->theme_id = THEME_DEFAULT;
	snprintf(ui->fonts_dir, sizeof(ui->fonts_dir), "%s", fonts_dir);
	ui->focus_index = -1;
	ui->pressed_index = -1;
	if (!TTF_WasInit() && TTF_Init() != 0) {
		log_error("ui", "TTF_Init: %s", TTF_GetError());
		return KIOSK_EIO;
	}
	rc = open_fonts(ui);
	if (rc)
		goto out;
	ui->cache = text_cache_new(renderer);
	if (!ui->cache)
		rc = KIOSK_ENOMEM;
out:
	if (rc)
		ui_close(ui);
	return rc;
}

void ui_close(struct ui *ui)
{
	shapes_free(ui->renderer);
	text_cache_free(ui->cache);
	ui->cache = NULL;
	close_fonts(ui);
}

int ui_set_look(struct ui *ui, enum theme_id theme, bool large_text)
{
	int rc = 0;

	ui->theme_id = theme;
	ui->theme = *theme_get(theme);
	if (large_text == ui->large_text)
		return 0;
	ui->large_text = large_text;
	close_fonts(ui);
	rc = open_fonts(ui);
	/* Cached texts were rendered in the old sizes. */
	text_cache_free(ui->cache);
	ui->cache = text_cache_new(ui->renderer);
	if (!ui->cache && !rc)
		rc = KIOSK_ENOMEM;
	return rc;
}

void ui_set_spoken(struct ui *ui, const char *spoken)
{
	snprintf(ui->next_spoken, sizeof(ui->next_spoken), "%s", spoken ? spoken : "");
}

const char *ui_tr(const struct ui *ui, const char *msgid)
{
	return i18n_tr(ui->lang, msgid);
}

void ui_log_text(struct ui *ui, const char *text)
{
	size_t len = strlen(text);

	if (ui->text_log_len + len + 2 >= UI_TEXT_LOG)
		return;
	memcpy(ui->text_log + ui->text_log_len, text, len);
	ui->text_log_len += len;
	ui->text_log[ui->text_log_len++] = '\n';
	ui->text_log[ui->text_log_len] = '\0';
}

void ui_begin(struct ui *ui, bool measure)
{
	ui->measuring = measure;
	ui->item_count = 0;
	ui->depth = 0;
	ui->layer = 0;
	ui->group_seq = 0;
	ui->scroll.open = false;
	if (!measure)
		ui->scroll.scrolls = false; /* until this frame's view says it does */
	ui->clip = (SDL_Rect){0, 0, 0, 0};
	ui->layout_error[0] = '\0';
	ui->widget_count = 0;
	ui->text_log_len = 0;
	ui->text_log[0] = '\0';
	ui->toast[0] = '\0';
	ui->content_len = 0;
	ui->content[0] = '\0';
	ui->in_widget = 0;
	ui->content_off = false;
	ui->next_spoken[0] = '\0';
	if (measure)
		return;
	SDL_RenderSetClipRect(ui->renderer, NULL);
	SDL_SetRenderDrawColor(ui->renderer, ui->theme.bg.r, ui->theme.bg.g, ui->theme.bg.b, 255);
	SDL_RenderClear(ui->renderer);
}

void ui_end(struct ui *ui)
{
	if (ui->focus_index >= ui->widget_count)
		ui->focus_index = -1;
	/* The keypad moved the focus out of view: scroll to it, and draw again. */
	if (ui->focus_index >= 0 && ui->widgets[ui->focus_index].scrolls &&
	    !SDL_RectEquals(&ui->widgets[ui->focus_index].hit, &ui->widgets[ui->focus_index].rect))
		ui_reveal(ui, ui->focus_index);
	if (ui->check_layout)
		check_frame(ui);
	/* The keypad focus ring, drawn last so nothing covers it: thick, in two bands so it shows
	 * on the light page and on the dark top bar alike (707.6). */
	if (ui->focus_index >= 0) {
		SDL_Rect r = ui->widgets[ui->focus_index].rect;
		ui_frame(ui, (SDL_Rect){r.x - 16, r.y - 16, r.w + 32, r.h + 32}, 30, 8,
			 ui->theme.focus_halo);
		ui_frame(ui, (SDL_Rect){r.x - 9, r.y - 9, r.w + 18, r.h + 18}, 26, 8,
			 ui->theme.focus);
	}
}

void ui_fill(struct ui *ui, SDL_Rect r, SDL_Color c)
{
	if (ui->measuring)
		return;
	SDL_SetRenderDrawBlendMode(ui->renderer,
				   c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(ui->renderer, c.r, c.g, c.b, c.a);
	SDL_RenderFillRect(ui->renderer, &r);
}

/* Inset of a rounded corner's edge at row dy (0 = outermost row) for a given radius. */
static int corner_inset(int radius, int dy)
{
	int yy = radius - dy;

	return radius - (int)SDL_sqrt((double)(radius * radius - yy * yy));
}

static void set_color(struct ui *ui, SDL_Color c)
{
	SDL_SetRenderDrawBlendMode(ui->renderer,
				   c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(ui->renderer, c.r, c.g, c.b, c.a);
}

/* Filled rounded rectangle: the corner rows and the body as one batch of rectangles, so the
 * software renderer gets one call per shape (widgets are drawn every frame). */
void ui_round_rect(struct ui *ui, SDL_Rect r, int radius, SDL_Color c)
{
	SDL_Rect rows[2 * 64 + 1];
	int n = 0;

	if (ui->measuring)
		return;
	if (radius * 2 > r.h)
		radius = r.h / 2;
	if (radius * 2 > r.w)
		radius = r.w / 2;
	if (radius > 64)
		radius = 64;
	for (int dy = 0; dy < radius; dy++) {
		int in = corner_inset(radius, dy);
		rows[n++] = (SDL_Rect){r.x + in, r.y + dy, r.w - 2 * in, 1};
		rows[n++] = (SDL_Rect){r.x + in, r.y + r.h - 1 - dy, r.w - 2 * in, 1};
	}
	rows[n++] = (SDL_Rect){r.x, r.y + radius, r.w, r.h - 2 * radius};
	set_color(ui, c);
	SDL_RenderFillRects(ui->renderer, rows, n);
}

/* Outline of a rounded rectangle, thickness pixels wide, batched the same way: arcs in the
 * corner rows, plain bars along the straight edges. */
void ui_frame(struct ui *ui, SDL_Rect r, int radius, int thickness, SDL_Color c)
{
	SDL_Rect parts[4 * 64 + 4];
	int n = 0;

	if (ui->measuring)
		return;
	if (radius * 2 > r.h)
		radius = r.h / 2;
	if (radius * 2 > r.w)
		radius = r.w / 2;
	if (radius > 64)
		radius = 64;
	if (thickness > radius && radius > 0)
		thickness = radius;
	int inner = radius - thickness;
	for (int dy = 0; dy < radius; dy++) {
		int out = corner_inset(radius, dy);
		/* Where the inner edge starts on this row (the whole row is border above it). */
		int in = dy < thickness ? r.w / 2 : thickness + corner_inset(inner, dy - thickness);
		if (inner <= 0 && dy >= thickness)
			in = thickness;
		int w = in - out;
		if (w <= 0)
			continue;
		if (w * 2 >= r.w - 2 * out) {
			parts[n++] = (SDL_Rect){r.x + out, r.y + dy, r.w - 2 * out, 1};
			parts[n++] = (SDL_Rect){r.x + out, r.y + r.h - 1 - dy, r.w - 2 * out, 1};
		} else {
			parts[n++] = (SDL_Rect){r.x + out, r.y + dy, w, 1};
			parts[n++] = (SDL_Rect){r.x + r.w - out - w, r.y + dy, w, 1};
			parts[n++] = (SDL_Rect){r.x + out, r.y + r.h - 1 - dy, w, 1};
			parts[n++] = (SDL_Rect){r.x + r.w - out - w, r.y + r.h - 1 - dy, w, 1};
		}
	}
	/* Straight edges between the corners. */
	parts[n++] = (SDL_Rect){r.x + radius, r.y, r.w - 2 * radius, thickness};
	parts[n++] = (SDL_Rect){r.x + radius, r.y + r.h - thickness, r.w - 2 * radius, thickness};
	parts[n++] = (SDL_Rect){r.x, r.y + radius, thickness, r.h - 2 * radius};
	parts[n++] = (SDL_Rect){r.x + r.w - thickness, r.y + radius, thickness, r.h - 2 * radius};
	set_color(ui, c);
	SDL_RenderFillRects(ui->renderer, parts, n);
}

void ui_circle(struct ui *ui, int cx, int cy, int radius, SDL_Color c)
{
	SDL_Rect rows[2 * 128 + 1];
	int n = 0;

	if (ui->measuring)
		return;
	if (radius > 128)
		radius = 128;
	for (int dy = -radius; dy <= radius; dy++) {
		int dx = (int)SDL_sqrt((double)(radius * radius - dy * dy));
		rows[n++] = (SDL_Rect){cx - dx, cy + dy, 2 * dx + 1, 1};
	}
	set_color(ui, c);
	SDL_RenderFillRects(ui->renderer, rows, n);
}

/* layout_measure_fn over one of the ui's fonts. */
struct measure_ctx {
	TTF_Font *font;
};

static int measure_font(void *ctx, const char *text, size_t len)
{
	char buf[1024];
	int w = 0, h = 0;

	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (!len || TTF_SizeUTF8(((struct measure_ctx *)ctx)->font, buf, &w, &h) != 0)
		return 0;
	return w;
}

/* The text broken at words for wrap_w (wrap_w <= 0: as it is); the width to hand SDL_ttf so
 * that it breaks only where we did (a lone word wider than wrap_w stays whole). */
static void break_text(struct ui *ui, enum ui_font font, int wrap_w, const char *text, char *out,
		       size_t n, int *ttf_wrap)
{
	struct measure_ctx m = {ui->fonts[font]};
	int widest = 0;

	*ttf_wrap = 0;
	if (wrap_w <= 0 || layout_wrap(text, wrap_w, measure_font, &m, out, n, &widest) < 0) {
		snprintf(out, n, "%s", text);
		return;
	}
	if (strchr(out, '\n'))
		*ttf_wrap = widest > wrap_w ? widest : wrap_w;
}

/* Each line of broken text: its start, length and width. Returns the number of lines. */
static int text_lines(struct ui *ui, enum ui_font font, const char *broken, int *widest)
{
	struct measure_ctx m = {ui->fonts[font]};
	int n = 0;

	*widest = 0;
	for (const char *p = broken;; n++) {
		size_t len = strcspn(p, "\n");
		int lw = measure_font(&m, p, len);
		if (lw > *widest)
			*widest = lw;
		p += len;
		if (!*p++) {
			n++;
			break;
		}
	}
	return n;
}

/* The height of n lines: each line a line-skip below the one before. */
static int lines_height(struct ui *ui, enum ui_font font, int n)
{
	return (n - 1) * TTF_FontLineSkip(ui->fonts[font]) + TTF_FontHeight(ui->fonts[font]);
}

void ui_text_size(struct ui *ui, enum ui_font font, int wrap_w, const char *text, int *w, int *h)
{
	char broken[2048];
	int wrap;

	*w = *h = 0;
	if (!text || !*text)
		return;
	/* Measured, never rendered: the lines are ours, each as TTF_SizeUTF8 has it. */
	break_text(ui, font, wrap_w, text, broken, sizeof(broken), &wrap);
	*h = lines_height(ui, font, text_lines(ui, font, broken, w));
}

int ui_text_height(struct ui *ui, enum ui_font font, int w, const char *text)
{
	int tw, th;

	ui_text_size(ui, font, w, text, &tw, &th);
	return th;
}

enum ui_font ui_fit_font(struct ui *ui, enum ui_font font, int w, const char *text)
{
	/* From larger to smaller; bold ones step to the bold label, then the small text. */
	static const enum ui_font smaller[UI_FONT_COUNT] = {
	    [UI_FONT_SMALL] = UI_FONT_SMALL,	[UI_FONT_BODY] = UI_FONT_SMALL,
	    [UI_FONT_LABEL] = UI_FONT_SMALL,	[UI_FONT_BUTTON] = UI_FONT_LABEL,
	    [UI_FONT_HEADING] = UI_FONT_BUTTON, [UI_FONT_TITLE] = UI_FONT_HEADING,
	    [UI_FONT_HUGE] = UI_FONT_TITLE,
	};

	for (;;) {
		struct measure_ctx m = {ui->fonts[font]};
		if (font == UI_FONT_SMALL || layout_longest_word(text, measure_font, &m) <= w)
			return font;
		font = smaller[font];
	}
}

/* A box in the frame, for the layout check and for the groups' sizes: inside the innermost
 * open group, whose lowest content it may extend. Returns its index, or -1. */
static int add_item(struct ui *ui, enum layout_kind kind, SDL_Rect r, const char *what)
{
	struct layout_item *it;

	if (ui->depth > 0 && r.y + r.h > ui->group_bottom[ui->depth - 1])
		ui->group_bottom[ui->depth - 1] = r.y + r.h;
	if (ui->item_count >= UI_MAX_ITEMS)
		return -1;
	it = &ui->items[ui->item_count];
	it->kind = kind;
	it->rect = r;
	it->inner = r;
	it->parent = ui->depth > 0 ? ui->parents[ui->depth - 1] : -1;
	it->layer = ui->layer;
	snprintf(it->what, sizeof(it->what), "%s", what ? what : "");
	return ui->item_count++;
}

/* Opens item i as the parent of what follows (a widget's own texts, a group's content). */
static void push_parent(struct ui *ui, int i, int top, int pad)
{
	if (ui->depth >= UI_GROUP_DEPTH) {
		log_error("ui", "groups nested too deep");
		return;
	}
	ui->parents[ui->depth] = i;
	ui->group_seq_of[ui->depth] = -1;
	ui->group_bottom[ui->depth] = top;
	ui->group_pad[ui->depth] = pad;
	ui->depth++;
}

/* Closes the innermost parent; returns the y below its content (with its padding). */
static int pop_parent(struct ui *ui)
{
	if (ui->depth == 0)
		return 0;
	ui->depth--;
	return ui->group_bottom[ui->depth] + ui->group_pad[ui->depth];
}

/* Draws text (shown) where ui_text would; the text log and speech get said, the whole of it. */
static int draw_text(struct ui *ui, enum ui_font font, SDL_Color color, int x, int y, int wrap_w,
		     enum ui_align align, const char *shown, const char *said)
{
	char broken[2048];
	int w, h, wrap;
	SDL_Rect dst;

	if (!shown || !*shown)
		return 0;
	ui_log_text(ui, said);
	if (!ui->in_widget && !ui->content_off) {
		size_t len = strlen(said);
		if (ui->content_len + len + 2 < sizeof(ui->content)) {
			memcpy(ui->content + ui->content_len, said, len);
			ui->content_len += len;
			ui->content[ui->content_len++] = '\n';
			ui->content[ui->content_len] = '\0';
		}
	}
	/* Our own lines, each drawn as one line: broken only where layout_wrap broke them. */
	break_text(ui, font, wrap_w, shown, broken, sizeof(broken), &wrap);
	h = lines_height(ui, font, text_lines(ui, font, broken, &w));
	dst = (SDL_Rect){x, y, w, h};
	if (align == UI_CENTER)
		dst.x = wrap_w > 0 ? x + (wrap_w - w) / 2 : x - w / 2;
	else if (align == UI_RIGHT)
		dst.x = wrap_w > 0 ? x + wrap_w - w : x - w;
	add_item(ui, LAYOUT_TEXT, dst, shown);
	if (ui->measuring)
		return h;
	int ly = y, skip = TTF_FontLineSkip(ui->fonts[font]);
	for (char *p = broken;; ly += skip) {
		size_t len = strcspn(p, "\n");
		char end = p[len];
		int tw, th;
		p[len] = '\0';
		SDL_Texture *tex = *p ? text_cache_get(ui->cache, ui->fonts[font], font, color, 0,
						       TTF_WRAPPED_ALIGN_LEFT, p, &tw, &th)
				      : NULL;
		if (tex) {
			SDL_Rect line = {align == UI_CENTER  ? dst.x + (w - tw) / 2
					 : align == UI_RIGHT ? dst.x + w - tw
							     : dst.x,
					 ly, tw, th};
			SDL_RenderCopy(ui->renderer, tex, NULL, &line);
		}
		if (!end)
			break;
		p += len + 1;
	}
	return h;
}

int ui_text(struct ui *ui, enum ui_font font, SDL_Color color, int x, int y, int wrap_w,
	    enum ui_align align, const char *text)
{
	return draw_text(ui, font, color, x, y, wrap_w, align, text, text);
}

int ui_value(struct ui *ui, enum ui_font font, SDL_Color color, int x, int y, int w,
	     enum ui_align align, const char *value)
{
	char shown[256];
	struct measure_ctx m;
	int tw, th;

	if (!value || !*value)
		return 0;
	ui_text_size(ui, font, 0, value, &tw, &th);
	if (tw > w)
		font = ui_fit_font(ui, font, w, value);
	m.font = ui->fonts[font];
	layout_ellipsize_middle(value, w, measure_font, &m, shown, sizeof(shown));
	/* Placed as one line in w, whatever its width now. */
	ui_text_size(ui, font, 0, shown, &tw, &th);
	return draw_text(ui, font, color,
			 align == UI_CENTER  ? x + (w - tw) / 2
			 : align == UI_RIGHT ? x + w - tw
					     : x,
			 y, 0, UI_LEFT, shown, value);
}

int ui_text_value(struct ui *ui, enum ui_font font, SDL_Color color, int x, int y, int w,
		  enum ui_align align, const char *fmt, const char *value)
{
	const char *p = strstr(fmt, "%s");
	char shown_value[256], shown[1024], said[1024];
	struct measure_ctx m = {ui->fonts[font]};

	if (!p)
		return ui_text(ui, font, color, x, y, w, align, fmt);
	/* What is stuck to the value ("%s." ) is on its line too. */
	const char *before = p, *after = p + 2;
	while (before > fmt && before[-1] != ' ')
		before--;
	int stuck = measure_font(&m, before, (size_t)(p - before)) +
		    measure_font(&m, after, strcspn(after, " \n"));
	layout_ellipsize_middle(value, w - stuck, measure_font, &m, shown_value,
				sizeof(shown_value));
	snprintf(shown, sizeof(shown), "%.*s%s%s", (int)(p - fmt), fmt, shown_value, p + 2);
	snprintf(said, sizeof(said), "%.*s%s%s", (int)(p - fmt), fmt, value, p + 2);
	return draw_text(ui, font, color, x, y, w, align, shown, said);
}

int ui_group_begin(struct ui *ui, int x, int y, int w, int min_h, int pad, const char *what)
{
	int seq = ui->group_seq++, h = min_h;

	if (!ui->measuring && seq < UI_MAX_GROUPS && ui->group_h[seq] > h)
		h = ui->group_h[seq];
	int i = add_item(ui, LAYOUT_GROUP, (SDL_Rect){x, y, w, h}, what);
	push_parent(ui, i, y, pad);
	/* Where the group's end reads its number back. */
	if (ui->depth > 0 && ui->parents[ui->depth - 1] == i)
		ui->group_seq_of[ui->depth - 1] = seq;
	return h;
}

int ui_group_next_height(const struct ui *ui)
{
	return ui->measuring || ui->group_seq >= UI_MAX_GROUPS ? 0 : ui->group_h[ui->group_seq];
}

int ui_group_end(struct ui *ui)
{
	int seq = ui->depth > 0 ? ui->group_seq_of[ui->depth - 1] : -1;
	int i = ui->depth > 0 ? ui->parents[ui->depth - 1] : -1;
	int bottom = pop_parent(ui);

	if (i < 0 || seq < 0)
		return bottom;
	SDL_Rect *r = &ui->items[i].rect;
	if (ui->measuring) {
		/* The group grows with its content: what the paint pass will use. */
		if (bottom - r->y > r->h)
			r->h = bottom - r->y;
		if (seq < UI_MAX_GROUPS)
			ui->group_h[seq] = r->h;
	}
	ui->items[i].inner = *r;
	/* The parent's lowest content is this group's bottom. */
	if (ui->depth > 0 && r->y + r->h > ui->group_bottom[ui->depth - 1])
		ui->group_bottom[ui->depth - 1] = r->y + r->h;
	return r->y + r->h;
}

void ui_overlay(struct ui *ui)
{
	ui_scroll_end(ui);
	ui->depth = 0;
	ui->layer++;
	SDL_RenderSetClipRect(ui->renderer, NULL);
	ui->clip = (SDL_Rect){0, 0, 0, 0};
}

static void set_clip(struct ui *ui, SDL_Rect r)
{
	ui->clip = r;
	if (!ui->measuring)
		SDL_RenderSetClipRect(ui->renderer, r.w > 0 ? &r : NULL);
}

int ui_scroll_begin(struct ui *ui, SDL_Rect view)
{
	struct ui_scroll *sc = &ui->scroll;
	int content = sc->content_h > view.h ? sc->content_h : view.h;

	sc->view = view;
	sc->offset = layout_clamp_scroll(sc->offset, view.h, sc->content_h);
	sc->top = view.y - sc->offset;
	sc->open = true;
	sc->item = add_item(ui, LAYOUT_GROUP, view, "the screen's content");
	if (sc->item >= 0)
		ui->items[sc->item].inner = (SDL_Rect){view.x, sc->top, view.w, content};
	push_parent(ui, sc->item, sc->top, UI_SCROLL_PAD);
	set_clip(ui, view);
	return sc->top;
}

/* The scroll bar in the right margin: arrows at both ends, widgets like any other (tap and
 * keypad), and a thumb showing where the view is in the content. */
static void scroll_bar(struct ui *ui)
{
	const struct ui_theme *t = &ui->theme;
	struct ui_scroll *sc = &ui->scroll;
	int bw = UI_W - (sc->view.x + sc->view.w), ah = 120;
	SDL_Rect up = {sc->view.x + sc->view.w, sc->view.y, bw, ah};
	SDL_Rect down = {up.x, sc->view.y + sc->view.h - ah, bw, ah};
	SDL_Rect track = {up.x + bw / 2 - 6, up.y + ah + 10, 12, sc->view.h - 2 * ah - 20};
	int thumb_h = track.h * sc->view.h / sc->content_h;
	int room = sc->content_h - sc->view.h;

	ui_round_rect(ui, track, 6, t->border);
	ui_round_rect(
	    ui, (SDL_Rect){track.x, track.y + (track.h - thumb_h) * sc->offset / room, 12, thumb_h},
	    6, t->primary);
	ui_set_spoken(ui, i18n_tr(ui->lang, N_("Scroll up")));
	ui_button_ex(ui, up, "\xE2\x96\xB2", NULL, UI_SECONDARY, sc->offset > 0, UI_TAG_TOUCH);
	ui->widgets[ui->widget_count - 1].action = UI_ACT_SCROLL_UP;
	ui_set_spoken(ui, i18n_tr(ui->lang, N_("Scroll down")));
	ui_button_ex(ui, down, "\xE2\x96\xBC", NULL, UI_SECONDARY, sc->offset < room, UI_TAG_TOUCH);
	ui->widgets[ui->widget_count - 1].action = UI_ACT_SCROLL_DOWN;
}

void ui_scroll_end(struct ui *ui)
{
	struct ui_scroll *sc = &ui->scroll;
	int bottom;

	if (!sc->open)
		return;
	/* Groups left open inside the view end with it. */
	while (ui->depth > 0 && ui->parents[ui->depth - 1] != sc->item)
		ui_group_end(ui);
	bottom = pop_parent(ui);
	sc->open = false;
	set_clip(ui, (SDL_Rect){0, 0, 0, 0});
	if (ui->measuring) {
		sc->content_h = bottom - sc->top;
		return;
	}
	sc->scrolls = sc->content_h > sc->view.h;
	if (sc->scrolls)
		scroll_bar(ui);
}

void ui_scroll_by(struct ui *ui, int dy)
{
	ui->scroll.offset =
	    layout_clamp_scroll(ui->scroll.offset + dy, ui->scroll.view.h, ui->scroll.content_h);
}

void ui_reveal(struct ui *ui, int i)
{
	struct ui_scroll *sc = &ui->scroll;
	int before = sc->offset;

	if (i < 0 || i >= ui->widget_count || !ui->widgets[i].scrolls)
		return;
	/* Content coordinates: where the widget lies below the content's top. */
	sc->offset = layout_reveal(sc->offset, sc->view.h, sc->content_h,
				   ui->widgets[i].rect.y - sc->top, ui->widgets[i].rect.h);
	if (sc->offset != before)
		ui->redraw = true;
}

void ui_scroll_reset(struct ui *ui)
{
	ui->scroll.offset = 0;
}

bool ui_scrolls_at(const struct ui *ui, int x, int y)
{
	SDL_Point p = {x, y};

	return ui->scroll.scrolls && SDL_PointInRect(&p, &ui->scroll.view);
}

/* The frame's layout check: its boxes, then every widget held to the 15 mm target. */
static void check_frame(struct ui *ui)
{
	char why[sizeof(ui->layout_error)];

	if (ui->item_count >= UI_MAX_ITEMS) {
		snprintf(ui->layout_error, sizeof(ui->layout_error),
			 "more than %d boxes in one frame: not all could be checked", UI_MAX_ITEMS);
		return;
	}
	if (layout_check(ui->items, ui->item_count, (SDL_Rect){0, 0, UI_W, UI_H}, why,
			 sizeof(why))) {
		snprintf(ui->layout_error, sizeof(ui->layout_error), "%s", why);
		return;
	}
	for (int i = 0; ui->min_target_px > 0 && i < ui->widget_count; i++) {
		const struct ui_widget *w = &ui->widgets[i];
		if (w->rect.w < ui->min_target_px || w->rect.h < ui->min_target_px) {
			snprintf(ui->layout_error, sizeof(ui->layout_error),
				 "widget \"%s\" is %dx%d px, under the %d px (15 mm) a touch "
				 "target needs",
				 w->label, w->rect.w, w->rect.h, ui->min_target_px);
			return;
		}
	}
}

/* A widget's own box, as the parent of the texts it draws (its label must fit in it). */
static void widget_begin(struct ui *ui, SDL_Rect r, const char *label)
{
	int i = add_item(ui, LAYOUT_WIDGET, r, label);

	push_parent(ui, i, r.y, 0);
	ui->in_widget++;
}

static void widget_end(struct ui *ui)
{
	ui->in_widget--;
	pop_parent(ui);
}

static void add_widget(struct ui *ui, enum ui_widget_kind kind, SDL_Rect r, const char *label,
		       bool enabled, int tag)
{
	struct ui_widget *w;

	if (ui->widget_count >= UI_MAX_WIDGETS) {
		log_error("ui", "too many widgets on one screen; '%s' not tappable", label);
		return;
	}
	w = &ui->widgets[ui->widget_count++];
	w->kind = kind;
	w->rect = r;
	/* In the scroll view only what shows can be tapped. */
	w->scrolls = ui->scroll.open;
	w->hit = r;
	if (w->scrolls && !SDL_IntersectRect(&r, &ui->scroll.view, &w->hit))
		w->hit = (SDL_Rect){0, 0, 0, 0};
	snprintf(w->label, sizeof(w->label), "%s", label ? label : "");
	w->tag = tag;
	w->key[0] = '\0';
	w->enabled = enabled;
	w->active = false;
	w->selected = false;
	w->masked = false;
	w->value[0] = '\0';
	w->action = UI_ACT_NONE;
	snprintf(w->spoken, sizeof(w->spoken), "%s", ui->next_spoken);
	ui->next_spoken[0] = '\0';
}

/* A label that does not fit on one line is set one size smaller before it wraps: "Turn on
 * Auto Pay" reads better on one line than broken in two; and smaller again before a word
 * would break ("Español" in the top bar in large text). */
static enum ui_font button_font(struct ui *ui, int w, const char *label)
{
	int one_w, one_h;

	ui_text_size(ui, UI_FONT_BUTTON, 0, label, &one_w, &one_h);
	if (one_w <= w)
		return UI_FONT_BUTTON;
	return ui_fit_font(ui, UI_FONT_LABEL, w, label);
}

int ui_button_height(struct ui *ui, int w, const char *label, const char *detail, int min_h)
{
	int h = ui_text_height(ui, button_font(ui, w - 40, label), w - 40, label) + 40;

	if (detail && *detail)
		h += 8 + ui_text_height(ui, UI_FONT_BODY, w - 40, detail);
	return h > min_h ? h : min_h;
}

void ui_button_ex(struct ui *ui, SDL_Rect r, const char *label, const char *detail,
		  enum ui_style style, bool enabled, int tag)
{
	const struct ui_theme *t = &ui->theme;
	SDL_Color bg = t->primary, fg = t->on_primary;
	bool pressed = ui->pressed_index == ui->widget_count;
	int lw, lh, dw = 0, dh = 0, y;

	switch (style) {
	case UI_PRIMARY: break;
	case UI_SECONDARY:
		bg = t->secondary;
		fg = t->primary;
		break;
	case UI_QUIET:
		bg = t->surface;
		fg = t->text;
		break;
	case UI_DANGER:
		bg = t->error;
		fg = t->on_primary;
		break;
	case UI_SELECTED:
		bg = t->primary;
		fg = t->on_primary;
		break;
	}
	if (!enabled) {
		bg = t->bg;
		fg = t->muted;
	}
	if (pressed && enabled) {
		bg.r = (Uint8)(bg.r * 3 / 4);
		bg.g = (Uint8)(bg.g * 3 / 4);
		bg.b = (Uint8)(bg.b * 3 / 4);
	}
	ui_round_rect(ui, r, 22, bg);
	if (style == UI_QUIET || style == UI_SECONDARY || !enabled)
		ui_frame(ui, r, 22, 3, enabled ? t->border : t->border);
	enum ui_font font = button_font(ui, r.w - 40, label);
	ui_text_size(ui, font, r.w - 40, label, &lw, &lh);
	if (detail && *detail)
		ui_text_size(ui, UI_FONT_BODY, r.w - 40, detail, &dw, &dh);
	y = r.y + (r.h - lh - dh - (dh ? 8 : 0)) / 2;
	widget_begin(ui, r, label);
	ui_text(ui, font, fg, r.x + 20, y, r.w - 40, UI_CENTER, label);
	if (dh)
		ui_text(ui, UI_FONT_BODY, fg, r.x + 20, y + lh + 8, r.w - 40, UI_CENTER, detail);
	widget_end(ui);
	add_widget(ui, UI_BUTTON, r, label, enabled, tag);
	ui->widgets[ui->widget_count - 1].selected = style == UI_SELECTED;
	if (detail && *detail)
		snprintf(ui->widgets[ui->widget_count - 1].value, sizeof(ui->widgets[0].value),
			 "%s", detail);
}

void ui_button(struct ui *ui, SDL_Rect r, const char *label, enum ui_style style, int tag)
{
	ui_button_ex(ui, r, label, NULL, style, true, tag);
}

void ui_field(struct ui *ui, SDL_Rect r, const char *label, const char *value,
	      const char *placeholder, bool focused, bool error, int tag)
{
	ui_field_ex(ui, r, label, value, placeholder, focused, error, false, tag);
}

void ui_field_ex(struct ui *ui, SDL_Rect r, const char *label, const char *value,
		 const char *placeholder, bool focused, bool error, bool masked, int tag)
{
	const struct ui_theme *t = &ui->theme;
	int lh;
	const char *typed = value;

	/* The label above, wrapped at words in the field's width; the box below it. */
	widget_begin(ui, r, label);
	lh = ui_text(ui, UI_FONT_LABEL, t->text, r.x, r.y, r.w, UI_LEFT, label);
	/* The hint under the label, wrapped, always in sight (not a placeholder that a
	 * narrow box would cut). */
	if (placeholder && *placeholder)
		lh += 4 + ui_text(ui, UI_FONT_SMALL, t->muted, r.x, r.y + lh + 4, r.w, UI_LEFT,
				  placeholder);
	SDL_Rect box = {r.x, r.y + lh + 10, r.w, r.h - lh - 10};
	enum ui_font font = box.h < 110 ? UI_FONT_BUTTON : UI_FONT_HEADING;
	char dots[3 * 80 + 1];
	int vw, vh;

	if (masked && value && *value) {
		/* One dot per character typed; the text itself is never drawn or logged. */
		size_t n = strlen(value), o = 0;
		for (size_t i = 0; i < n && o + 3 < sizeof(dots); i++, o += 3)
			memcpy(dots + o, "\xE2\x80\xA2", 3);
		dots[o] = '\0';
		value = dots;
	}
	ui_round_rect(ui, box, 14, t->surface);
	ui_frame(ui, box, 14, focused ? 6 : 3, error ? t->error : focused ? t->primary : t->border);
	if (value && *value) {
		SDL_Rect clip = {box.x + 20, box.y, box.w - 40, box.h};
		int x = box.x + 28;
		ui_text_size(ui, font, 0, value, &vw, &vh);
		if (x + vw + 12 > clip.x + clip.w)
			x = clip.x + clip.w - vw - 12; /* show the end, where the typing is */
		SDL_Rect outer = ui->clip;
		/* Within the scroll view's clip, if any. */
		if (outer.w > 0 && !SDL_IntersectRect(&outer, &clip, &clip))
			clip = (SDL_Rect){box.x, box.y, 0, 0};
		set_clip(ui, clip);
		ui_text(ui, font, t->text, x, box.y + (box.h - vh) / 2, 0, UI_LEFT, value);
		/* Only its end shows, on purpose: the check sees the part shown. */
		if (ui->item_count > 0 &&
		    !SDL_IntersectRect(&ui->items[ui->item_count - 1].rect, &clip,
				       &ui->items[ui->item_count - 1].rect))
			ui->items[ui->item_count - 1].rect = (SDL_Rect){0, 0, 0, 0};
		if (focused) /* the caret */
			ui_fill(ui, (SDL_Rect){x + vw + 4, box.y + 18, 4, box.h - 36}, t->primary);
		set_clip(ui, outer);
	} else {
		if (focused)
			ui_fill(ui, (SDL_Rect){box.x + 26, box.y + 18, 4, box.h - 36}, t->primary);
	}
	widget_end(ui);
	add_widget(ui, UI_FIELD, box, label, true, tag);
	struct ui_widget *wd = &ui->widgets[ui->widget_count - 1];
	wd->selected = focused;
	wd->masked = masked;
	if (masked) {
		/* Speech says "star" per character: only the count leaves the field. */
		size_t n = typed ? strlen(typed) : 0, i;
		for (i = 0; i < n && i + 1 < sizeof(wd->value); i++)
			wd->value[i] = '*';
		wd->value[i] = '\0';
	} else {
		snprintf(wd->value, sizeof(wd->value), "%s", typed ? typed : "");
	}
}

int ui_field_height(struct ui *ui, int w, const char *label, const char *hint, int box_h)
{
	int h = ui_text_height(ui, UI_FONT_LABEL, w, label) + 10 + box_h;

	if (hint && *hint)
		h += 4 + ui_text_height(ui, UI_FONT_SMALL, w, hint);
	return h;
}

int ui_checkbox_height(struct ui *ui, int w, const char *label)
{
	int h = ui_text_height(ui, UI_FONT_BODY, w - 64 - 30, label) + 20;

	return h > 90 ? h : 90;
}

void ui_checkbox(struct ui *ui, SDL_Rect r, const char *label, bool checked, int tag)
{
	const struct ui_theme *t = &ui->theme;
	int size = 64, w, h;
	SDL_Rect box = {r.x, r.y + (r.h - size) / 2, size, size};

	if (checked) {
		ui_round_rect(ui, box, 10, t->primary);
		/* The tick, drawn as two thick strokes. */
		SDL_SetRenderDrawColor(ui->renderer, 255, 255, 255, 255);
		for (int d = -4; d <= 4; d++) {
			SDL_RenderDrawLine(ui->renderer, box.x + 14, box.y + 32 + d, box.x + 27,
					   box.y + 45 + d);
			SDL_RenderDrawLine(ui->renderer, box.x + 27, box.y + 45 + d, box.x + 50,
					   box.y + 20 + d);
		}
	} else {
		ui_round_rect(ui, box, 10, t->surface);
		ui_frame(ui, box, 10, 4, t->muted);
	}
	widget_begin(ui, r, label);
	ui_text_size(ui, UI_FONT_BODY, r.w - size - 30, label, &w, &h);
	ui_text(ui, UI_FONT_BODY, t->text, r.x + size + 24, r.y + (r.h - h) / 2, r.w - size - 30,
		UI_LEFT, label);
	widget_end(ui);
	add_widget(ui, UI_CHECKBOX, r, label, true, tag);
	ui->widgets[ui->widget_count - 1].active = checked;
}

/* A rounded, outlined shape drawn once into a texture and then copied: keyboards draw dozens
 * of identical key caps every frame, and one copy is far cheaper than re-filling each. */
#define SHAPE_CACHE 24
static struct shape {
	SDL_Renderer *renderer;
	int w, h, radius, thickness;
	Uint32 fill, border;
	SDL_Texture *tex;
	unsigned long used;
} shapes[SHAPE_CACHE];
static unsigned long shape_clock;

static Uint32 rgba(SDL_Color c)
{
	return (Uint32)c.r << 24 | (Uint32)c.g << 16 | (Uint32)c.b << 8 | c.a;
}

/* Draws the shape into a new texture in the least recently used slot; NULL when this
 * renderer has no render targets. */
static struct shape *shape_make(struct ui *ui, SDL_Rect r, int radius, SDL_Color fill,
				SDL_Color border, int thickness)
{
	struct shape *oldest = &shapes[0];
	SDL_Texture *prev = SDL_GetRenderTarget(ui->renderer);
	SDL_Texture *tex;

	for (int i = 1; i < SHAPE_CACHE; i++)
		if (shapes[i].used < oldest->used)
			oldest = &shapes[i];
	tex = SDL_CreateTexture(ui->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
				r.w, r.h);
	if (!tex)
		return NULL;
	if (SDL_SetRenderTarget(ui->renderer, tex) != 0) {
		SDL_DestroyTexture(tex);
		return NULL;
	}
	SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawBlendMode(ui->renderer, SDL_BLENDMODE_NONE);
	SDL_SetRenderDrawColor(ui->renderer, 0, 0, 0, 0);
	SDL_RenderClear(ui->renderer);
	ui_round_rect(ui, (SDL_Rect){0, 0, r.w, r.h}, radius, fill);
	ui_frame(ui, (SDL_Rect){0, 0, r.w, r.h}, radius, thickness, border);
	SDL_SetRenderTarget(ui->renderer, prev);
	if (oldest->tex)
		SDL_DestroyTexture(oldest->tex);
	*oldest = (struct shape){ui->renderer, r.w,	     r.h, radius, thickness,
				 rgba(fill),   rgba(border), tex, 0};
	return oldest;
}

static void ui_shape(struct ui *ui, SDL_Rect r, int radius, SDL_Color fill, SDL_Color border,
		     int thickness)
{
	struct shape *slot = NULL;

	if (ui->measuring)
		return;
	for (int i = 0; i < SHAPE_CACHE && !slot; i++) {
		struct shape *sh = &shapes[i];
		if (sh->tex && sh->renderer == ui->renderer && sh->w == r.w && sh->h == r.h &&
		    sh->radius == radius && sh->thickness == thickness && sh->fill == rgba(fill) &&
		    sh->border == rgba(border))
			slot = sh;
	}
	if (!slot)
		slot = shape_make(ui, r, radius, fill, border, thickness);
	if (!slot) {
		/* No render targets here: draw directly. */
		ui_round_rect(ui, r, radius, fill);
		ui_frame(ui, r, radius, thickness, border);
		return;
	}
	slot->used = ++shape_clock;
	SDL_RenderCopy(ui->renderer, slot->tex, NULL, &r);
}

static void shapes_free(SDL_Renderer *renderer)
{
	for (int i = 0; i < SHAPE_CACHE; i++) {
		if (shapes[i].tex && shapes[i].renderer == renderer) {
			SDL_DestroyTexture(shapes[i].tex);
			shapes[i].tex = NULL;
		}
	}
}

/* A key tagged tag; a UI_TAG_KEY one types the text types. */
static void key(struct ui *ui, SDL_Rect r, const char *label, int tag, const char *types,
		enum ui_style style)
{
	const struct ui_theme *t = &ui->theme;
	bool pressed = ui->pressed_index == ui->widget_count;
	SDL_Color bg = style == UI_SECONDARY  ? t->secondary
		       : style == UI_SELECTED ? t->primary
					      : t->surface;
	int w, h;

	if (pressed)
		bg = t->border;
	ui_shape(ui, r, 16, bg, t->border, 2);
	enum ui_font font = ui_fit_font(ui, UI_FONT_BUTTON, r.w - 16, label);
	ui_text_size(ui, font, 0, label, &w, &h);
	widget_begin(ui, r, label);
	ui_text(ui, font, style == UI_SELECTED ? t->on_primary : t->text, r.x + r.w / 2,
		r.y + (r.h - h) / 2, 0, UI_CENTER, label);
	widget_end(ui);
	add_widget(ui, UI_KEY, r, label, true, tag);
	if (types && ui->widget_count > 0)
		snprintf(ui->widgets[ui->widget_count - 1].key, sizeof(ui->widgets[0].key), "%s",
			 types);
}

void ui_keypad(struct ui *ui, SDL_Rect area, bool with_point)
{
	static const char *const digits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
	int gap = 16, kw = (area.w - 2 * gap) / 3, kh = (area.h - 3 * gap) / 4;

	for (int i = 0; i < 9; i++) {
		SDL_Rect r = {area.x + (i % 3) * (kw + gap), area.y + (i / 3) * (kh + gap), kw, kh};
		key(ui, r, digits[i], UI_TAG_KEY, digits[i], UI_QUIET);
	}
	SDL_Rect r = {area.x, area.y + 3 * (kh + gap), kw, kh};
	if (with_point)
		key(ui, r, ".", UI_TAG_KEY, ".", UI_QUIET);
	else
		key(ui, r, i18n_tr(ui->lang, N_("Clear")), UI_TAG_CLEAR, NULL, UI_SECONDARY);
	r.x += kw + gap;
	key(ui, r, "0", UI_TAG_KEY, "0", UI_QUIET);
	r.x += kw + gap;
	key(ui, r, i18n_tr(ui->lang, N_("Delete")), UI_TAG_DELETE, NULL, UI_SECONDARY);
}

/* The capital of a lower-case letter (ASCII, or Latin-1 in UTF-8: á, ñ, ü) into out. */
static void upper_of(const char *k, char *out, size_t n)
{
	snprintf(out, n, "%s", k);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	else if ((unsigned char)out[0] == 0xC3 && (unsigned char)out[1] >= 0xA0 &&
		 (unsigned char)out[1] <= 0xBE && (unsigned char)out[1] != 0xB7)
		out[1] = (char)(out[1] - 0x20);
}

void ui_keyboard(struct ui *ui, SDL_Rect area, bool shifted)
{
	static const char *const rows[4][11] = {
	    {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p", NULL},
	    {"a", "s", "d", "f", "g", "h", "j", "k", "l", "ñ", NULL},
	    {"z", "x", "c", "v", "b", "n", "m", "-", "'", NULL},
	    {"á", "é", "í", "ó", "ú", "ü", NULL},
	};
	int gap = 10, rows_n = 5, kh = (area.h - (rows_n - 1) * gap) / rows_n;
	int kw = (area.w - 9 * gap) / 10;
	char shown[8];

	for (int row = 0; row < 4; row++) {
		int n = 0;
		while (n < 11 && rows[row][n])
			n++;
		int x = area.x + (area.w - (n * kw + (n - 1) * gap)) / 2;
		for (int i = 0; i < n; i++) {
			SDL_Rect r = {x + i * (kw + gap), area.y + row * (kh + gap), kw, kh};
			/* As on the email keyboard: the label follows Shift, the key sends its
			 * lower case and the caller applies Shift. */
			if (shifted)
				upper_of(rows[row][i], shown, sizeof(shown));
			else
				snprintf(shown, sizeof(shown), "%s", rows[row][i]);
			key(ui, r, shown, UI_TAG_KEY, rows[row][i], UI_QUIET);
		}
	}
	int y = area.y + 4 * (kh + gap);
	SDL_Rect shift = {area.x, y, (kw + gap) * 2 - gap, kh};
	key(ui, shift, i18n_tr(ui->lang, N_("Shift")), UI_TAG_SHIFT, NULL,
	    shifted ? UI_SELECTED : UI_SECONDARY);
	ui->widgets[ui->widget_count - 1].active = shifted;
	SDL_Rect space = {area.x + (kw + gap) * 2, y, (kw + gap) * 5 - gap, kh};
	key(ui, space, i18n_tr(ui->lang, N_("Space")), UI_TAG_KEY, " ", UI_QUIET);
	SDL_Rect del = {space.x + space.w + gap, y, (kw + gap) * 3 - gap, kh};
	key(ui, del, i18n_tr(ui->lang, N_("Delete")), UI_TAG_DELETE, NULL, UI_SECONDARY);
}

void ui_keyboard_email(struct ui *ui, SDL_Rect area, bool shifted)
{
	static const char *const rows[4][10] = {
	    {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
	    {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
	    {"a", "s", "d", "f", "g", "h", "j", "k", "l", "@"},
	    {"z", "x", "c", "v", "b", "n", "m", ".", "-", "_"},
	};
	int gap = 10, kh = (area.h - 4 * gap) / 5, kw = (area.w - 9 * gap) / 10;
	char shown[4];

	for (int row = 0; row < 4; row++) {
		for (int i = 0; i < 10; i++) {
			const char *k = rows[row][i];
			SDL_Rect r = {area.x + i * (kw + gap), area.y + row * (kh + gap), kw, kh};
			/* The label follows Shift; what the key sends does not (see ui.h). */
			snprintf(shown, sizeof(shown), "%s", k);
			if (shifted && k[0] >= 'a' && k[0] <= 'z')
				shown[0] = (char)(k[0] - 'a' + 'A');
			key(ui, r, shown, UI_TAG_KEY, k, UI_QUIET);
		}
	}
	int y = area.y + 4 * (kh + gap);
	SDL_Rect shift = {area.x, y, (kw + gap) * 3 - gap, kh};
	key(ui, shift, i18n_tr(ui->lang, N_("Shift")), UI_TAG_SHIFT, NULL,
	    shifted ? UI_SELECTED : UI_SECONDARY);
	ui->widgets[ui->widget_count - 1].active = shifted;
	SDL_Rect plus = {shift.x + shift.w + gap, y, kw, kh};
	key(ui, plus, "+", UI_TAG_KEY, "+", UI_QUIET);
	SDL_Rect clear = {plus.x + plus.w + gap, y, (kw + gap) * 3 - gap, kh};
	key(ui, clear, i18n_tr(ui->lang, N_("Clear")), UI_TAG_CLEAR, NULL, UI_SECONDARY);
	SDL_Rect del = {clear.x + clear.w + gap, y, area.x + area.w - (clear.x + clear.w + gap),
			kh};
	key(ui, del, i18n_tr(ui->lang, N_("Delete")), UI_TAG_DELETE, NULL, UI_SECONDARY);
}

int ui_hit(const struct ui *ui, int x, int y)
{
	SDL_Point p = {x, y};

	/* Last drawn is on top. */
	for (int i = ui->widget_count - 1; i >= 0; i--) {
		if (ui->widgets[i].enabled && SDL_PointInRect(&p, &ui->widgets[i].hit))
			return i;
	}
	return -1;
}

void ui_focus_move(struct ui *ui, int delta)
{
	int n = ui->widget_count;

	if (n == 0)
		return;
	for (int step = 0; step < n; step++) {
		int i = ui->focus_index < 0 ? (delta > 0 ? 0 : n - 1)
					    : ((ui->focus_index + delta) % n + n) % n;
		ui->focus_index = i;
		if (ui->widgets[i].enabled)
			return;
	}
}

int ui_screenshot(struct ui *ui, const char *path)
{
	int w, h, rc = 0;
	SDL_Surface *s;

	if (SDL_GetRendererOutputSize(ui->renderer, &w, &h) != 0)
		return KIOSK_EIO;
	s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (!s)
		return KIOSK_ENOMEM;
	if (SDL_RenderReadPixels(ui->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels,
				 s->pitch) != 0 ||
	    IMG_SavePNG(s, path) != 0) {
		log_error("ui", "screenshot %s: %s", path, SDL_GetError());
		rc = KIOSK_EIO;
	}
	SDL_FreeSurface(s);
	return rc;
}

/* The nearest enabled key from key `from` in direction (dx, dy), or -1: same row for left and
 * right; for up and down the nearest row first, then the nearest column. */
static int nearest_key(const struct ui *ui, int from, int dx, int dy)
{
	const SDL_Rect *c = &ui->widgets[from].rect;
	int cx = c->x + c->w / 2, cy = c->y + c->h / 2, best = -1, best_d = 0;

	for (int i = 0; i < ui->widget_count; i++) {
		const struct ui_widget *w = &ui->widgets[i];
		int px = w->rect.x + w->rect.w / 2, py = w->rect.y + w->rect.h / 2, d;
		if (i == from || w->kind != UI_KEY || !w->enabled)
			continue;
		if (dx) {
			if (abs(py - cy) > c->h / 2 || (px - cx) * dx <= 0)
				continue;
			d = abs(px - cx);
		} else {
			if ((py - cy) * dy <= c->h / 2)
				continue;
			d = abs(py - cy) * 4 + abs(px - cx);
		}
		if (best < 0 || d < best_d) {
			best = i;
			best_d = d;
		}
	}
	return best;
}

void ui_focus_dir(struct ui *ui, int dx, int dy)
{
	int f = ui->focus_index, k, edge = -1;

	if (f < 0 || f >= ui->widget_count || ui->widgets[f].kind != UI_KEY) {
		ui_focus_move(ui, dx + dy);
		return;
	}
	k = nearest_key(ui, f, dx, dy);
	if (k >= 0) {
		ui->focus_index = k;
		return;
	}
	if (dx) {
		ui_focus_move(ui, dx);
		return;
	}
	/* Off the top or bottom of the grid: to what comes before or after it. */
	for (int i = 0; i < ui->widget_count; i++) {
		if (ui->widgets[i].kind != UI_KEY)
			continue;
		if (dy < 0 && edge < 0)
			edge = i;
		if (dy > 0)
			edge = i;
	}
	ui->focus_index = edge;
	ui_focus_move(ui, dy);
}

void ui_look_button(struct ui *ui, SDL_Rect r, const char *label, const char *spoken,
		    enum ui_action action, bool on)
{
	ui_set_spoken(ui, spoken);
	ui_button(ui, r, label, on ? UI_SELECTED : UI_SECONDARY, UI_TAG_TOUCH);
	ui->widgets[ui->widget_count - 1].action = action;
	ui->widgets[ui->widget_count - 1].active = on;
}
