/* How much to pay: the full amount or another amount on the keypad. */
#include <stdio.h>
#include <string.h>

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

/* The card fee on the amount chosen, and what the card will be charged, before the card is
 * presented (core_card_fee: the same sum CORE_FX_PAY carries). Returns the height used. */
static int fee_lines(struct ui *ui, const struct core_state *s, int y)
{
	const struct ui_theme *t = &ui->theme;
	int64_t amount = s->bill.balance_cents, fee;
	char line[96], money[32];

	if (s->other_amount && money_parse(s->amount_text, &amount) != 0)
		return 0;
	fee = core_card_fee(s, amount);
	if (fee <= 0)
		return 0;
	money_format(fee, money, sizeof(money));
	snprintf(line, sizeof(line), _("Card fee: %s"), money);
	ui_text(ui, UI_FONT_BODY, t->text, MARGIN, y, CONTENT_W, UI_CENTER, line);
	money_format(amount + fee, money, sizeof(money));
	snprintf(line, sizeof(line), _("Total charged to your card: %s"), money);
	ui_text(ui, UI_FONT_BODY, t->text, MARGIN, y + 56, CONTENT_W, UI_CENTER, line);
	return 130;
}

void screen_pay_amount(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	int ev;
	char due[32], shown[24];
	int y, h;

	(void)ctx;
	money_format(s->bill.balance_cents, due, sizeof(due));
	y = chrome_title(ui, _("How much would you like to pay?"), NULL);
	ev = TAG(CORE_EV_PAY_FULL);
	h = ui_button_height(ui, CONTENT_W, _("Pay full amount"), due, 170);
	ui_button_ex(ui, (SDL_Rect){MARGIN, y, CONTENT_W, h}, _("Pay full amount"), due,
		     s->other_amount ? UI_QUIET : UI_SELECTED, true, ev);
	y += h + 30;
	ev = TAG(CORE_EV_PAY_OTHER);
	h = ui_button_height(ui, CONTENT_W, _("Other amount"), NULL, 130);
	ui_button(ui, (SDL_Rect){MARGIN, y, CONTENT_W, h}, _("Other amount"),
		  s->other_amount ? UI_SELECTED : UI_QUIET, ev);
	y += h + 40;
	if (s->other_amount) {
		snprintf(shown, sizeof(shown), "%s%s", s->amount_text[0] ? "$" : "",
			 s->amount_text);
		/* Its message is the screen's notice, below. */
		ev = screen_tag(CORE_EV_FOCUS, CORE_FIELD_AMOUNT);
		h = ui_field_height(ui, CONTENT_W, _("Amount"), _("For example 20.00"),
				    FIELD_BOX_H);
		ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, h}, _("Amount"), shown,
			 _("For example 20.00"), s->focus == CORE_FIELD_AMOUNT, false, ev);
		y += h + 20;
	}
	y += fee_lines(ui, s, y);
	y += chrome_notice(ui, s, y);
	/* Cash off (a full box, a jam, an alarm...): residents read why before they choose;
	 * card is still offered. */
	if (s->cfg.cash && core_cash_problem_resident(s->cash_problem) &&
	    s->notice.msgid != core_cash_problem_resident(s->cash_problem))
		y += ui_text(ui, UI_FONT_BODY, ui->theme.error, MARGIN, y + 10, CONTENT_W, UI_LEFT,
			     _(core_cash_problem_resident(s->cash_problem))) +
		     20;
	if (core_basket_offered(s)) {
		/* Above the keypad, in the flow. */
		ev = TAG(CORE_EV_ADD_BILL);
		h = ui_button_height(ui, CONTENT_W, _("Add another bill"), NULL, 130);
		ui_button(ui, (SDL_Rect){MARGIN, y + 20, CONTENT_W, h}, _("Add another bill"),
			  UI_SECONDARY, ev);
		y += h + 20;
	}
	if (s->other_amount && s->focus == CORE_FIELD_AMOUNT)
		chrome_keys(ui, s, y + 20);
	/* A bill joining a basket goes on to it; the basket's screen offers Card and Cash. */
	if (!s->cfg.cash || s->basket_count > 0)
		chrome_nav(ui, true, true, _("Continue"), true);
	else
		chrome_nav_card_or_cash(ui);
}
