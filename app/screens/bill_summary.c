/* The bill found: amount due, due date, or that nothing is due. */

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

void screen_bill_summary(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	char due[32], date[48], late[160];
	int y;
	bool nothing_due = s->bill.balance_cents <= 0;

	y = chrome_title(ui, _("Your bill"), NULL);
	int x = MARGIN + 50, w = CONTENT_W - 100,
	    py = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 40) + 50;
	py += chrome_row(ui, x, py, w, _("Customer number"), s->bill.display_number);
	py += chrome_row(ui, x, py, w, _("Name"), s->bill.last_name);
	words_date(ui, s->bill.due_date, date, sizeof(date));
	if (s->bill.due_date[0])
		py += chrome_row(ui, x, py, w, _("Due date"), date);
	if (s->cfg.card == CORE_CARD_TERMINAL &&
	    (s->cfg.card_fee.basis_points > 0 || s->cfg.card_fee.flat_cents > 0)) {
		/* The rule here; the amount step shows the fee on the amount chosen. */
		char fee[32];
		if (s->cfg.card_fee.basis_points > 0)
			money_format_percent(s->cfg.card_fee.basis_points, fee, sizeof(fee));
		else
			money_format(s->cfg.card_fee.flat_cents, fee, sizeof(fee));
		py += chrome_row(ui, x, py, w, _("Card fee"), fee);
	}
	ui_fill(ui, (SDL_Rect){x, py, w, 2}, t->border);
	py += 40;
	py += 10 + ui_text(ui, UI_FONT_BODY, t->muted, x, py, w, UI_CENTER, _("Amount due"));
	money_format(s->bill.balance_cents, due, sizeof(due));
	ui_text(ui, ui_fit_font(ui, UI_FONT_HUGE, w, due), nothing_due ? t->success : t->text, x,
		py, w, UI_CENTER, due);
	y = chrome_panel_end(ui) + 40;
	if (words_past_due(&s->bill, ctx)) {
		i18n_fill(late, sizeof(late), _("Past due: this bill was due on %s."), date, NULL);
		y += ui_text(ui, UI_FONT_LABEL, t->error, MARGIN, y, CONTENT_W, UI_CENTER, late) +
		     30;
	}
	if (nothing_due) {
		int done = TAG(CORE_EV_DONE);
		ui_text(ui, UI_FONT_BODY, t->success, MARGIN, y, CONTENT_W, UI_CENTER,
			_("There is nothing to pay on this account right now."));
		chrome_content_end(ui);
		chrome_nav_right(ui, _("Done"), UI_PRIMARY, true, done);
		chrome_nav(ui, true, false, NULL, false);
		return;
	}
	y += chrome_notice(ui, s, y);
	/* Several bills in one visit: this one at its full amount, then the next. */
	if (core_basket_offered(s)) {
		int add = TAG(CORE_EV_ADD_BILL);
		ui_button(
		    ui,
		    (SDL_Rect){MARGIN, y + 20, CONTENT_W,
			       ui_button_height(ui, CONTENT_W, _("Add another bill"), NULL, 130)},
		    _("Add another bill"), UI_SECONDARY, add);
	}
	chrome_nav(ui, true, true, _("Continue"), true);
}
