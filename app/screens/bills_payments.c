/* Bills and Payments: the account's recent bills and payments, and its Auto Pay status with
 * "Set up", "Update" and "Turn off". */
#include <stdio.h>

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

/* A titled list of dated amounts, in a panel that grows with it; returns the y below it. */
static int history(struct ui *ui, int y, const char *title, const struct core_history_item *items,
		   int n, const char *empty)
{
	const struct ui_theme *t = &ui->theme;
	int x = MARGIN + 40, w = CONTENT_W - 80;
	char amount[32], date[48];

	y = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 25) + 25;
	y += 20 + ui_text(ui, UI_FONT_LABEL, t->text, x, y, w, UI_LEFT, title);
	if (!n)
		y += ui_text(ui, UI_FONT_BODY, t->muted, x, y, w, UI_LEFT, empty);
	for (int i = 0; i < n; i++) {
		int dw, dh, rw = 0, rh = 0, aw, ah, h;
		money_format(items[i].amount_cents, amount, sizeof(amount));
		/* A written-out date is wider in some months and languages. */
		words_date(ui, items[i].date, date, sizeof(date));
		ui_text_size(ui, UI_FONT_BODY, 0, date, &dw, &dh);
		ui_text_size(ui, UI_FONT_SMALL, 0, items[i].reference, &rw, &rh);
		ui_text_size(ui, UI_FONT_LABEL, 0, amount, &aw, &ah);
		ui_text(ui, UI_FONT_BODY, t->muted, x, y, 0, UI_LEFT, date);
		ui_text(ui, UI_FONT_LABEL, t->text, x + w, y, 0, UI_RIGHT, amount);
		h = dh > ah ? dh : ah;
		if (items[i].reference[0]) {
			/* Beside the date when there is room, else under it. */
			if (dw + 30 + rw + 30 + aw <= w) {
				ui_text(ui, UI_FONT_SMALL, t->muted, x + dw + 30, y + (dh - rh) / 2,
					0, UI_LEFT, items[i].reference);
			} else {
				ui_text(ui, UI_FONT_SMALL, t->muted, x, y + h, 0, UI_LEFT,
					items[i].reference);
				h += rh;
			}
		}
		y += h + 12;
	}
	return chrome_panel_end(ui);
}

void screen_bills_payments(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	const struct core_account *a = &s->accounts[s->current];
	int ev;
	char line[160], max[32], method[64];
	int y, x = MARGIN + 40, w = CONTENT_W - 80, bw = (w - 30) / 2, h, sw, sh;
	const char *state = a->autopay ? _("On") : _("Off");

	(void)ctx;
	y = chrome_title(ui, _("Bills and Payments"), a->bill.display_number);
	if (!s->history_loaded) {
		y += 40 + ui_text(ui, UI_FONT_BODY, t->muted, MARGIN, y, CONTENT_W, UI_LEFT,
				  _("Loading…"));
	} else {
		y = history(ui, y, _("Recent bills"), s->bills, s->bill_count, _("No bills yet.")) +
		    30;
		y = history(ui, y, _("Recent payments"), s->payments, s->payment_count,
			    _("No payments yet.")) +
		    30;
	}
	y = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 30) + 30;
	ui_text_size(ui, UI_FONT_LABEL, 0, state, &sw, &sh);
	ui_text(ui, UI_FONT_LABEL, a->autopay ? t->success : t->muted, x + w, y, 0, UI_RIGHT,
		state);
	y += 25 + ui_text(ui, UI_FONT_LABEL, t->text, x, y, w - sw - 30, UI_LEFT, _("Auto Pay"));
	if (a->autopay) {
		words_autopay_method(ui, a, method, sizeof(method));
		if (a->autopay_max_cents > 0) {
			money_format(a->autopay_max_cents, max, sizeof(max));
			i18n_fill(line, sizeof(line), _("%s · up to %s per bill"), method, max);
		} else {
			snprintf(line, sizeof(line), "%s · %s", method, _("No maximum"));
		}
		y += 30 + ui_text(ui, UI_FONT_BODY, t->muted, x, y, w, UI_LEFT, line);
		h = ui_button_height(ui, bw, _("Update"), NULL, 100);
		if (ui_button_height(ui, bw, _("Turn off"), NULL, 100) > h)
			h = ui_button_height(ui, bw, _("Turn off"), NULL, 100);
		ev = TAG(CORE_EV_AUTOPAY_SETUP);
		ui_button(ui, (SDL_Rect){x, y, bw, h}, _("Update"), UI_SECONDARY, ev);
		ev = TAG(CORE_EV_AUTOPAY_OFF);
		ui_button(ui, (SDL_Rect){x + bw + 30, y, bw, h}, _("Turn off"), UI_QUIET, ev);
	} else {
		y += 30 + ui_text(ui, UI_FONT_BODY, t->muted, x, y, w, UI_LEFT,
				  _("Pay your bill automatically, on time, every time."));
		ev = TAG(CORE_EV_AUTOPAY_SETUP);
		h = ui_button_height(ui, bw, _("Set up"), NULL, 100);
		ui_button(ui, (SDL_Rect){x, y, bw, h}, _("Set up"), UI_PRIMARY, ev);
	}
	y = chrome_panel_end(ui) + 30;
	chrome_notice(ui, s, y);
	chrome_nav(ui, true, false, NULL, false);
}
