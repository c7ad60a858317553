/* Confirm your email: the 6-digit code the portal emailed, "Verify", "Resend code" and where
 * else to look for the email. */
#include <stdio.h>
#include <string.h>

#include "app/screens/screens_internal.h"

void screen_verify_email(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	const char *fmt =
	    _("We sent a 6-digit verification code to %s. It is valid for 15 minutes.");
	int ev;
	int y, fh, bh;

	(void)ctx;
	y = chrome_title(ui, _("Confirm your email"), NULL) - 28;
	/* The address shortened in its middle if it must, never broken. */
	y += ui_text_value(ui, UI_FONT_BODY, t->muted, MARGIN, y, CONTENT_W, UI_LEFT, fmt,
			   s->email) +
	     40;
	/* Resend level with the code's box. */
	fh = ui_field_height(ui, CONTENT_W / 2, _("Verification code"), NULL, FIELD_BOX_H);
	bh = ui_button_height(ui, CONTENT_W / 2 - 30, _("Resend code"), NULL, FIELD_BOX_H);
	ev = TAG(CORE_EV_RESEND_CODE);
	/* After the last wrong try only a new code helps: it becomes the button to press. */
	ui_button(ui,
		  (SDL_Rect){MARGIN + CONTENT_W / 2 + 30, y + (fh > bh ? fh - bh : 0),
			     CONTENT_W / 2 - 30, bh},
		  _("Resend code"), s->code_spent ? UI_PRIMARY : UI_SECONDARY, ev);
	y += chrome_field(ui, s, MARGIN, y, CONTENT_W / 2, 0, CORE_FIELD_CODE,
			  _("Verification code"), s->code, NULL, false);
	y += chrome_notice(ui, s, y) + 20;
	y += 30 + ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_LEFT,
			  _("Didn't see the verification email? Check your junk or spam folder."));
	chrome_keys(ui, s, y);
	chrome_nav(ui, true, false, _("Verify"), !s->code_spent);
}
