/* The frame around every step: top bar with the language switch, titles, Back/Cancel/
 * Continue, notices, and the busy and timeout overlays. */
#include <stdio.h>
#include <string.h>

#include "app/screens/screens_internal.h"

void chrome_top_bar(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	int ev = TAG(CORE_EV_TOGGLE_LANG);
	/* Language, contrast and text size: one tap away on every screen (ADA 707.7). */
	SDL_Rect lang = {UI_W - MARGIN - 230, 25, 230, 100};
	SDL_Rect big = {lang.x - 20 - 110, 25, 110, 100};
	SDL_Rect contrast = {big.x - 20 - 110, 25, 110, 100};
	int w, h, x = MARGIN, avail = contrast.x - 20 - MARGIN;

	/* The bar is the same on every screen: speech does not read it out each time. */
	ui->content_off = true;
	ui_group_begin(ui, 0, 0, UI_W, TOP_BAR_H, 0, "top bar");
	ui_fill(ui, (SDL_Rect){0, 0, UI_W, TOP_BAR_H}, t->bar);
	ui_text_size(ui, UI_FONT_LABEL, 0, ctx->city_name, &w, &h);
	/* The city's seal: a simple emblem so the bar reads as the city's, not ours; it gives
	 * way to the name when the look buttons and large text leave no room for both. */
	if (w <= avail - 100) {
		ui_circle(ui, MARGIN + 40, TOP_BAR_H / 2, 40, t->on_bar);
		ui_circle(ui, MARGIN + 40, TOP_BAR_H / 2, 32, t->bar);
		ui_circle(ui, MARGIN + 40, TOP_BAR_H / 2, 14, t->focus_halo);
		x += 100;
		avail -= 100;
	}
	ui_text_size(ui, UI_FONT_LABEL, 0, ctx->city_name, &w, &h);
	if (w <= avail) {
		ui_text(ui, UI_FONT_LABEL, t->on_bar, x, TOP_BAR_H / 2 - h + 4, 0, UI_LEFT,
			ctx->city_name);
		ui_text(ui, UI_FONT_SMALL, t->on_bar, x, TOP_BAR_H / 2 + 8, avail, UI_LEFT,
			_("Utility payments"));
	} else {
		/* Large text: the city's name alone, on two lines if it must. */
		ui_text_size(ui, UI_FONT_LABEL, avail, ctx->city_name, &w, &h);
		ui_text(ui, UI_FONT_LABEL, t->on_bar, x, (TOP_BAR_H - h) / 2, avail, UI_LEFT,
			ctx->city_name);
	}
	ui_look_button(ui, contrast, "\xE2\x97\x90", _("High contrast"), UI_ACT_CONTRAST,
		       ui->theme_id == THEME_HIGH_CONTRAST);
	ui_look_button(ui, big, "Aa", _("Large text"), UI_ACT_LARGE_TEXT, ui->large_text);
	if (!s->cfg.single_lang) /* remote configuration may offer one language only */
		ui_button(ui, lang, i18n_other_language_name(s->lang), UI_SECONDARY, ev);
	ui_group_end(ui);
	ui->content_off = false;
}

int chrome_title(struct ui *ui, const char *title, const char *subtitle)
{
	int y = chrome_top(ui);
	enum ui_font font = ui_fit_font(ui, UI_FONT_HEADING, CONTENT_W, title);

	y += ui_text(ui, font, ui->theme.text, MARGIN, y, CONTENT_W, UI_LEFT, title);
	if (subtitle && *subtitle)
		y += 12 + ui_text(ui, UI_FONT_BODY, ui->theme.muted, MARGIN, y + 12, CONTENT_W,
				  UI_LEFT, subtitle);
	return y + 40;
}

void chrome_nav(struct ui *ui, bool back, bool cancel, const char *main_label, bool main_enabled)
{
	int ev;

	chrome_content_end(ui);
	ui_fill(ui, (SDL_Rect){0, NAV_Y - 30, UI_W, 2}, ui->theme.border);
	if (back) {
		ev = TAG(CORE_EV_BACK);
		ui_button(ui, (SDL_Rect){MARGIN, NAV_Y, 250, NAV_H}, _("Back"), UI_QUIET, ev);
	}
	if (cancel) {
		ev = TAG(CORE_EV_CANCEL);
		ui_button(ui, (SDL_Rect){MARGIN + 270, NAV_Y, 290, NAV_H}, _("Cancel"), UI_QUIET,
			  ev);
	}
	if (main_label) {
		/* Without Cancel there is room for a longer label ("Turn on Auto Pay") on one
		 * line. */
		int w = cancel ? 380 : 560;
		ev = TAG(CORE_EV_CONTINUE);
		ui_button_ex(ui, (SDL_Rect){UI_W - MARGIN - w, NAV_Y, w, NAV_H}, main_label, NULL,
			     UI_PRIMARY, main_enabled, ev);
	}
}

