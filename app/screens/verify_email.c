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
	const char *p = strstr(fmt, "%s");
	int ev;
	char sent[256];
	int y;

	(void)ctx;
	if (p)
		snprintf(sent, sizeof(sent), "%.*s%s%s", (int)(p - fmt), fmt, s->email, p + 2);
	else
		snprintf(sent, sizeof(sent), "%s", fmt);
	y = chrome_title(ui, _("Confirm your email"), sent);
	ev = screen_tag(CORE_EV_FOCUS, CORE_FIELD_CODE);
	ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W / 2, 170}, _("Verification code"), s->code,
		 "000000", s->focus == CORE_FIELD_CODE, s->notice.field == CORE_FIELD_CODE, ev);
	ev = TAG(CORE_EV_RESEND_CODE);
	/* After the last wrong try only a new code helps: it becomes the button to press. */
	ui_button(ui, (SDL_Rect){MARGIN + CONTENT_W / 2 + 30, y + 58, CONTENT_W / 2 - 30, 112},
		  _("Resend code"), s->code_spent ? UI_PRIMARY : UI_SECONDARY, ev);
	y += 170;
	y += chrome_field_notice(ui, s, CORE_FIELD_CODE, MARGIN, y, CONTENT_W);
	y += chrome_notice(ui, s, y) + 20;
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_LEFT,
		_("Didn't see the verification email? Check your junk or spam folder."));
	y += 90;
	chrome_keys(ui, s, y > 1080 ? y : 1080);
	chrome_nav(ui, true, false, _("Verify"), !s->code_spent);
}
