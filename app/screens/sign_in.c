/* Sign in: the sign-in box (email, password, "Forgot password?") with "Create Your Account"
 * at its bottom, as on the city portal; the email keyboard below. */
#include "app/screens/screens_internal.h"

void screen_sign_in(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	int ev;
	int x = MARGIN + 40, w = CONTENT_W - 80, y, bh, th;

	(void)ctx;
	y = chrome_title(ui, _("Sign In"), _("With your city portal account"));
	/* The box grows with what it holds (messages included): measured, then placed. */
	y = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 40) + 36;
	y += chrome_field(ui, s, x, y, w, 0, CORE_FIELD_EMAIL, _("Email"), s->email,
			  _("name@example.com"), false) +
	     16;
	y += chrome_field(ui, s, x, y, w, 0, CORE_FIELD_PASSWORD, _("Password"), s->password, NULL,
			  true) +
	     16;
	if (chrome_notice_height(ui, s))
		y += chrome_notice(ui, s, y) + 16;
	bh = ui_button_height(ui, w * 3 / 5, _("Sign In"), NULL, 110);
	if (ui_button_height(ui, w * 2 / 5 - 20, _("Forgot password?"), NULL, 110) > bh)
		bh = ui_button_height(ui, w * 2 / 5 - 20, _("Forgot password?"), NULL, 110);
	ev = TAG(CORE_EV_CONTINUE);
	ui_button(ui, (SDL_Rect){x, y, w * 3 / 5, bh}, _("Sign In"), UI_PRIMARY, ev);
	ev = TAG(CORE_EV_FORGOT_PASSWORD);
	ui_button(ui, (SDL_Rect){x + w * 3 / 5 + 20, y, w * 2 / 5 - 20, bh}, _("Forgot password?"),
		  UI_QUIET, ev);
	y += bh + 30;
	ui_fill(ui, (SDL_Rect){x, y, w, 2}, t->border);
	y += 20;
	bh = ui_button_height(ui, w / 2, _("Create Your Account"), NULL, 96);
	th = ui_text_height(ui, UI_FONT_SMALL, w / 2 - 20, _("New to the city portal?"));
	ui_text(ui, UI_FONT_SMALL, t->muted, x, y + (bh - th) / 2, w / 2 - 20, UI_LEFT,
		_("New to the city portal?"));
	ev = TAG(CORE_EV_CREATE_ACCOUNT);
	ui_button(ui, (SDL_Rect){x + w / 2, y, w / 2, bh}, _("Create Your Account"), UI_SECONDARY,
		  ev);
	y = chrome_panel_end(ui);
	chrome_keys(ui, s, y + 20);
	chrome_nav(ui, true, false, NULL, false);
}