void chrome_nav_card_or_cash(struct ui *ui)
{
	int x = MARGIN + 270, bw = (UI_W - MARGIN - x - 20) / 2;

	/* Cancel goes to make room; Back stays. */
	chrome_nav(ui, true, false, NULL, false);
	ui_button(ui, (SDL_Rect){x, NAV_Y, bw, NAV_H}, _("Card"), UI_PRIMARY,
		  TAG(CORE_EV_PAY_BY_CARD));
	ui_button(ui, (SDL_Rect){x + bw + 20, NAV_Y, bw, NAV_H}, _("Cash"), UI_PRIMARY,
		  TAG(CORE_EV_PAY_BY_CASH));
}

void chrome_nav_right(struct ui *ui, const char *label, enum ui_style style, bool enabled, int tag)
{
	/* As wide as the label needs on one line, from 380 px up to the Back button. */
	int w = 380, lw, lh, most = UI_W - 2 * MARGIN - 250 - 30;

	chrome_content_end(ui);
	ui_text_size(ui, UI_FONT_BUTTON, 0, label, &lw, &lh);
	if (lw + 60 > w)
		w = lw + 60 < most ? lw + 60 : most;
	ui_button_ex(ui, (SDL_Rect){UI_W - MARGIN - w, NAV_Y, w, NAV_H}, label, NULL, style,
		     enabled, tag);
}

void chrome_notice_text(struct ui *ui, const struct core_state *s, char *buf, size_t n)
{
	const char *fmt = s->notice.plural ? i18n_ntr(ui->lang, s->notice.msgid, s->notice.plural,
						      (unsigned long)s->notice.count)
					   : _(s->notice.msgid);
	const char *p = strstr(fmt, "%s");

	/* Substitute by hand: a catalog's text is never used as a printf format. */
	if (p)
		snprintf(buf, n, "%.*s%s%s", (int)(p - fmt), fmt, s->notice.arg, p + 2);
	else
		snprintf(buf, n, "%s", fmt);
}

int chrome_notice(struct ui *ui, const struct core_state *s, int y)
{
	const struct ui_theme *t = &ui->theme;
	char text[512];
	int w, h;

	if (!s->notice.msgid || !s->notice.is_error || s->notice.toast ||
	    s->notice.field != CORE_FIELD_NONE)
		return 0;
	chrome_notice_text(ui, s, text, sizeof(text));
	ui_text_size(ui, UI_FONT_BODY, CONTENT_W - 80, text, &w, &h);
	SDL_Rect box = {MARGIN, y, CONTENT_W, h + 48};
	ui_round_rect(ui, box, 16, t->error_bg);
	ui_fill(ui, (SDL_Rect){MARGIN, y, 12, box.h}, t->error);
	ui_text(ui, UI_FONT_BODY, t->error, MARGIN + 40, y + 24, CONTENT_W - 80, UI_LEFT, text);
	return box.h;
}

static int field_notice(struct ui *ui, const struct core_state *s, enum core_field f, int x, int y,
			int w, bool draw)
{
	const struct ui_theme *t = &ui->theme;
	char text[512];
	int tw, h;

	if (!s->notice.msgid || !s->notice.is_error || s->notice.toast || f == CORE_FIELD_NONE ||
	    s->notice.field != f)
		return 0;
	chrome_notice_text(ui, s, text, sizeof(text));
	ui_text_size(ui, UI_FONT_SMALL, w - 40, text, &tw, &h);
	if (draw) {
		ui_fill(ui, (SDL_Rect){x, y + 8, 8, h + 8}, t->error);
		ui_text(ui, UI_FONT_SMALL, t->error, x + 24, y + 12, w - 40, UI_LEFT, text);
	}
	return h + 28;
}

int chrome_field_notice(struct ui *ui, const struct core_state *s, enum core_field f, int x, int y,
			int w)
{
	return field_notice(ui, s, f, x, y, w, true);
}

