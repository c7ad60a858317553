/* Paperless billing: where the bills will be emailed, "Confirm"; once enrolled, "Enrolled"
 * and "Stop Paperless". */
#include <stdio.h>
#include <string.h>

#include "app/screens/screens_internal.h"

void screen_paperless(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	const struct core_account *a = &s->accounts[s->current];
	int x = MARGIN + 50, w = CONTENT_W - 100, y, ew = 0, eh = 0;
	const char *stop = _("Stop Paperless"), *confirm = _("Confirm");

	(void)ctx;
	y = chrome_title(ui, _("Paperless Billing"),
			 _("Receive your bills by email instead of by mail. It's faster, more "
			   "secure, and helps reduce paper waste."));
	y = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 40) + 40;
	if (a->paperless) {
		/* The state, with its tick, at the top right of the panel. */
		ui_text_size(ui, UI_FONT_LABEL, 0, _("Enrolled"), &ew, &eh);
		int cx = x + w - 44, cy = y + 44;
		ui_circle(ui, cx, cy, 44, t->success);
		SDL_SetRenderDrawColor(ui->renderer, 255, 255, 255, 255);
		for (int d = -4; d <= 4 && !ui->measuring; d++) {
			SDL_RenderDrawLine(ui->renderer, cx - 22, cy + d, cx - 6, cy + 16 + d);
			SDL_RenderDrawLine(ui->renderer, cx - 6, cy + 16 + d, cx + 24, cy - 16 + d);
		}
		ui_text(ui, UI_FONT_LABEL, t->success, x + w - 110, y + 44 - eh / 2, 0, UI_RIGHT,
			_("Enrolled"));
		ew += 110;
	}
	y += 6 +
	     ui_text(ui, UI_FONT_BODY, t->muted, x, y, w - ew - 20, UI_LEFT, _("Utility account"));
	y += 30 + ui_value(ui, UI_FONT_LABEL, t->text, x, y, w - ew - 20, UI_LEFT,
			   a->bill.display_number);
	y += 6 + ui_text(ui, UI_FONT_BODY, t->muted, x, y, w, UI_LEFT,
			 a->paperless ? _("Your bills are emailed to")
				      : _("Your bills will be emailed to"));
	/* The address as one piece: set smaller or shortened in its middle, never broken. */
	ui_value(ui, UI_FONT_HEADING, t->text, x, y, w, UI_LEFT, s->resident_email);
	y = chrome_panel_end(ui) + 40;
	y += chrome_notice(ui, s, y) + 20;
	ui_text(ui, UI_FONT_BODY, t->muted, MARGIN, y, CONTENT_W, UI_LEFT,
		a->paperless ? _("To get paper bills by mail again, stop paperless billing.")
			     : _("Is this the right email address? Tap Confirm to enroll."));
	chrome_content_end(ui);
	if (a->paperless)
		chrome_nav_right(ui, stop, UI_DANGER, true, screen_tag(CORE_EV_PAPERLESS_SET, 0));
	else
		chrome_nav_right(ui, confirm, UI_PRIMARY, true,
				 screen_tag(CORE_EV_PAPERLESS_SET, 1));
	chrome_nav(ui, true, false, NULL, false);
}
