/* Find your bill: customer number and last name (or last bill amount). */
#include "app/screens/screens_internal.h"

void screen_guest_lookup(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	int y;

	y = chrome_title(ui, _("Pay a Bill"),
			 ctx->scanner ? _("Enter the details from your utility bill, or scan its "
					  "barcode.")
				      : _("Enter the details from your utility bill."));
	y = chrome_account_proof(ui, s, y, _("Use last name"), _("Use bill amount")) + 20;
	y += chrome_notice(ui, s, y);

	/* The keys at their own size below; a long message pushes them down (the screen then
	 * scrolls) rather than hiding under them. */
	chrome_keys(ui, s, y + 20);
	chrome_nav(ui, true, true, _("Continue"), true);
}
