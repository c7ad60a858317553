/* Utility Bill: the chosen account's summary, "Pay Now", and the Customer Info tile with
 * paperless billing; "Unlink Account" at the bottom. */
#include <stdio.h>

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

void screen_utility_bill(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	const struct core_account *a = &s->accounts[s->current];
	char due[32], last[256], name[112], date[48], late[160];
	int ev, h;
	int x = MARGIN + 50, w = CONTENT_W - 100, y, py;
	const char *enroll = a->paperless ? _("Stop Paperless") : _("Enroll in Paperless");

	y = chrome_title(ui, _("Utility Bill"), NULL);
	py = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 30) + 40;
	py += chrome_row(ui, x, py, w, _("Customer number"), a->bill.display_number);
	py += chrome_row(ui, x, py, w, _("Name"), a->bill.last_name);
	words_date(ui, a->bill.due_date, date, sizeof(date));
	py += chrome_row(ui, x, py, w, _("Due date"), date);
	if (a->last_payment_date[0]) {
		money_format(a->last_payment_cents, due, sizeof(due));
		words_date(ui, a->last_payment_date, late, sizeof(late));
		snprintf(last, sizeof(last), "%s · %s", due, late);
	} else {
		snprintf(last, sizeof(last), "—");
	}
	py += chrome_row(ui, x, py, w, _("Last payment"), last);
	ui_fill(ui, (SDL_Rect){x, py, w, 2}, t->border);
	money_format(a->bill.balance_cents, due, sizeof(due));
	py += 30;
	if (words_past_due(&a->bill, ctx)) {
		i18n_fill(late, sizeof(late), _("Past due: this bill was due on %s."), date, NULL);
		py += 10 + ui_text(ui, UI_FONT_BODY, t->error, x, py, w, UI_CENTER, late);
	} else {
		py +=
		    10 + ui_text(ui, UI_FONT_BODY, t->muted, x, py, w, UI_CENTER, _("Amount due"));
	}
	ui_text(ui, ui_fit_font(ui, UI_FONT_HUGE, w, due),
		a->bill.balance_cents > 0 ? t->text : t->success, x, py, w, UI_CENTER, due);
	y = chrome_panel_end(ui) + 30;
	ev = TAG(CORE_EV_PAY_NOW);
	h = ui_button_height(ui, CONTENT_W, _("Pay Now"), NULL, 140);
	ui_button_ex(ui, (SDL_Rect){MARGIN, y, CONTENT_W, h}, _("Pay Now"), NULL, UI_PRIMARY,
		     a->bill.balance_cents > 0, ev);
	y += h + 30;
	y += chrome_notice(ui, s, y);

	/* The Customer Info tile, as on the portal: who gets the bills, and how. */
	py = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 30) + 30;
	py += 20 + ui_text(ui, UI_FONT_LABEL, t->text, x, py, w, UI_LEFT, _("Customer Info"));
	snprintf(name, sizeof(name), "%s %s", s->resident_first, s->resident_last);
	py += chrome_row(ui, x, py, w, _("Name"), name);
	py += chrome_row(ui, x, py, w, _("Email"), s->resident_email);
	/* The state on the label's line, the button under them: never over each other. */
	py += chrome_row(ui, x, py, w, _("Paperless billing"),
			 a->paperless ? _("Enrolled") : _("Off: paper bills by mail"));
	ev = TAG(CORE_EV_PAPERLESS);
	h = ui_button_height(ui, w, enroll, NULL, 110);
	{
		int bw, bh;
		ui_text_size(ui, UI_FONT_BUTTON, 0, enroll, &bw, &bh);
		bw = bw + 100 > 560 ? w : 560;
		ui_button(ui, (SDL_Rect){x + w - bw, py, bw, h}, enroll,
			  a->paperless ? UI_QUIET : UI_SECONDARY, ev);
	}
	chrome_panel_end(ui);
	chrome_content_end(ui);
	ev = TAG(CORE_EV_UNLINK);
	chrome_nav_right(ui, _("Unlink Account"), UI_QUIET, true, ev);
	chrome_nav(ui, true, false, NULL, false);
}
