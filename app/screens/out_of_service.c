/* Out of service: the kiosk takes no payments and says where else to pay (the message comes
 * from the configuration, local or remote). */

#include "app/screens/screens_internal.h"

void screen_out_of_service(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	int y = chrome_top(ui) + 320;

	(void)s;
	y += ui_text(ui, ui_fit_font(ui, UI_FONT_TITLE, CONTENT_W, _("Out of service")), t->text,
		     MARGIN, y, CONTENT_W, UI_CENTER, _("Out of service"));
	y += 40;
	y += ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 60, y, CONTENT_W - 120, UI_CENTER,
		     _("This kiosk is not taking payments right now."));
	y += 40;
	if (ctx->identity_problem) {
		y += ui_text(ui, UI_FONT_BODY, t->text, MARGIN + 60, y, CONTENT_W - 120, UI_CENTER,
			     _(ctx->identity_problem));
		y += 40;
	}
	if (ctx->out_of_service_message && ctx->out_of_service_message[0])
		y += 60 + ui_text(ui, UI_FONT_BODY, t->text, MARGIN + 60, y, CONTENT_W - 120,
				  UI_CENTER, ctx->out_of_service_message);
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_CENTER, _(ctx->help_text));
}
