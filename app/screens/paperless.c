/* Paperless billing: where the bills will be emailed, "Confirm"; once enrolled, "Enrolled"
 * and "Stop Paperless". */
#include <stdio.h>
#include <string.h>

#include "app/screens/screens_internal.h"

void screen_paperless(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	const struct core_account *a = &s->accounts[s->current];
	int x = MARGIN + 50, w = CONTENT_W - 100, y;

	(void)ctx;
	y = chrome_title(ui, _("Paperless Billing"),
			 _("Receive your bills by email instead of by mail. It's faster, more "
			   "secure, and helps reduce paper waste."));
	chrome_panel(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 360});
	ui_text(ui, UI_FONT_BODY, t->muted, x, y + 40, 0, UI_LEFT, _("Utility account"));
	ui_text(ui, UI_FONT_LABEL, t->text, x, y + 95, 0, UI_LEFT, a->bill.display_number);
	ui_text(ui, UI_FONT_BODY, t->muted, x, y + 180, 0, UI_LEFT,
		a->paperless ? _("Your bills are emailed to") : _("Your bills will be emailed to"));
	ui_text(ui, UI_FONT_HEADING, t->text, x, y + 235, w, UI_LEFT, s->resident_email);
	if (a->paperless) {
		int cx = x + w - 50, cy = y + 80;
		ui_circle(ui, cx, cy, 44, t->success);
		SDL_SetRenderDrawColor(ui->renderer, 255, 255, 255, 255);
		for (int d = -4; d <= 4; d++) {
			SDL_RenderDrawLine(ui->renderer, cx - 22, cy + d, cx - 6, cy + 16 + d);
			SDL_RenderDrawLine(ui->renderer, cx - 6, cy + 16 + d, cx + 24, cy - 16 + d);
		}
		ui_text(ui, UI_FONT_LABEL, t->success, x + w - 110, y + 40, 0, UI_RIGHT,
			_("Enrolled"));
	}
	y += 360 + 40;
	y += chrome_notice(ui, s, y) + 20;
	if (a->paperless) {
		ui_text(ui, UI_FONT_BODY, t->muted, MARGIN, y, CONTENT_W, UI_LEFT,
			_("To get paper bills by mail again, stop paperless billing."));
		ui_button(ui, (SDL_Rect){UI_W - MARGIN - 460, NAV_Y, 460, NAV_H},
			  _("Stop Paperless"), UI_DANGER, screen_tag(CORE_EV_PAPERLESS_SET, 0));
	} else {
		ui_text(ui, UI_FONT_BODY, t->muted, MARGIN, y, CONTENT_W, UI_LEFT,
			_("Is this the right email address? Tap Confirm to enroll."));
		ui_button(ui, (SDL_Rect){UI_W - MARGIN - 380, NAV_Y, 380, NAV_H}, _("Confirm"),
			  UI_PRIMARY, screen_tag(CORE_EV_PAPERLESS_SET, 1));
	}
	chrome_nav(ui, true, false, NULL, false);
}