int chrome_field_notice_height(struct ui *ui, const struct core_state *s, enum core_field f, int w)
{
	return field_notice(ui, s, f, 0, 0, w, false);
}

int chrome_notice_height(struct ui *ui, const struct core_state *s)
{
	char text[512];
	int w, h;

	if (!s->notice.msgid || !s->notice.is_error || s->notice.toast ||
	    s->notice.field != CORE_FIELD_NONE)
		return 0;
	chrome_notice_text(ui, s, text, sizeof(text));
	ui_text_size(ui, UI_FONT_BODY, CONTENT_W - 80, text, &w, &h);
	return h + 48;
}

int chrome_keys_height(const struct core_state *s)
{
	switch (core_field_kind(s->focus)) {
	case CORE_KIND_EMAIL:
	case CORE_KIND_SECRET: return 5 * KEY_H + 4 * 10;
	case CORE_KIND_TEXT: return s->focus != CORE_FIELD_NONE ? 5 * KEY_H + 4 * 10 : 0;
	default: return 4 * (KEY_H + 10) + 3 * 16;
	}
}

int chrome_keys(struct ui *ui, const struct core_state *s, int top)
{
	int h = chrome_keys_height(s);
	/* Low on the screen when there is room (in reach from a wheelchair), else right under
	 * the content, which then scrolls: keys never shrink under their size. */
	int floor = ui->scroll.top + ui->scroll.view.h - h - UI_SCROLL_PAD;
	SDL_Rect keys = {MARGIN, top > floor ? top : floor, CONTENT_W, h};

	if (!h)
		return top;
	switch (core_field_kind(s->focus)) {
	case CORE_KIND_EMAIL:
	case CORE_KIND_SECRET: ui_keyboard_email(ui, keys, core_shift_on(s)); break;
	case CORE_KIND_TEXT:
		if (s->focus != CORE_FIELD_NONE)
			ui_keyboard(ui, keys, core_shift_on(s));
		break;
	default: {
		SDL_Rect pad = {(UI_W - 660) / 2, keys.y, 660, keys.h};
		ui_keypad(ui, pad, core_field_kind(s->focus) == CORE_KIND_MONEY);
		break;
	}
	}
	return keys.y + keys.h;
}

int chrome_field(struct ui *ui, const struct core_state *s, int x, int y, int w, int min_h,
		 enum core_field f, const char *label, const char *value, const char *hint,
		 bool masked)
{
	int h = ui_field_height(ui, w, label, hint, FIELD_BOX_H);

	if (h < min_h)
		h = min_h;
	ui_field_ex(ui, (SDL_Rect){x, y, w, h}, label, value, hint, s->focus == f,
		    s->notice.field == f, masked, screen_tag(CORE_EV_FOCUS, f));
	return h + chrome_field_notice(ui, s, f, x, y + h, w);
}

int chrome_tile_row(struct ui *ui, int y, int min_h, const struct chrome_tile *left,
		    const struct chrome_tile *right)
{
	int w = (CONTENT_W - 30) / 2, h = ui_button_height(ui, w, left->label, left->detail, min_h);

	if (right && ui_button_height(ui, w, right->label, right->detail, min_h) > h)
		h = ui_button_height(ui, w, right->label, right->detail, min_h);
	ui_button_ex(ui, (SDL_Rect){MARGIN, y, w, h}, left->label, left->detail, left->style, true,
		     left->tag);
	if (right)
		ui_button_ex(ui, (SDL_Rect){MARGIN + w + 30, y, w, h}, right->label, right->detail,
			     right->style, true, right->tag);
	return h;
}

int chrome_panel_begin(struct ui *ui, int x, int y, int w, int pad)
{
	int h = ui_group_next_height(ui);

	chrome_panel(ui, (SDL_Rect){x, y, w, h});
	ui_group_begin(ui, x, y, w, 0, pad, "panel");
	return y;
}

int chrome_panel_end(struct ui *ui)
{
	return ui_group_end(ui);
}

int chrome_panel(struct ui *ui, SDL_Rect r)
{
	ui_round_rect(ui, r, 24, ui->theme.surface);
	ui_frame(ui, r, 24, 2, ui->theme.border);
	return r.h;
}

static void dim(struct ui *ui)
{
	ui_fill(ui, (SDL_Rect){0, 0, UI_W, UI_H}, (SDL_Color){0x0D, 0x1B, 0x2E, 0xB0});
}

