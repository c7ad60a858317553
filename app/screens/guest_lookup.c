/* Find your bill: customer number and last name (or last bill amount). */
#include <stdio.h>
#include <string.h>

#include "app/screens/screens_internal.h"

void screen_guest_lookup(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	struct core_event ev;
	bool by_name = s->verify == CORE_VERIFY_LAST_NAME;
	int y;

	(void)ctx;
	y = chrome_title(ui, _("Pay a Bill"), _("Enter the details from your utility bill."));
	ev = ui_ev(CORE_EV_FOCUS);
	ev.field = CORE_FIELD_CUSTOMER;
	ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Customer number"),
		 s->customer_number, _("Digits only, from the top of your bill"),
		 s->focus == CORE_FIELD_CUSTOMER, false, &ev);
	y += 190;

	/* Which proof the resident has at hand: the name or the last bill's amount. */
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_LEFT,
		_("Confirm the account with one of these:"));
	y += 50;
	ev = ui_ev(CORE_EV_SET_VERIFY);
	ev.verify = CORE_VERIFY_LAST_NAME;
	ui_button(ui, (SDL_Rect){MARGIN, y, CONTENT_W / 2 - 10, 100}, _("Use last name"),
		  by_name ? UI_SELECTED : UI_QUIET, &ev);
	ev.verify = CORE_VERIFY_LAST_BILL;
	ui_button(ui, (SDL_Rect){MARGIN + CONTENT_W / 2 + 10, y, CONTENT_W / 2 - 10, 100},
		  _("Use bill amount"), by_name ? UI_QUIET : UI_SELECTED, &ev);
	y += 130;

	ev = ui_ev(CORE_EV_FOCUS);
	if (by_name) {
		ev.field = CORE_FIELD_LAST_NAME;
		ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Last name"), s->last_name,
			 _("As printed on your bill"), s->focus == CORE_FIELD_LAST_NAME, false,
			 &ev);
	} else {
		char shown[24];
		snprintf(shown, sizeof(shown), "%s%s", s->last_bill[0] ? "$" : "", s->last_bill);
		ev.field = CORE_FIELD_LAST_BILL;
		ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Last bill amount"), shown,
			 _("For example 84.17"), s->focus == CORE_FIELD_LAST_BILL, false, &ev);
	}
	y += 180;
	y += chrome_notice(ui, s, y);

	/* The keys fill what is left above the navigation; a long message pushes them down
	 * rather than hiding under them. */
	int top = y + 20 > 1060 ? y + 20 : 1060;
	SDL_Rect keys = {MARGIN, top, CONTENT_W, 1680 - top};
	if (s->focus == CORE_FIELD_LAST_NAME) {
		ui_keyboard(ui, keys, false);
	} else if (s->focus != CORE_FIELD_NONE) {
		SDL_Rect pad = {(UI_W - 660) / 2, keys.y, 660, keys.h};
		ui_keypad(ui, pad, s->focus == CORE_FIELD_LAST_BILL);
	}
	chrome_nav(ui, true, true, _("Continue"), true);
}
