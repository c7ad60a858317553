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

	ev = screen_tag(CORE_EV_FOCUS, CORE_FIELD_CUSTOMER);
	ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Customer number"),
		 s->customer_number, _("Digits only, from the top of your bill"),
		 s->focus == CORE_FIELD_CUSTOMER, s->notice.field == CORE_FIELD_CUSTOMER, ev);
	y += 160;
	y += chrome_field_notice(ui, s, CORE_FIELD_CUSTOMER, MARGIN, y, CONTENT_W) + 24;

	/* Which proof the resident has at hand: the name or the last bill's amount. */
	/* Its own height, not a fixed step: in large text the line is taller. */
	y += ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_LEFT,
		     _("Confirm the account with one of these:")) +
	     14;
	ev = screen_tag(CORE_EV_SET_VERIFY, CORE_VERIFY_LAST_NAME);
	ui_button(ui, (SDL_Rect){MARGIN, y, CONTENT_W / 2 - 10, 100}, by_name_label,
		  by_name ? UI_SELECTED : UI_QUIET, ev);
	ev = screen_tag(CORE_EV_SET_VERIFY, CORE_VERIFY_LAST_BILL);
	ui_button(ui, (SDL_Rect){MARGIN + CONTENT_W / 2 + 10, y, CONTENT_W / 2 - 10, 100},
		  by_bill_label, by_name ? UI_QUIET : UI_SELECTED, ev);
	y += 130;

	if (by_name) {
		ev = screen_tag(CORE_EV_FOCUS, CORE_FIELD_LAST_NAME);
		ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Last name"), s->last_name,
			 _("As printed on your bill"), s->focus == CORE_FIELD_LAST_NAME,
			 s->notice.field == CORE_FIELD_LAST_NAME, ev);
	} else {
		snprintf(shown, sizeof(shown), "%s%s", s->last_bill[0] ? "$" : "", s->last_bill);
		ev = screen_tag(CORE_EV_FOCUS, CORE_FIELD_LAST_BILL);
		ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Last bill amount"), shown,
			 _("For example 84.17"), s->focus == CORE_FIELD_LAST_BILL,
			 s->notice.field == CORE_FIELD_LAST_BILL, ev);
	}
	y += 160;
	y += chrome_field_notice(ui, s, by_name ? CORE_FIELD_LAST_NAME : CORE_FIELD_LAST_BILL,
				 MARGIN, y, CONTENT_W);
	return y;
}
