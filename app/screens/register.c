/* Create Your Account: email, password with its rule shown while typing, confirm password,
 * first and last name, an optional mobile number and an unticked "Receive text messages". */
#include <string.h>

#include "app/core/validate.h"
#include "app/screens/screens_internal.h"

#define ROW_H 140
#define HALF ((CONTENT_W - 30) / 2)

/* A field of the form at (x, y, w); returns the height used, its message included. */
static int field(struct ui *ui, const struct core_state *s, int x, int y, int w, enum core_field f,
		 const char *label, const char *value, bool masked)
{
	int ev;

	ev = screen_tag(CORE_EV_FOCUS, f);
	ui_field_ex(ui, (SDL_Rect){x, y, w, ROW_H}, label, value, NULL, s->focus == f,
		    s->notice.field == f, masked, ev);
	return ROW_H + chrome_field_notice(ui, s, f, x, y + ROW_H, w);
}

static int max2(int a, int b)
{
	return a > b ? a : b;
}

void screen_register(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	int ev;
	bool long_enough = strlen(s->password) >= VALIDATE_PASSWORD_MIN;
	int y, a, b, x2 = MARGIN + HALF + 30;

	(void)ctx;
	y = chrome_title(ui, _("Create Your Account"), NULL) - 20;
	y += field(ui, s, MARGIN, y, CONTENT_W, CORE_FIELD_EMAIL, _("Email"), s->email, false) + 16;
	a = field(ui, s, MARGIN, y, HALF, CORE_FIELD_PASSWORD, _("Password"), s->password, true);
	b = field(ui, s, x2, y, HALF, CORE_FIELD_PASSWORD2, _("Confirm password"), s->password2,
		  true);
	y += max2(a, b) + 8;
	/* The rule, always in sight while the password is typed. */
	ui_circle(ui, MARGIN + 14, y + 22, 14, long_enough ? t->success : t->border);
	ui_text(ui, UI_FONT_SMALL, long_enough ? t->success : t->muted, MARGIN + 42, y + 4, 0,
		UI_LEFT, _("At least 10 characters"));
	y += 60;
	a = field(ui, s, MARGIN, y, HALF, CORE_FIELD_FIRST_NAME, _("First name"), s->first_name,
		  false);
	b = field(ui, s, x2, y, HALF, CORE_FIELD_REG_LAST_NAME, _("Last name"), s->reg_last_name,
		  false);
	y += max2(a, b) + 16;
	a = field(ui, s, MARGIN, y, HALF, CORE_FIELD_MOBILE, _("Mobile number (optional)"),
		  s->mobile, false);
	ev = TAG(CORE_EV_TOGGLE_SMS);
	ui_checkbox(ui, (SDL_Rect){x2, y + 45, HALF, ROW_H - 45}, _("Receive text messages"),
		    s->sms_opt_in, ev);
	y += a + 16;
	y += chrome_notice(ui, s, y);
	chrome_keys(ui, s, y + 10 > 1190 ? y + 10 : 1190);
	chrome_nav(ui, true, false, _("Register"), true);
}
