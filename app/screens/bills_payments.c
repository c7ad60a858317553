/* Bills and Payments: the account's recent bills and payments, and its Auto Pay status with
 * "Set up", "Update" and "Turn off". */
#include <stdio.h>

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

/* A titled list of dated amounts; returns the height used. */
static int history(struct ui *ui, int y, const char *title, const struct core_history_item *items,
		   int n, const char *empty)
{
	const struct ui_theme *t = &ui->theme;
	int x = MARGIN + 40, w = CONTENT_W - 80, h = 90 + (n ? n : 1) * 62 + 20;
	char amount[32], date[48];

	chrome_panel(ui, (SDL_Rect){MARGIN, y, CONTENT_W, h});
	ui_text(ui, UI_FONT_LABEL, t->text, x, y + 25, 0, UI_LEFT, title);
	if (!n)
		ui_text(ui, UI_FONT_BODY, t->muted, x, y + 90, 0, UI_LEFT, empty);
	for (int i = 0; i < n; i++) {
		money_format(items[i].amount_cents, amount, sizeof(amount));
		int dw, dh;

		words_date(ui, items[i].date, date, sizeof(date));
		ui_text(ui, UI_FONT_BODY, t->muted, x, y + 90 + i * 62, 0, UI_LEFT, date);
		/* A written-out date is wider in some months and languages: the reference follows
		 * it. */
		ui_text_size(ui, UI_FONT_BODY, 0, date, &dw, &dh);
		if (items[i].reference[0])
			ui_text(ui, UI_FONT_SMALL, t->muted, x + (dw + 30 > 300 ? dw + 30 : 300),
				y + 96 + i * 62, 0, UI_LEFT, items[i].reference);
		ui_text(ui, UI_FONT_LABEL, t->text, x + w, y + 90 + i * 62, 0, UI_RIGHT, amount);
	}
	return h;
}

void screen_bills_payments(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	const struct core_account *a = &s->accounts[s->current];
	int ev;
	char line[160], max[32], method[64];
	int y, x = MARGIN + 40;

	(void)ctx;
	y = chrome_title(ui, _("Bills and Payments"), a->bill.display_number);
	if (!s->history_loaded) {
		ui_text(ui, UI_FONT_BODY, t->muted, MARGIN, y, CONTENT_W, UI_LEFT, _("Loading…"));
		y += 80;
	} else {
		y +=
		    history(ui, y, _("Recent bills"), s->bills, s->bill_count, _("No bills yet.")) +
		    30;
		y += history(ui, y, _("Recent payments"), s->payments, s->payment_count,
			     _("No payments yet.")) +
		     30;
	}
	chrome_panel(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 350});
	ui_text(ui, UI_FONT_LABEL, t->text, x, y + 30, 0, UI_LEFT, _("Auto Pay"));
	ui_text(ui, UI_FONT_LABEL, a->autopay ? t->success : t->muted, UI_W - MARGIN - 40, y + 30,
		0, UI_RIGHT, a->autopay ? _("On") : _("Off"));
	if (a->autopay) {
		words_autopay_method(ui, a, method, sizeof(method));
		if (a->autopay_max_cents > 0) {
			money_format(a->autopay_max_cents, max, sizeof(max));
			i18n_fill(line, sizeof(line), _("%s · up to %s per bill"), method, max);
		} else {
			snprintf(line, sizeof(line), "%s · %s", method, _("No maximum"));
		}
		ui_text(ui, UI_FONT_BODY, t->muted, x, y + 95, CONTENT_W - 80, UI_LEFT, line);
		ev = TAG(CORE_EV_AUTOPAY_SETUP);
		ui_button(ui, (SDL_Rect){x, y + 220, 360, 100}, _("Update"), UI_SECONDARY, ev);
		ev = TAG(CORE_EV_AUTOPAY_OFF);
		ui_button(ui, (SDL_Rect){x + 390, y + 220, 360, 100}, _("Turn off"), UI_QUIET, ev);
	} else {
		ui_text(ui, UI_FONT_BODY, t->muted, x, y + 95, CONTENT_W - 80, UI_LEFT,
			_("Pay your bill automatically, on time, every time."));
		ev = TAG(CORE_EV_AUTOPAY_SETUP);
		ui_button(ui, (SDL_Rect){x, y + 220, 360, 100}, _("Set up"), UI_PRIMARY, ev);
	}
	y += 380;
	chrome_notice(ui, s, y);
	chrome_nav(ui, true, false, NULL, false);
}
