/* The fields that identify a utility account, shared by guest lookup and Add Utility Account:
 * the customer number and, by a toggle, the last name or the last bill amount. */
#include <stdio.h>

#include "app/screens/screens_internal.h"

int chrome_account_proof(struct ui *ui, const struct core_state *s, int y,
			 const char *by_name_label, const char *by_bill_label)
{
	const struct ui_theme *t = &ui->theme;
	bool by_name = s->verify == CORE_VERIFY_LAST_NAME;
	int ev;
	char shown[24];

	int bh;

	y += chrome_field(ui, s, MARGIN, y, CONTENT_W, 0, CORE_FIELD_CUSTOMER, _("Customer number"),
			  s->customer_number, _("Digits only, from the top of your bill"), false) +
	     24;

	/* Which proof the resident has at hand: the name or the last bill's amount. */
	/* Its own height, not a fixed step: in large text the line is taller. */
	y += ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_LEFT,
		     _("Confirm the account with one of these:")) +
	     14;
	bh = ui_button_height(ui, CONTENT_W / 2 - 10, by_name_label, NULL, 100);
	if (ui_button_height(ui, CONTENT_W / 2 - 10, by_bill_label, NULL, 100) > bh)
		bh = ui_button_height(ui, CONTENT_W / 2 - 10, by_bill_label, NULL, 100);
	ev = screen_tag(CORE_EV_SET_VERIFY, CORE_VERIFY_LAST_NAME);
	ui_button(ui, (SDL_Rect){MARGIN, y, CONTENT_W / 2 - 10, bh}, by_name_label,
		  by_name ? UI_SELECTED : UI_QUIET, ev);
	ev = screen_tag(CORE_EV_SET_VERIFY, CORE_VERIFY_LAST_BILL);
	ui_button(ui, (SDL_Rect){MARGIN + CONTENT_W / 2 + 10, y, CONTENT_W / 2 - 10, bh},
		  by_bill_label, by_name ? UI_QUIET : UI_SELECTED, ev);
	y += bh + 30;

	if (by_name) {
		y +=
		    chrome_field(ui, s, MARGIN, y, CONTENT_W, 0, CORE_FIELD_LAST_NAME,
				 _("Last name"), s->last_name, _("As printed on your bill"), false);
	} else {
		snprintf(shown, sizeof(shown), "%s%s", s->last_bill[0] ? "$" : "", s->last_bill);
		y += chrome_field(ui, s, MARGIN, y, CONTENT_W, 0, CORE_FIELD_LAST_BILL,
				  _("Last bill amount"), shown, _("For example 84.17"), false);
	}
	return y;
}