static void toast(struct ui *ui, const struct core_state *s)
{
	const struct ui_theme *t = &ui->theme;
	const char *title = s->notice.title ? _(s->notice.title) : NULL;
	char text[512];
	int w, h, th = 0, maxw = 720;
	bool error = s->notice.is_error;

	ui_overlay(ui);
	chrome_notice_text(ui, s, text, sizeof(text));
	ui_text_size(ui, UI_FONT_BODY, maxw - 80, text, &w, &h);
	if (title)
		ui_text_size(ui, UI_FONT_BUTTON, maxw - 80, title, &w, &th);
	/* Lower-right corner, above the navigation, like the city portal's messages. */
	SDL_Rect box = {UI_W - MARGIN - maxw, NAV_Y - 60 - h - th - (th ? 16 : 0) - 70, maxw,
			h + th + (th ? 16 : 0) + 70};
	ui_round_rect(ui, (SDL_Rect){box.x + 6, box.y + 8, box.w, box.h}, 18,
		      (SDL_Color){0, 0, 0, 0x30});
	ui_round_rect(ui, box, 18, error ? t->alert : t->bar);
	if (error)
		ui_fill(ui, (SDL_Rect){box.x + 18, box.y + 24, 8, box.h - 48},
			error ? t->on_alert : t->on_bar);
	ui_group_begin(ui, box.x, box.y, box.w, box.h, 0, "toast");
	if (title)
		ui_text(ui, UI_FONT_BUTTON, error ? t->on_alert : t->on_bar, box.x + 50, box.y + 35,
			maxw - 80, UI_LEFT, title);
	ui_text(ui, UI_FONT_BODY, error ? t->on_alert : t->on_bar, box.x + 50,
		box.y + 35 + th + (th ? 16 : 0), maxw - 80, UI_LEFT, text);
	ui_group_end(ui);
	/* The runner's expect-toast reads this. */
	snprintf(ui->toast, sizeof(ui->toast), "%.100s%s%.400s", title ? title : "",
		 title ? "\n" : "", text);
}

static void busy(struct ui *ui, const struct core_state *s)
{
	const struct ui_theme *t = &ui->theme;
	const char *what = s->busy == CORE_BUSY_LOOKUP	  ? _("Looking up your bill…")
			   : s->busy == CORE_BUSY_PAYING  ? _("Processing your payment…")
			   : s->busy == CORE_BUSY_ACCOUNT ? _("One moment, please…")
			   : s->busy == CORE_BUSY_SERVICE ? _("Working…")
							  : _("Printing your receipt…");
	const char *sub = s->busy == CORE_BUSY_PAYING && !s->paying_cash
			      ? _("Please wait. Do not swipe again.")
			      : _("Please wait.");
	SDL_Rect box = {MARGIN + 40, 720, CONTENT_W - 80, 420};
	int y;

	ui_overlay(ui);
	dim(ui);
	ui->widget_count = 0; /* nothing underneath can be tapped */
	box.h = ui_group_begin(ui, box.x, box.y, box.w, box.h, 50, "busy");
	ui_round_rect(ui, box, 28, t->surface);
	for (int i = 0; i < 3; i++)
		ui_circle(ui, UI_W / 2 - 60 + i * 60, box.y + 90, 16, t->primary);
	y = box.y + 150;
	y += 20 + ui_text(ui, UI_FONT_HEADING, t->text, box.x + 40, y, box.w - 80, UI_CENTER, what);
	ui_text(ui, UI_FONT_BODY, t->muted, box.x + 40, y, box.w - 80, UI_CENTER, sub);
	ui_group_end(ui);
}

