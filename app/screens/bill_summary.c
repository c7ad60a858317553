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
	SDL_Rect panel = {MARGIN, y, CONTENT_W, 640};
	ui_round_rect(ui, panel, 24, t->surface);
	ui_frame(ui, panel, 24, 2, t->border);
	int x = MARGIN + 50, w = CONTENT_W - 100, py = y + 50;
	py += chrome_row(ui, x, py, w, _("Customer number"), s->bill.display_number);
	py += chrome_row(ui, x, py, w, _("Name"), s->bill.last_name);
	words_date(ui, s->bill.due_date, date, sizeof(date));
	if (s->bill.due_date[0])
		py += chrome_row(ui, x, py, w, _("Due date"), date);
	if (s->cfg.fee_cents > 0) {
		char fee[32];
		money_format(s->cfg.fee_cents, fee, sizeof(fee));
		py += chrome_row(ui, x, py, w, _("Convenience fee"), fee);
	}
	ui_fill(ui, (SDL_Rect){x, py, w, 2}, t->border);
	py += 40;
	ui_text(ui, UI_FONT_BODY, t->muted, x, py, w, UI_CENTER, _("Amount due"));
	money_format(s->bill.balance_cents, due, sizeof(due));
	ui_text(ui, UI_FONT_HUGE, nothing_due ? t->success : t->text, x, py + 60, w, UI_CENTER,
		due);
	y += panel.h + 40;
	if (words_past_due(&s->bill, ctx)) {
		i18n_fill(late, sizeof(late), _("Past due: this bill was due on %s."), date, NULL);
		y += ui_text(ui, UI_FONT_LABEL, t->error, MARGIN, y, CONTENT_W, UI_CENTER, late) +
		     30;
	}
	if (nothing_due) {
		int done = TAG(CORE_EV_DONE);
		ui_text(ui, UI_FONT_BODY, t->success, MARGIN, y, CONTENT_W, UI_CENTER,
			_("There is nothing to pay on this account right now."));
		ui_button(ui, (SDL_Rect){UI_W - MARGIN - 380, NAV_Y, 380, NAV_H}, _("Done"),
			  UI_PRIMARY, done);
		chrome_nav(ui, true, false, NULL, false);
		return;
	}
	y += chrome_notice(ui, s, y);
	chrome_nav(ui, true, true, _("Continue"), true);
	/* Several bills in one visit: this one at its full amount, then the next. Drawn after
	 * the navigation: the keypad reaches Continue as before. */
	if (core_basket_offered(s) && y + 20 + 130 < NAV_Y - 30) {
		int add = TAG(CORE_EV_ADD_BILL);
		ui_button(ui, (SDL_Rect){MARGIN, y + 20, CONTENT_W, 130}, _("Add another bill"),
			  UI_SECONDARY, add);
	}
}
