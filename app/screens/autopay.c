/* Auto Pay: an optional maximum amount, then a bank account (routing, account number,
 * checking or savings, name) or a card swiped on the reader; "Review". Refused, with the
 * reason and a way to link, when no utility account is fully linked. */
#include <stdio.h>
#include <string.h>

#include "app/core/money.h"

#include "app/screens/screens_internal.h"

#define HALF ((CONTENT_W - 30) / 2)

/* Two choices side by side, one selected, as tall as the taller label needs; returns the
 * height. */
static int choice_pair(struct ui *ui, int y, const char *l0, const char *l1, bool second,
		       enum core_event_type type)
{
	int h = ui_button_height(ui, HALF, l0, NULL, 100);

	if (ui_button_height(ui, HALF, l1, NULL, 100) > h)
		h = ui_button_height(ui, HALF, l1, NULL, 100);
	ui_button(ui, (SDL_Rect){MARGIN, y, HALF, h}, l0, second ? UI_QUIET : UI_SELECTED,
		  screen_tag(type, 0));
	ui_button(ui, (SDL_Rect){MARGIN + HALF + 30, y, HALF, h}, l1,
		  second ? UI_SELECTED : UI_QUIET, screen_tag(type, 1));
	return h;
}

static void refused(struct ui *ui, int y)
{
	const struct ui_theme *t = &ui->theme;
	int ev = screen_tag(CORE_EV_HOME_TILE, CORE_TILE_ADD_ACCOUNT);
	int h;

	h = 60 + ui_text(ui, UI_FONT_LABEL, t->error, MARGIN + 50, y + 50, CONTENT_W - 100, UI_LEFT,
			 _("Auto Pay isn't available for this account"));
	h += 20 + ui_text(ui, UI_FONT_BODY, t->text, MARGIN + 50, y + h + 20, CONTENT_W - 100,
			  UI_LEFT,
			  _("Your utility account is not fully linked. Link your utility account "
			    "first, or contact your city for assistance."));
	ui_fill(ui, (SDL_Rect){MARGIN, y, 12, h + 60}, t->error);
	ui_button(ui,
		  (SDL_Rect){MARGIN + 50, y + h + 70, 560,
			     ui_button_height(ui, 560, _("Add Utility Account"), NULL, 120)},
		  _("Add Utility Account"), UI_PRIMARY, ev);
}

void screen_autopay(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	int ev;
	char shown[24], card[64];
	int y, a, b, h;

	(void)ctx;
	y = chrome_title(ui, _("Auto Pay"),
			 _("Pay your utility bill automatically, on time, every "
			   "time."));
	if (s->ap_refused) {
		refused(ui, y);
		chrome_nav(ui, true, false, NULL, false);
		return;
	}
	ev = TAG(CORE_EV_TOGGLE_AP_MAX);
	h = ui_checkbox_height(
	    ui, CONTENT_W, _("Would you like to establish a maximum payment amount for auto pay"));
	ui_checkbox(ui, (SDL_Rect){MARGIN, y, CONTENT_W, h},
		    _("Would you like to establish a maximum payment amount for auto pay"),
		    s->ap_has_max, ev);
	y += h + 20;
	if (s->ap_has_max) {
		snprintf(shown, sizeof(shown), "%s%s", s->ap_max[0] ? "$" : "", s->ap_max);
		y += chrome_field(ui, s, MARGIN, y, HALF, 0, CORE_FIELD_AP_MAX, _("Maximum amount"),
				  shown, NULL, false) +
		     20;
	}
	y +=
	    choice_pair(ui, y, _("Bank account"), _("Card"), s->ap_by_card, CORE_EV_SET_AP_METHOD) +
	    30;
	if (s->ap_by_card) {
		int py = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 40) + 40;
		if (s->last4[0]) {
			snprintf(card, sizeof(card), "%s •••• %s", s->brand, s->last4);
			py += 10 + ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 50, py,
					   CONTENT_W - 100, UI_LEFT, _("Card read"));
			py += ui_text(ui, UI_FONT_HEADING, t->text, MARGIN + 50, py,
				      CONTENT_W - 100, UI_LEFT, card);
		} else {
			py +=
			    ui_text(ui, UI_FONT_HEADING, t->text, MARGIN + 50, py, CONTENT_W - 100,
				    UI_LEFT, _("Swipe your card on the reader."));
		}
		ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN + 50, py + 20, CONTENT_W - 100, UI_LEFT,
			_("Only the card's brand and last four digits are kept at this kiosk."));
		y = chrome_panel_end(ui) + 30;
	} else {
		/* Both boxes level, under the taller of the two labels. */
		h = ui_field_height(ui, HALF, _("Routing number"), NULL, FIELD_BOX_H);
		if (ui_field_height(ui, HALF, _("Account number"), NULL, FIELD_BOX_H) > h)
			h = ui_field_height(ui, HALF, _("Account number"), NULL, FIELD_BOX_H);
		a = chrome_field(ui, s, MARGIN, y, HALF, h, CORE_FIELD_ROUTING, _("Routing number"),
				 s->routing, NULL, false);
		b = chrome_field(ui, s, MARGIN + HALF + 30, y, HALF, h, CORE_FIELD_BANK_ACCOUNT,
				 _("Account number"), s->bank_account, NULL, false);
		y += (a > b ? a : b) + 20;
		y += choice_pair(ui, y, _("Checking"), _("Savings"), s->ap_savings,
				 CORE_EV_SET_AP_SAVINGS) +
		     20;
		y += chrome_field(ui, s, MARGIN, y, CONTENT_W, 0, CORE_FIELD_BANK_NAME,
				  _("Name on account"), s->bank_name, NULL, false) +
		     20;
	}
	y += chrome_notice(ui, s, y);
	if (s->focus != CORE_FIELD_NONE)
		chrome_keys(ui, s, y + 10);
	chrome_nav(ui, true, false, _("Review"), true);
}