static void timeout_warning(struct ui *ui, const struct core_state *s, int64_t now)
{
	const struct ui_theme *t = &ui->theme;
	int ev = TAG(CORE_EV_MORE_TIME);
	char secs[16], text[256];
	int left = core_warning_seconds_left(s, now);
	const char *fmt =
	    i18n_ntr(ui->lang, "For your privacy, this session will end in %s second.",
		     "For your privacy, this session will end in %s seconds.",
		     (unsigned long)(left > 0 ? left : 0));
	const char *p = strstr(fmt, "%s");
	SDL_Rect box = {MARGIN + 20, 560, CONTENT_W - 40, 760};

	snprintf(secs, sizeof(secs), "%d", left);
	if (p)
		snprintf(text, sizeof(text), "%.*s%s%s", (int)(p - fmt), fmt, secs, p + 2);
	else
		snprintf(text, sizeof(text), "%s", fmt);
	int y, bh;

	/* The step behind is not drawn at all: whoever walks up next must not read the
	 * resident's account, and an opaque cover redraws fast every second. */
	ui_overlay(ui);
	ui_fill(ui, (SDL_Rect){0, TOP_BAR_H, UI_W, UI_H - TOP_BAR_H}, t->bar);
	box.h = ui_group_begin(ui, box.x, box.y, box.w, box.h, 60, "are you still there");
	ui_round_rect(ui, box, 28, t->surface);
	y = box.y + 60;
	y += 30 + ui_text(ui, UI_FONT_HEADING, t->text, box.x + 50, y, box.w - 100, UI_CENTER,
			  _("Are you still there?"));
	ui_circle(ui, UI_W / 2, y + 90, 90, t->secondary);
	ui_text(ui, UI_FONT_HUGE, t->text, UI_W / 2,
		y + 90 - ui_text_height(ui, UI_FONT_HUGE, 0, secs) / 2, 0, UI_CENTER, secs);
	y += 210;
	y += 40 + ui_text(ui, UI_FONT_BODY, t->muted, box.x + 50, y, box.w - 100, UI_CENTER, text);
	/* The keypad's Enter keeps the session at once: the focus starts on the only answer, and
	 * speech says which key that is. */
	if (ui->focus_index < 0)
		ui->focus_index = ui->widget_count;
	ui_set_spoken(ui, _("I need more time: press Enter to stay"));
	bh = ui_button_height(ui, box.w - 120, _("I need more time"), NULL, 140);
	ui_button(ui, (SDL_Rect){box.x + 60, y, box.w - 120, bh}, _("I need more time"), UI_PRIMARY,
		  ev);
	ui_group_end(ui);
}

/* The question before undoing something: what follows, in plain words, and two answers. */
static void ask(struct ui *ui, const struct core_state *s)
{
	const struct ui_theme *t = &ui->theme;
	const struct core_account *acct =
	    s->current >= 0 && s->current < s->account_count ? &s->accounts[s->current] : NULL;
	const char *title, *body, *yes;
	char text[512];
	SDL_Rect box = {MARGIN + 20, 520, CONTENT_W - 40, 600};
	int y, bw, bh;

	switch (s->ask) {
	case CORE_ASK_UNLINK:
		title = _("Unlink this account?");
		body = _("You will no longer see this account's bills or pay them from your "
			 "account here. You can link it again later.");
		yes = _("Unlink Account");
		break;
	case CORE_ASK_AUTOPAY_OFF:
		title = _("Turn off Auto Pay?");
		body = _("Your bills will no longer be paid automatically. You will need to pay "
			 "each bill yourself by its due date.");
		yes = _("Turn off Auto Pay");
		break;
	default:
		title = _("Stop paperless billing?");
		body = _("Your bills will be sent to you on paper by mail instead of by email.");
		yes = _("Stop Paperless");
		break;
	}
	snprintf(text, sizeof(text), "%s", body);
	if (s->ask == CORE_ASK_UNLINK && acct && acct->autopay)
		snprintf(
		    text, sizeof(text), "%s\n\n%s", body,
		    _("Auto Pay is on for this account: unlinking turns it off, and nothing more "
		      "will be paid automatically. We will email you to confirm."));
	ui_overlay(ui);
	dim(ui);
	ui->widget_count = 0; /* nothing underneath can be tapped */
	/* Its height is what it holds, centred on the screen. */
	if (ui_group_next_height(ui) > box.h)
		box.h = ui_group_next_height(ui);
	box.y = (UI_H - box.h) / 2;
	ui_group_begin(ui, box.x, box.y, box.w, box.h, 50, "question");
	ui_round_rect(ui, box, 28, t->surface);
	y = box.y + 60;
	y += ui_text(ui, ui_fit_font(ui, UI_FONT_HEADING, box.w - 100, title), t->text, box.x + 50,
		     y, box.w - 100, UI_CENTER, title);
	y +=
	    40 + ui_text(ui, UI_FONT_BODY, t->text, box.x + 50, y + 40, box.w - 100, UI_LEFT, text);
	bw = (box.w - 130) / 2;
	bh = ui_button_height(ui, bw, _("Keep it"), NULL, 130);
	if (ui_button_height(ui, bw, yes, NULL, 130) > bh)
		bh = ui_button_height(ui, bw, yes, NULL, 130);
	y += 50;
	ui_button(ui, (SDL_Rect){box.x + 50, y, bw, bh}, _("Keep it"), UI_SECONDARY,
		  TAG(CORE_EV_ASK_NO));
	ui_button(ui, (SDL_Rect){box.x + 80 + bw, y, bw, bh}, yes, UI_PRIMARY,
		  TAG(CORE_EV_ASK_YES));
	ui_group_end(ui);
}

