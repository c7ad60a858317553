/* Home, signed in: who is signed in, the account the tiles act on, and the tiles. */
#include <stdio.h>
#include <string.h>

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

static void tile(struct ui *ui, SDL_Rect r, const char *label, const char *detail,
		 enum core_event_type type, int choice, enum ui_style style)
{
	ui_button_ex(ui, r, label, detail, style, true, screen_tag(type, choice));
}

void screen_home(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	const struct core_account *a =
	    s->current < s->account_count ? &s->accounts[s->current] : NULL;
	char hello[160], due[32], line[256];
	const char *fmt = _("Hello, %s");
	int y = TOP_BAR_H + 50, w = (CONTENT_W - 30) / 2, h = 230;

	const char *p = strstr(fmt, "%s");
	if (p)
		snprintf(hello, sizeof(hello), "%.*s%s%s", (int)(p - fmt), fmt, s->resident_first,
			 p + 2);
	else
		snprintf(hello, sizeof(hello), "%s", fmt);
	y += ui_text(ui, UI_FONT_HEADING, t->text, MARGIN, y, CONTENT_W, UI_LEFT, hello) + 10;
	snprintf(line, sizeof(line), "%s %s · %s", s->resident_first, s->resident_last,
		 s->resident_email);
	y += ui_text(ui, UI_FONT_BODY, t->muted, MARGIN, y, CONTENT_W, UI_LEFT, line) + 30;

	/* The account the tiles act on; with several, each is a choice. */
	if (s->account_count > 1) {
		int cw = (CONTENT_W - 20 * (s->account_count - 1)) / s->account_count;
		for (int i = 0; i < s->account_count; i++)
			tile(ui, (SDL_Rect){MARGIN + i * (cw + 20), y, cw, 90},
			     s->accounts[i].bill.display_number, NULL, CORE_EV_SELECT_ACCOUNT, i,
			     i == s->current ? UI_SELECTED : UI_QUIET);
		y += 120;
	}
	SDL_Rect panel = {MARGIN, y, CONTENT_W, 150};
	chrome_panel(ui, panel);
	if (a) {
		money_format(a->bill.balance_cents, due, sizeof(due));
		ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 40, y + 25, 0, UI_LEFT,
			_("Utility account"));
		ui_text(ui, UI_FONT_LABEL, t->text, MARGIN + 40, y + 80, 0, UI_LEFT,
			a->bill.display_number);
		if (words_past_due(&a->bill, ctx))
			ui_text(ui, UI_FONT_LABEL, t->error, UI_W - MARGIN - 40, y + 25, 0,
				UI_RIGHT, _("Past due"));
		else
			ui_text(ui, UI_FONT_BODY, t->muted, UI_W - MARGIN - 40, y + 25, 0, UI_RIGHT,
				_("Amount due"));
		ui_text(ui, UI_FONT_HEADING, t->text, UI_W - MARGIN - 40, y + 70, 0, UI_RIGHT, due);
	} else {
		ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 40, y + 30, CONTENT_W - 80, UI_LEFT,
			_("No utility account is linked yet. Add one to see and pay your bills."));
	}
	y += panel.h + 40;

	tile(ui, (SDL_Rect){MARGIN, y, w, h}, _("Utility Bill"), _("See and pay your bill"),
	     CORE_EV_HOME_TILE, CORE_TILE_UTILITY_BILL, UI_PRIMARY);
	tile(ui, (SDL_Rect){MARGIN + w + 30, y, w, h}, _("Bills and Payments"),
	     _("Recent bills, Auto Pay"), CORE_EV_HOME_TILE, CORE_TILE_BILLS_PAYMENTS, UI_PRIMARY);
	y += h + 30;
	tile(ui, (SDL_Rect){MARGIN, y, w, h}, _("Add Utility Account"), _("Link an account"),
	     CORE_EV_HOME_TILE, CORE_TILE_ADD_ACCOUNT, UI_SECONDARY);
	tile(ui, (SDL_Rect){MARGIN + w + 30, y, w, h}, _("Auto Pay"),
	     a && a->autopay ? _("On") : _("Off"), CORE_EV_HOME_TILE, CORE_TILE_AUTOPAY,
	     UI_SECONDARY);
	y += h + 30;
	tile(ui, (SDL_Rect){MARGIN, y, w, h}, _("Paperless"),
	     /* The state in words that cannot be read the other way round. */
	     a && a->paperless ? _("On: bills by email") : _("Off: paper bills by mail"),
	     CORE_EV_HOME_TILE, CORE_TILE_PAPERLESS, UI_SECONDARY);
	tile(ui, (SDL_Rect){MARGIN + w + 30, y, w, h}, _("Sign Out"), _("End this session"),
	     CORE_EV_SIGN_OUT, 0, UI_QUIET);
	y += h + 30;
	chrome_notice(ui, s, y);
}
