/* Pay with cash: notes into the bill validator, inserted so far against the amount due, and
 * Done. Before the first note it says plainly that the kiosk gives no change. */
#include <stdio.h>

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

/* A basket: which of its accounts takes what goes over the amount due, the first unless the
 * resident taps another. Returns the height used. */
static int credit_choice(struct ui *ui, const struct core_state *s, int y)
{
	const struct ui_theme *t = &ui->theme;
	int top = y, h;

	if (s->basket_count < 2)
		return 0;
	y += 10 + ui_text(ui, UI_FONT_BODY, t->text, MARGIN, y, CONTENT_W, UI_LEFT,
			  _("Credit the extra to:"));
	for (int i = 0; i < s->basket_count; i++) {
		const struct core_bill *b = &s->basket[i].bill;
		char label[160];

		snprintf(label, sizeof(label), "%s  %s", b->display_number, b->last_name);
		h = ui_button_height(ui, CONTENT_W, label, NULL, 110);
		ui_button_ex(ui, (SDL_Rect){MARGIN, y, CONTENT_W, h}, label, NULL,
			     i == s->credit_to ? UI_SELECTED : UI_QUIET, !s->cash_closing,
			     screen_tag(CORE_EV_CREDIT_TO, i));
		y += h + 16;
	}
	return y - top + 20;
}

void screen_pay_cash(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	char due[32], in[32], over[32];
	int y, ev;

	(void)ctx;
	money_format(s->amount_cents, due, sizeof(due));
	money_format(s->cash_taken_cents, in, sizeof(in));
	y = chrome_title(ui, _("Insert your notes"),
			 _("Put one note at a time into the bill slot next to this screen."));
	if (s->cash_taken_cents == 0)
		y += ui_text(ui, UI_FONT_BODY, t->warning, MARGIN, y + 20, CONTENT_W, UI_CENTER,
			     _("This kiosk does not give change. Anything over the amount due is "
			       "credited to your account.")) +
		     60;
	/* A panel as tall as what it holds (measured, then placed). */
	int x = MARGIN + 50, w = CONTENT_W - 100,
	    py = chrome_panel_begin(ui, MARGIN, y + 20, CONTENT_W, 30) + 40;
	py += 10 + ui_text(ui, UI_FONT_BODY, t->muted, MARGIN, py, CONTENT_W, UI_CENTER,
			   _("Inserted so far"));
	py += 20 + ui_text(ui, ui_fit_font(ui, UI_FONT_HUGE, CONTENT_W, in), t->text, MARGIN, py,
			   CONTENT_W, UI_CENTER, in);
	chrome_row(ui, x, py, w, _("Amount due"), due);
	y = chrome_panel_end(ui) + 40;
	if (s->cash_taken_cents > s->amount_cents) {
		money_format(s->cash_taken_cents - s->amount_cents, over, sizeof(over));
		y += chrome_row(ui, MARGIN + 50, y, CONTENT_W - 100, _("Credit to your account"),
				over) +
		     20;
	}
	y += credit_choice(ui, s, y);
	if (s->cash_closing)
		y += ui_text(ui, UI_FONT_BODY, t->muted, MARGIN, y, CONTENT_W, UI_CENTER,
			     _("Finishing your payment...")) +
		     20;
	chrome_notice(ui, s, y);
	chrome_nav(ui, false, false, NULL, false);
	ev = TAG(CORE_EV_CASH_DONE);
	ui_button_ex(ui, (SDL_Rect){UI_W - MARGIN - 560, NAV_Y, 560, NAV_H}, _("Done"), NULL,
		     UI_PRIMARY, !s->cash_closing, ev);
}
