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
	ui->content_off = false;
}

int chrome_title(struct ui *ui, const char *title, const char *subtitle)
{
	int y = TOP_BAR_H + 50;

	y += ui_text(ui, UI_FONT_HEADING, ui->theme.text, MARGIN, y, CONTENT_W, UI_LEFT, title);
	if (subtitle && *subtitle)
		y += 12 + ui_text(ui, UI_FONT_BODY, ui->theme.muted, MARGIN, y + 12, CONTENT_W,
				  UI_LEFT, subtitle);
	return y + 40;
}

void chrome_nav(struct ui *ui, bool back, bool cancel, const char *main_label, bool main_enabled)
{
	int ev;

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

void chrome_keys(struct ui *ui, const struct core_state *s, int top)
{
	SDL_Rect keys = {MARGIN, top, CONTENT_W, 1690 - top};

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
	if (title)
		ui_text(ui, UI_FONT_BUTTON, error ? t->on_alert : t->on_bar, box.x + 50, box.y + 35,
			maxw - 80, UI_LEFT, title);
	ui_text(ui, UI_FONT_BODY, error ? t->on_alert : t->on_bar, box.x + 50,
		box.y + 35 + th + (th ? 16 : 0), maxw - 80, UI_LEFT, text);
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

	dim(ui);
	ui->widget_count = 0; /* nothing underneath can be tapped */
	ui_round_rect(ui, box, 28, t->surface);
	for (int i = 0; i < 3; i++)
		ui_circle(ui, UI_W / 2 - 60 + i * 60, box.y + 90, 16, t->primary);
	ui_text(ui, UI_FONT_HEADING, t->text, box.x + 40, box.y + 160, box.w - 80, UI_CENTER, what);
	ui_text(ui, UI_FONT_BODY, t->muted, box.x + 40, box.y + 260, box.w - 80, UI_CENTER, sub);
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
	/* The step behind is not drawn at all: whoever walks up next must not read the
	 * resident's account, and an opaque cover redraws fast every second. */
	ui_fill(ui, (SDL_Rect){0, TOP_BAR_H, UI_W, UI_H - TOP_BAR_H}, t->bar);
	ui_round_rect(ui, box, 28, t->surface);
	ui_text(ui, UI_FONT_HEADING, t->text, box.x + 50, box.y + 60, box.w - 100, UI_CENTER,
		_("Are you still there?"));
	ui_circle(ui, UI_W / 2, box.y + 270, 90, t->secondary);
	ui_text(ui, UI_FONT_HUGE, t->text, UI_W / 2, box.y + 200, 0, UI_CENTER, secs);
	ui_text(ui, UI_FONT_BODY, t->muted, box.x + 50, box.y + 400, box.w - 100, UI_CENTER, text);
	/* The keypad's Enter keeps the session at once: the focus starts on the only answer, and
	 * speech says which key that is. */
	if (ui->focus_index < 0)
		ui->focus_index = ui->widget_count;
	ui_set_spoken(ui, _("I need more time: press Enter to stay"));
	ui_button(ui, (SDL_Rect){box.x + 60, box.y + box.h - 200, box.w - 120, 140},
		  _("I need more time"), UI_PRIMARY, ev);
}

/* The question before undoing something: what follows, in plain words, and two answers. */
static void ask(struct ui *ui, const struct core_state *s)
{
	const struct ui_theme *t = &ui->theme;
	const struct core_account *acct =
	    s->current >= 0 && s->current < s->account_count ? &s->accounts[s->current] : NULL;
	const char *title, *body, *yes;
	char text[512];
	SDL_Rect box = {MARGIN + 20, 520, CONTENT_W - 40, 900};
	int y;

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
	dim(ui);
	ui->widget_count = 0; /* nothing underneath can be tapped */
	ui_round_rect(ui, box, 28, t->surface);
	y = box.y + 60;
	y += ui_text(ui, UI_FONT_HEADING, t->text, box.x + 50, y, box.w - 100, UI_CENTER, title);
	ui_text(ui, UI_FONT_BODY, t->text, box.x + 50, y + 40, box.w - 100, UI_LEFT, text);
	ui_button(ui, (SDL_Rect){box.x + 50, box.y + box.h - 180, (box.w - 130) / 2, 130},
		  _("Keep it"), UI_SECONDARY, TAG(CORE_EV_ASK_NO));
	ui_button(
	    ui,
	    (SDL_Rect){box.x + 80 + (box.w - 130) / 2, box.y + box.h - 180, (box.w - 130) / 2, 130},
	    yes, UI_PRIMARY, TAG(CORE_EV_ASK_YES));
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
	int h1 = ui_text(ui, UI_FONT_BODY, ui->theme.muted, x, y, 0, UI_LEFT, label);
	int vw, vh;

	ui_text_size(ui, UI_FONT_LABEL, 0, value, &vw, &vh);
	ui_text(ui, UI_FONT_LABEL, ui->theme.text, x + w, y, 0, UI_RIGHT, value);
	return (h1 > vh ? h1 : vh) + 28;
}

void screens_draw(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx,
		  int64_t now_ms)
{
	screen_draw_fn *draw = screens_drawer(s->screen);

	ui->lang = s->lang;
	ui_begin(ui);
	chrome_top_bar(ui, s, ctx);
	if (s->warning) {
		timeout_warning(ui, s, now_ms);
	} else {
		if (draw) /* never NULL: tests/unit/screens walks the table */
			draw(ui, s, ctx);
		chrome_overlays(ui, s, now_ms);
	}
	ui_end(ui);
}
