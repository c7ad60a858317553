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
	int ev;
	int x = MARGIN + 50, w = CONTENT_W - 100, y, py;

	y = chrome_title(ui, _("Utility Bill"), NULL);
	chrome_panel(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 620});
	py = y + 40;
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
	if (words_past_due(&a->bill, ctx)) {
		i18n_fill(late, sizeof(late), _("Past due: this bill was due on %s."), date, NULL);
		ui_text(ui, UI_FONT_BODY, t->error, x, py + 30, w, UI_CENTER, late);
	} else {
		ui_text(ui, UI_FONT_BODY, t->muted, x, py + 30, w, UI_CENTER, _("Amount due"));
	}
	ui_text(ui, UI_FONT_HUGE, a->bill.balance_cents > 0 ? t->text : t->success, x, py + 80, w,
		UI_CENTER, due);
	y += 620 + 30;
	ev = TAG(CORE_EV_PAY_NOW);
	ui_button_ex(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 140}, _("Pay Now"), NULL, UI_PRIMARY,
		     a->bill.balance_cents > 0, ev);
	y += 170;
	y += chrome_notice(ui, s, y);

	/* The Customer Info tile, as on the portal: who gets the bills, and how. */
	chrome_panel(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 400});
	ui_text(ui, UI_FONT_LABEL, t->text, x, y + 30, 0, UI_LEFT, _("Customer Info"));
	snprintf(name, sizeof(name), "%s %s", s->resident_first, s->resident_last);
	py = y + 95;
	py += chrome_row(ui, x, py, w, _("Name"), name);
	py += chrome_row(ui, x, py, w, _("Email"), s->resident_email);
	ui_text(ui, UI_FONT_BODY, t->muted, x, py + 36, 0, UI_LEFT, _("Paperless billing"));
	ev = TAG(CORE_EV_PAPERLESS);
	if (a->paperless) {
		ui_text(ui, UI_FONT_LABEL, t->success, x + 330, py + 36, 0, UI_LEFT, _("Enrolled"));
		ui_button(ui, (SDL_Rect){x + w - 380, py, 380, 110}, _("Stop Paperless"), UI_QUIET,
			  ev);
	} else {
		ui_button(ui, (SDL_Rect){x + w - 560, py, 560, 110}, _("Enroll in Paperless"),
			  UI_SECONDARY, ev);
	}
	y += 400 + 30;
	ev = TAG(CORE_EV_UNLINK);
	ui_button(ui, (SDL_Rect){UI_W - MARGIN - 380, NAV_Y, 380, NAV_H}, _("Unlink Account"),
		  UI_QUIET, ev);
	chrome_nav(ui, true, false, NULL, false);
}
