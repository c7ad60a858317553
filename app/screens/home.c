/* Home, signed in: who is signed in, the account the tiles act on, and the tiles. */
#include <stdio.h>
#include <string.h>

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

/* A choice sending event type with choice. */
static void tile(struct ui *ui, SDL_Rect r, const char *label, const char *detail,
		 enum core_event_type type, int choice, enum ui_style style)
{
	ui_button_ex(ui, r, label, detail, style, true, screen_tag(type, choice));
}

/* The linked accounts as choices, in as many columns as their numbers fit (at most three);
 * returns the height used. */
static int account_choices(struct ui *ui, const struct core_state *s, int y)
{
	int widest = 0, cols, rows, cw, h = 0;

	for (int i = 0; i < s->account_count; i++) {
		int w, th;
		ui_text_size(ui, UI_FONT_BUTTON, 0, s->accounts[i].bill.display_number, &w, &th);
		if (w > widest)
			widest = w;
	}
	for (cols = s->account_count < 3 ? s->account_count : 3; cols > 1; cols--)
		if ((CONTENT_W - 20 * (cols - 1)) / cols >= widest + 60)
			break;
	cw = (CONTENT_W - 20 * (cols - 1)) / cols;
	for (int i = 0; i < s->account_count; i++) {
		int bh = ui_button_height(ui, cw, s->accounts[i].bill.display_number, NULL, 100);
		if (bh > h)
			h = bh;
	}
	rows = (s->account_count + cols - 1) / cols;
	for (int i = 0; i < s->account_count; i++)
		tile(ui,
		     (SDL_Rect){MARGIN + (i % cols) * (cw + 20), y + (i / cols) * (h + 20), cw, h},
		     s->accounts[i].bill.display_number, NULL, CORE_EV_SELECT_ACCOUNT, i,
		     i == s->current ? UI_SELECTED : UI_QUIET);
	return rows * (h + 20);
}

void screen_home(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	const struct core_account *a =
	    s->current < s->account_count ? &s->accounts[s->current] : NULL;
	char hello[160], due[32], name[160];
	const char *fmt = _("Hello, %s");
	int y = chrome_top(ui), half = (CONTENT_W - 80 - 40) / 2;

	const char *p = strstr(fmt, "%s");
	if (p)
		snprintf(hello, sizeof(hello), "%.*s%s%s", (int)(p - fmt), fmt, s->resident_first,
			 p + 2);
	else
		snprintf(hello, sizeof(hello), "%s", fmt);
	y += ui_text(ui, ui_fit_font(ui, UI_FONT_HEADING, CONTENT_W, hello), t->text, MARGIN, y,
		     CONTENT_W, UI_LEFT, hello) +
	     10;
	snprintf(name, sizeof(name), "%s %s", s->resident_first, s->resident_last);
	y += ui_text(ui, UI_FONT_BODY, t->muted, MARGIN, y, CONTENT_W, UI_LEFT, name);
	/* The address as one piece, on its own line. */
	y +=
	    ui_value(ui, UI_FONT_BODY, t->muted, MARGIN, y, CONTENT_W, UI_LEFT, s->resident_email) +
	    30;

	/* The account the tiles act on; with several, each is a choice. */
	if (s->account_count > 1)
		y += account_choices(ui, s, y) + 10;
	y = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 25) + 25;
	if (a) {
		int ly = y, ry = y;
		money_format(a->bill.balance_cents, due, sizeof(due));
		ly += 6 + ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 40, ly, half, UI_LEFT,
				  _("Utility account"));
		ui_value(ui, UI_FONT_LABEL, t->text, MARGIN + 40, ly, half, UI_LEFT,
			 a->bill.display_number);
		if (words_past_due(&a->bill, ctx))
			ry += 6 + ui_text(ui, UI_FONT_LABEL, t->error, UI_W - MARGIN - 40 - half,
					  ry, half, UI_RIGHT, _("Past due"));
		else
			ry += 6 + ui_text(ui, UI_FONT_BODY, t->muted, UI_W - MARGIN - 40 - half, ry,
					  half, UI_RIGHT, _("Amount due"));
		ui_value(ui, UI_FONT_HEADING, t->text, UI_W - MARGIN - 40 - half, ry, half,
			 UI_RIGHT, due);
	} else {
		ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 40, y, CONTENT_W - 80, UI_LEFT,
			_("No utility account is linked yet. Add one to see and pay your bills."));
	}
	y = chrome_panel_end(ui) + 40;

	struct chrome_tile tiles[] = {
	    {_("Utility Bill"), _("See and pay your bill"), UI_PRIMARY,
	     screen_tag(CORE_EV_HOME_TILE, CORE_TILE_UTILITY_BILL)},
	    {_("Bills and Payments"), _("Recent bills, Auto Pay"), UI_PRIMARY,
	     screen_tag(CORE_EV_HOME_TILE, CORE_TILE_BILLS_PAYMENTS)},
	    {_("Add Utility Account"), _("Link an account"), UI_SECONDARY,
	     screen_tag(CORE_EV_HOME_TILE, CORE_TILE_ADD_ACCOUNT)},
	    {_("Auto Pay"), a && a->autopay ? _("On") : _("Off"), UI_SECONDARY,
	     screen_tag(CORE_EV_HOME_TILE, CORE_TILE_AUTOPAY)},
	    /* The state in words that cannot be read the other way round. */
	    {_("Paperless"),
	     a && a->paperless ? _("On: bills by email") : _("Off: paper bills by mail"),
	     UI_SECONDARY, screen_tag(CORE_EV_HOME_TILE, CORE_TILE_PAPERLESS)},
	    {_("Sign Out"), _("End this session"), UI_QUIET, screen_tag(CORE_EV_SIGN_OUT, 0)},
	};
	for (int i = 0; i < 6; i += 2)
		y += chrome_tile_row(ui, y, 200, &tiles[i], &tiles[i + 1]) + 30;
	chrome_notice(ui, s, y);
}