void screen_autopay_review(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	const struct core_account *a = &s->accounts[s->current];
	char max[32], method[64], bill[32], text[640], who[96];
	int x = MARGIN + 50, w = CONTENT_W - 100, y, py;
	size_t n = strlen(s->bank_account);

	y = chrome_title(ui, _("Review Auto Pay"), _("Check the details, then turn Auto Pay on."));
	if (s->ap_max_cents > 0)
		money_format(s->ap_max_cents, max, sizeof(max));
	else
		snprintf(max, sizeof(max), "%s", _("No maximum"));
	if (s->ap_by_card)
		snprintf(method, sizeof(method), "%s •••• %s", s->brand, s->last4);
	else
		snprintf(method, sizeof(method), "%s •••• %s",
			 s->ap_savings ? _("Savings") : _("Checking"),
			 s->bank_account + (n > 4 ? n - 4 : 0));
	py = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 12) + 40;
	py += chrome_row(ui, x, py, w, _("Utility account"), a->bill.display_number);
	py += chrome_row(ui, x, py, w, _("Maximum amount"), max);
	py += chrome_row(ui, x, py, w, _("Payment method"), method);
	if (!s->ap_by_card)
		py += chrome_row(ui, x, py, w, _("Name on account"), s->bank_name);
	y = chrome_panel_end(ui) + 40;
	/* A maximum below the bill now due means Auto Pay will not pay that bill: said before
	 * the resident relies on it. */
	if (s->ap_max_cents > 0 && a->bill.balance_cents > s->ap_max_cents) {
		money_format(a->bill.balance_cents, bill, sizeof(bill));
		i18n_fill(text, sizeof(text),
			  _("Your current bill of %s is more than your maximum of %s. Auto Pay "
			    "will not pay it: pay it yourself by its due date, or raise the "
			    "maximum."),
			  bill, max);
		y += ui_text(ui, UI_FONT_BODY, t->error, MARGIN, y, CONTENT_W, UI_LEFT, text) + 30;
	}
	/* What the resident authorizes, in plain words, before agreeing to it. */
	snprintf(who, sizeof(who), "%s", ctx->city_name ? ctx->city_name : "");
	i18n_fill(text, sizeof(text),
		  s->ap_max_cents > 0
		      ? _("By turning on Auto Pay, you authorize %s to take the amount of each "
			  "bill, up to your maximum, from %s on its due date. This lasts until "
			  "you turn Auto Pay off.")
		      : _("By turning on Auto Pay, you authorize %s to take the full amount of "
			  "each bill from %s on its due date. This lasts until you turn Auto Pay "
			  "off."),
		  who, method);
	y += ui_text(ui, UI_FONT_BODY, t->text, MARGIN, y, CONTENT_W, UI_LEFT, text) + 20;
	y += ui_text(ui, UI_FONT_BODY, t->muted, MARGIN, y, CONTENT_W, UI_LEFT,
		     _("You can update or turn off Auto Pay at any time from Bills and "
		       "Payments.")) +
	     30;
	chrome_notice(ui, s, y);
	chrome_nav(ui, true, false, _("Turn on Auto Pay"), true);
}

void screen_autopay_done(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	int ev = TAG(CORE_EV_DONE);
	const char *fmt = _("We emailed a confirmation to %s.");
	int y = chrome_top(ui) + 70, cx = UI_W / 2;

	(void)ctx;
	ui_circle(ui, cx, y + 110, 110, t->success);
	SDL_SetRenderDrawColor(ui->renderer, 255, 255, 255, 255);
	for (int d = -9; d <= 9 && !ui->measuring; d++) {
		SDL_RenderDrawLine(ui->renderer, cx - 55, y + 110 + d, cx - 15, y + 150 + d);
		SDL_RenderDrawLine(ui->renderer, cx - 15, y + 150 + d, cx + 60, y + 65 + d);
	}
	y += 280;
	y += ui_text(ui, ui_fit_font(ui, UI_FONT_TITLE, CONTENT_W, _("Auto Pay is active")),
		     t->success, MARGIN, y, CONTENT_W, UI_CENTER, _("Auto Pay is active")) +
	     30;
	/* The address shortened in its middle if it must, never broken. */
	y += ui_text_value(ui, UI_FONT_BODY, t->text, MARGIN + 40, y, CONTENT_W - 80, UI_CENTER,
			   fmt, s->resident_email) +
	     20;
	ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 40, y, CONTENT_W - 80, UI_CENTER,
		_("Your bill will be paid automatically on each due date. You can update or turn "
		  "off Auto Pay at any time from Bills and Payments."));
	chrome_content_end(ui);
	chrome_nav_right(ui, _("Done"), UI_PRIMARY, true, ev);
}
