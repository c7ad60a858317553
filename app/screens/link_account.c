/* Add Utility Account: the customer number and, by a toggle, the last name or the last bill
 * amount; "Link Account". A failed link is a toast in the lower-right corner. */
#include "app/screens/screens_internal.h"

void screen_link_account(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	int y;

	(void)ctx;
	y = chrome_title(ui, _("Add Utility Account"),
			 _("Enter the details from your utility bill."));
	y = chrome_account_proof(ui, s, y, _("By last name"), _("By last bill amount"));
	y += chrome_notice(ui, s, y) + 20;
	chrome_keys(ui, s, y);
	chrome_nav(ui, true, false, _("Link Account"), true);
}
