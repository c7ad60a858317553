/* Sign in: the sign-in box (email, password, "Forgot password?") with "Create Your Account"
 * at its bottom, as on the city portal; the email keyboard below. */
#include "app/screens/screens_internal.h"

void screen_sign_in(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	int ev;
	int x = MARGIN + 40, w = CONTENT_W - 80, y, top;

	(void)ctx;
	y = chrome_title(ui, _("Sign In"), _("With your city portal account"));
	top = y;
	/* The box first, sized for what it will hold (messages included). */
	chrome_panel(ui, (SDL_Rect){MARGIN, top, CONTENT_W,
				    36 + 156 + 156 + 140 + 20 + 96 + 40 +
					chrome_field_notice_height(ui, s, CORE_FIELD_EMAIL, w) +
					chrome_field_notice_height(ui, s, CORE_FIELD_PASSWORD, w) +
					chrome_notice_height(ui, s) +
					(chrome_notice_height(ui, s) ? 16 : 0)});
	y += 36;
	ev = screen_tag(CORE_EV_FOCUS, CORE_FIELD_EMAIL);
	ui_field(ui, (SDL_Rect){x, y, w, 140}, _("Email"), s->email, _("name@example.com"),
		 s->focus == CORE_FIELD_EMAIL, s->notice.field == CORE_FIELD_EMAIL, ev);
	y += 140;
	y += chrome_field_notice(ui, s, CORE_FIELD_EMAIL, x, y, w) + 16;
	ev = screen_tag(CORE_EV_FOCUS, CORE_FIELD_PASSWORD);
	ui_field_ex(ui, (SDL_Rect){x, y, w, 140}, _("Password"), s->password, NULL,
		    s->focus == CORE_FIELD_PASSWORD, s->notice.field == CORE_FIELD_PASSWORD, true,
		    ev);
	y += 140;
	y += chrome_field_notice(ui, s, CORE_FIELD_PASSWORD, x, y, w) + 16;
	if (chrome_notice_height(ui, s))
		y += chrome_notice(ui, s, y) + 16;
	ev = TAG(CORE_EV_CONTINUE);
	ui_button(ui, (SDL_Rect){x, y, w * 3 / 5, 110}, _("Sign In"), UI_PRIMARY, ev);
	ev = TAG(CORE_EV_FORGOT_PASSWORD);
	ui_button(ui, (SDL_Rect){x + w * 3 / 5 + 20, y, w * 2 / 5 - 20, 110}, _("Forgot password?"),
		  UI_QUIET, ev);
	y += 140;
	ui_fill(ui, (SDL_Rect){x, y, w, 2}, t->border);
	y += 20;
	ui_text(ui, UI_FONT_SMALL, t->muted, x, y + 30, 0, UI_LEFT, _("New to the city portal?"));
	ev = TAG(CORE_EV_CREATE_ACCOUNT);
	ui_button(ui, (SDL_Rect){x + w / 2, y, w / 2, 96}, _("Create Your Account"), UI_SECONDARY,
		  ev);
	y += 96 + 40;
	chrome_keys(ui, s, y + 20 > 1180 ? y + 20 : 1180);
	chrome_nav(ui, true, false, NULL, false);
}
