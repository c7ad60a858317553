/* Several bills: each with its account and the amount chosen, the total (and the card fee
 * when the city charges one), "Add another bill" (a guest) or the resident's other linked
 * accounts, and "Pay" for the whole basket. */
#include <stdio.h>
#include <string.h>

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

static bool in_basket(const struct core_state *s, const char *customer_number)
{
	for (int i = 0; i < s->basket_count; i++)
		if (!strcmp(s->basket[i].bill.customer_number, customer_number))
			return true;
	return false;
}

void screen_basket(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	char money[32], label[160], pay[64];
	int64_t total = 0, fee;
	int y, ev, h;

	(void)ctx;
	for (int i = 0; i < s->basket_count; i++)
		total += s->basket[i].amount_cents;
	/* The card fee applies to the card terminal only (core_card_fee): 0 with the reader. */
	fee = core_card_fee(s, total);
	total = 0;
	y = chrome_title(ui, _("Your bills"), NULL);
	/* A panel as tall as its rows (measured, then placed). */
	int x = MARGIN + 50, w = CONTENT_W - 100,
	    py = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 12) + 30;
	for (int i = 0; i < s->basket_count; i++) {
		const struct core_basket_item *b = &s->basket[i];

		money_format(b->amount_cents, money, sizeof(money));
		snprintf(label, sizeof(label), "%s  %s", b->bill.display_number, b->bill.last_name);
		py += chrome_row(ui, x, py, w, label, money);
		total += b->amount_cents;
	}
	if (fee > 0) {
		money_format(fee, money, sizeof(money));
		py += chrome_row(ui, x, py, w, _("Card fee"), money);
		total += fee;
	}
	ui_fill(ui, (SDL_Rect){x, py, w, 2}, t->border);
	money_format(total, money, sizeof(money));
	chrome_row(ui, x, py + 10, w, _("Total"), money);
	y = chrome_panel_end(ui) + 30;
	y += chrome_notice(ui, s, y);
	if (core_basket_offered(s) && !s->signed_in) {
		ev = TAG(CORE_EV_ADD_BILL);
		h = ui_button_height(ui, CONTENT_W, _("Add another bill"), NULL, 130);
		ui_button(ui, (SDL_Rect){MARGIN, y, CONTENT_W, h}, _("Add another bill"),
			  UI_SECONDARY, ev);
		y += h + 30;
	}
	/* Signed in: the resident's other accounts with something due, one tap each. */
	for (int i = 0; s->signed_in && i < s->account_count && core_basket_offered(s); i++) {
		const struct core_bill *b = &s->accounts[i].bill;

		if (b->balance_cents <= 0 || in_basket(s, b->customer_number))
			continue;
		money_format(b->balance_cents, money, sizeof(money));
		i18n_fill(label, sizeof(label), _("Add %s"), b->display_number, NULL);
		ev = screen_tag(CORE_EV_BASKET_ACCOUNT, i);
		h = ui_button_height(ui, CONTENT_W, label, money, 130);
		ui_button_ex(ui, (SDL_Rect){MARGIN, y, CONTENT_W, h}, label, money, UI_SECONDARY,
			     true, ev);
		y += h + 20;
	}
	/* With a bill validator the whole basket is paid by card or with cash. */
	if (s->cfg.cash) {
		chrome_nav_card_or_cash(ui);
		return;
	}
	money_format(total, money, sizeof(money));
	i18n_fill(pay, sizeof(pay), _("Pay %s"), money, NULL);
	chrome_nav(ui, true, true, pay, s->basket_count > 0);
}
