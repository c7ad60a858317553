/* How much to pay: the full amount or another amount on the keypad. */
#include <stdio.h>
#include <string.h>

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

void screen_pay_amount(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	int ev;
	char due[32], shown[24];
	int y;

	(void)ctx;
	money_format(s->bill.balance_cents, due, sizeof(due));
	y = chrome_title(ui, _("How much would you like to pay?"), NULL);
	ev = TAG(CORE_EV_PAY_FULL);
	ui_button_ex(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 170}, _("Pay full amount"), due,
		     s->other_amount ? UI_QUIET : UI_SELECTED, true, ev);
	y += 200;
	ev = TAG(CORE_EV_PAY_OTHER);
	ui_button(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 130}, _("Other amount"),
		  s->other_amount ? UI_SELECTED : UI_QUIET, ev);
	y += 170;
	if (s->other_amount) {
		snprintf(shown, sizeof(shown), "%s%s", s->amount_text[0] ? "$" : "",
			 s->amount_text);
		ev = screen_tag(CORE_EV_FOCUS, CORE_FIELD_AMOUNT);
		ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Amount"), shown,
			 _("For example 20.00"), s->focus == CORE_FIELD_AMOUNT, false, ev);
		y += 180;
	}
	y += chrome_notice(ui, s, y);
	/* Cash off (a full box, a jam, an alarm...): residents read why before they choose;
	 * card is still offered. */
	if (s->cfg.cash && core_cash_problem_resident(s->cash_problem) &&
	    s->notice.msgid != core_cash_problem_resident(s->cash_problem))
		y += ui_text(ui, UI_FONT_BODY, ui->theme.error, MARGIN, y + 10, CONTENT_W, UI_LEFT,
			     _(core_cash_problem_resident(s->cash_problem))) +
		     20;
	if (s->other_amount && s->focus == CORE_FIELD_AMOUNT) {
		SDL_Rect pad = {(UI_W - 660) / 2, 1100, 660, 580};
		ui_keypad(ui, pad, true);
	}
	if (!s->cfg.cash) {
		chrome_nav(ui, true, true, _("Continue"), true);
		/* Above the keypad's place, drawn after the navigation so the keypad's order to
		 * Continue stays as it was. */
		if (y + 20 + 130 <= 1090 && core_basket_offered(s)) {
			ev = TAG(CORE_EV_ADD_BILL);
			ui_button(ui, (SDL_Rect){MARGIN, y + 20, CONTENT_W, 130},
				  _("Add another bill"), UI_SECONDARY, ev);
		}
		return;
	}
	/* A bill validator is here: two main buttons, Card and Cash, where Continue (and
	 * Cancel, to make room) would be; Back stays. */
	chrome_nav(ui, true, false, NULL, false);
	int x = MARGIN + 270, bw = (UI_W - MARGIN - x - 20) / 2;
	ev = TAG(CORE_EV_PAY_BY_CARD);
	ui_button(ui, (SDL_Rect){x, NAV_Y, bw, NAV_H}, _("Card"), UI_PRIMARY, ev);
	ev = TAG(CORE_EV_PAY_BY_CASH);
	ui_button(ui, (SDL_Rect){x + bw + 20, NAV_Y, bw, NAV_H}, _("Cash"), UI_PRIMARY, ev);
}