void chrome_overlays(struct ui *ui, const struct core_state *s, int64_t now_ms)
{
	if (s->ask)
		ask(ui, s);
	if (s->notice.msgid && (!s->notice.is_error || s->notice.toast))
		toast(ui, s);
	/* While a tender takes the money the screen under it is the live one (the terminal's
	 * prompt, Cancel; the cash step's total and Done, until Done). */
	if (s->busy != CORE_BUSY_NONE && !s->taking &&
	    !(s->paying_cash && s->screen == CORE_SCREEN_PAY_CASH && !s->cash_closing))
		busy(ui, s);
	if (s->warning)
		timeout_warning(ui, s, now_ms);
}

int chrome_row(struct ui *ui, int x, int y, int w, const char *label, const char *value)
{
	int lw, lh, vw, vh, h;

	ui_text_size(ui, UI_FONT_BODY, 0, label, &lw, &lh);
	ui_text_size(ui, UI_FONT_LABEL, 0, value, &vw, &vh);
	if (lw + 40 + vw <= w) {
		/* Side by side, with room between: never "Last payment$79.22". */
		ui_text(ui, UI_FONT_BODY, ui->theme.muted, x, y, 0, UI_LEFT, label);
		ui_text(ui, UI_FONT_LABEL, ui->theme.text, x + w, y, 0, UI_RIGHT, value);
		return (lh > vh ? lh : vh) + 28;
	}
	/* The value under its label; one piece too long for the line (an email address) is set
	 * smaller or shortened in its middle, and read out whole. */
	h = ui_text(ui, UI_FONT_BODY, ui->theme.muted, x, y, w, UI_LEFT, label);
	if (strchr(value, ' ')) /* words (a name, a date): wrapped at words */
		h +=
		    4 + ui_text(ui, UI_FONT_LABEL, ui->theme.text, x, y + h + 4, w, UI_LEFT, value);
	else
		h += 4 +
		     ui_value(ui, UI_FONT_LABEL, ui->theme.text, x, y + h + 4, w, UI_LEFT, value);
	return h + 28;
}

/* The scroll view: the content between the top bar and the navigation's line. */
static const SDL_Rect content_view = {0, TOP_BAR_H, UI_W - MARGIN, NAV_Y - 32 - TOP_BAR_H};
/* A screen without navigation (Home, Welcome) has the whole height for its content. */
static const SDL_Rect content_view_tall = {0, TOP_BAR_H, UI_W - MARGIN, UI_H - 30 - TOP_BAR_H};
/* Whether the frame being measured put something fixed at the bottom (the navigation). */
static bool bottom_used;

int chrome_top(struct ui *ui)
{
	return ui->scroll.top + 50;
}

void chrome_content_end(struct ui *ui)
{
	bottom_used = true;
	ui_scroll_end(ui);
}

void screens_draw(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx,
		  int64_t now_ms)
{
	screen_draw_fn *draw = screens_drawer(s->screen);

	ui->lang = s->lang;
	/* Measure, then place: the same drawing twice, the second at the measured sizes. */
	for (int pass = 0; pass < 2; pass++) {
		ui_begin(ui, pass == 0);
		chrome_top_bar(ui, s, ctx);
		if (s->warning) {
			timeout_warning(ui, s, now_ms);
			continue;
		}
		if (pass == 0)
			bottom_used = false;
		/* The measure pass learns whether the screen has navigation at the bottom. */
		ui_scroll_begin(ui, pass == 0 || bottom_used ? content_view : content_view_tall);
		if (draw) /* never NULL: tests/unit/screens walks the table */
			draw(ui, s, ctx);
		ui_scroll_end(ui);
		chrome_overlays(ui, s, now_ms);
	}
	ui_end(ui);
}
