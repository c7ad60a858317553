/* Add Utility Account: the customer number and, by a toggle, the last name or the last bill
 * amount; "Link Account". A failed link is a toast in the lower-right corner. */
#include <stdio.h>

#include "app/screens/screens_internal.h"

void screen_link_account(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	bool by_name = s->verify == CORE_VERIFY_LAST_NAME;
	struct core_event ev;
	char shown[24];
	int y;

	(void)ctx;
	y = chrome_title(ui, _("Add Utility Account"),
			 _("Enter the details from your utility bill."));
	ev = ui_ev(CORE_EV_FOCUS);
	ev.field = CORE_FIELD_CUSTOMER;
	ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Customer number"),
		 s->customer_number, _("Digits only, from the top of your bill"),
		 s->focus == CORE_FIELD_CUSTOMER, s->notice.field == CORE_FIELD_CUSTOMER, &ev);
	y += 160;
	y += chrome_field_notice(ui, s, CORE_FIELD_CUSTOMER, MARGIN, y, CONTENT_W) + 24;
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_LEFT,
		_("Confirm the account with one of these:"));
	y += 50;
	ev = ui_ev(CORE_EV_SET_VERIFY);
	ev.verify = CORE_VERIFY_LAST_NAME;
	ui_button(ui, (SDL_Rect){MARGIN, y, CONTENT_W / 2 - 10, 100}, _("By last name"),
		  by_name ? UI_SELECTED : UI_QUIET, &ev);
	ev.verify = CORE_VERIFY_LAST_BILL;
	ui_button(ui, (SDL_Rect){MARGIN + CONTENT_W / 2 + 10, y, CONTENT_W / 2 - 10, 100},
		  _("By last bill amount"), by_name ? UI_QUIET : UI_SELECTED, &ev);
	y += 130;
	ev = ui_ev(CORE_EV_FOCUS);
	if (by_name) {
		ev.field = CORE_FIELD_LAST_NAME;
		ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Last name"), s->last_name,
			 _("As printed on your bill"), s->focus == CORE_FIELD_LAST_NAME,
			 s->notice.field == CORE_FIELD_LAST_NAME, &ev);
	} else {
		snprintf(shown, sizeof(shown), "%s%s", s->last_bill[0] ? "$" : "", s->last_bill);
		ev.field = CORE_FIELD_LAST_BILL;
		ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Last bill amount"), shown,
			 _("For example 84.17"), s->focus == CORE_FIELD_LAST_BILL,
			 s->notice.field == CORE_FIELD_LAST_BILL, &ev);
	}
	y += 160;
	y += chrome_field_notice(ui, s, by_name ? CORE_FIELD_LAST_NAME : CORE_FIELD_LAST_BILL,
				 MARGIN, y, CONTENT_W);
	y += chrome_notice(ui, s, y) + 20;
	chrome_keys(ui, s, y > 1080 ? y : 1080);
	chrome_nav(ui, true, false, _("Link Account"), true);
}
