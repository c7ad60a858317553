/* Out of service: the kiosk takes no payments and says where else to pay (the message and the
 * city's website, phone and hours come from the configuration, local or remote), in the
 * resident's language. */
#include <stdio.h>

#include "app/screens/screens_internal.h"

/* One "label: value" line of the contact list; returns the height used. */
static int contact(struct ui *ui, int y, const char *fmt, const char *value)
{
	if (!value || !value[0])
		return 0;
	/* A website or phone number is one piece: shortened in its middle, never broken. */
	return ui_text_value(ui, UI_FONT_BODY, ui->theme.text, MARGIN + 60, y, CONTENT_W - 120,
			     UI_CENTER, fmt, value) +
	       16;
}

void screen_out_of_service(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	const char *msg =
	    words_configured(ui, ctx->out_of_service_message, ctx->out_of_service_message_es);
	const char *hours = words_configured(ui, ctx->city_hours, ctx->city_hours_es);
	int y = chrome_top(ui) + 260;

	(void)s;
	y += ui_text(ui, ui_fit_font(ui, UI_FONT_TITLE, CONTENT_W, _("Out of service")), t->text,
		     MARGIN, y, CONTENT_W, UI_CENTER, _("Out of service"));
	y += 40;
	y += ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 60, y, CONTENT_W - 120, UI_CENTER,
		     _("This kiosk is not taking payments right now."));
	y += 40;
	if (ctx->identity_problem && ctx->identity_problem[0]) {
		y += ui_text(ui, UI_FONT_BODY, t->text, MARGIN + 60, y, CONTENT_W - 120, UI_CENTER,
			     _(ctx->identity_problem));
		y += 40;
	}
	if (msg)
		y += ui_text(ui, UI_FONT_BODY, t->text, MARGIN + 60, y, CONTENT_W - 120, UI_CENTER,
			     msg) +
		     40;
	if ((ctx->city_website && ctx->city_website[0]) ||
	    (ctx->city_phone && ctx->city_phone[0])) {
		y += ui_text(ui, UI_FONT_LABEL, t->text, MARGIN + 60, y, CONTENT_W - 120, UI_CENTER,
			     _("Other ways to pay")) +
		     20;
		y += contact(ui, y, _("Online: %s"), ctx->city_website);
		y += contact(ui, y, _("By phone: %s"), ctx->city_phone);
		y += contact(ui, y, _("Hours: %s"), hours);
	}
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y + 40, CONTENT_W, UI_CENTER,
		words_configured(ui, ctx->help_text, ctx->help_text_es));
}
