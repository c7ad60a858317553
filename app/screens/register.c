/* Create Your Account: email, password with its rule shown while typing, confirm password,
 * first and last name, an optional mobile number and an unticked "Receive text messages". */
#include <string.h>

#include "app/core/validate.h"
#include "app/screens/screens_internal.h"

#define HALF ((CONTENT_W - 30) / 2)

static int max2(int a, int b)
{
	return a > b ? a : b;
}

/* Two fields side by side, their boxes level (the taller label sets both); returns the
 * height of the taller with its message. */
static int pair(struct ui *ui, const struct core_state *s, int y, enum core_field f1,
		const char *l1, const char *v1, enum core_field f2, const char *l2, const char *v2,
		bool masked)
{
	int h = max2(ui_field_height(ui, HALF, l1, NULL, FIELD_BOX_H),
		     ui_field_height(ui, HALF, l2, NULL, FIELD_BOX_H));
	int a = chrome_field(ui, s, MARGIN, y, HALF, h, f1, l1, v1, NULL, masked);
	int b = chrome_field(ui, s, MARGIN + HALF + 30, y, HALF, h, f2, l2, v2, NULL, masked);

	return max2(a, b);
}

void screen_register(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	int ev;
	bool long_enough = strlen(s->password) >= VALIDATE_PASSWORD_MIN;
	int y, a, h, x2 = MARGIN + HALF + 30;

	(void)ctx;
	y = chrome_title(ui, _("Create Your Account"), NULL) - 20;
	y += chrome_field(ui, s, MARGIN, y, CONTENT_W, 0, CORE_FIELD_EMAIL, _("Email"), s->email,
			  NULL, false) +
	     16;
	y += pair(ui, s, y, CORE_FIELD_PASSWORD, _("Password"), s->password, CORE_FIELD_PASSWORD2,
		  _("Confirm password"), s->password2, true) +
	     8;
	/* The rule, always in sight while the password is typed. */
	h = ui_text_height(ui, UI_FONT_SMALL, CONTENT_W - 42, _("At least 10 characters"));
	ui_circle(ui, MARGIN + 14, y + h / 2, 14, long_enough ? t->success : t->border);
	y += 16 + ui_text(ui, UI_FONT_SMALL, long_enough ? t->success : t->muted, MARGIN + 42, y,
			  CONTENT_W - 42, UI_LEFT, _("At least 10 characters"));
	y += pair(ui, s, y, CORE_FIELD_FIRST_NAME, _("First name"), s->first_name,
		  CORE_FIELD_REG_LAST_NAME, _("Last name"), s->reg_last_name, false) +
	     16;
	a = chrome_field(ui, s, MARGIN, y, HALF, 0, CORE_FIELD_MOBILE,
			 _("Mobile number (optional)"), s->mobile, NULL, false);
	/* Level with the mobile number's box, which it belongs to. */
	ev = TAG(CORE_EV_TOGGLE_SMS);
	h = ui_checkbox_height(ui, HALF, _("Receive text messages"));
	ui_checkbox(ui,
		    (SDL_Rect){x2,
			       y + max2(0, ui_field_height(ui, HALF, _("Mobile number (optional)"),
							   NULL, FIELD_BOX_H) -
					       h),
			       HALF, h},
		    _("Receive text messages"), s->sms_opt_in, ev);
	y += max2(a, h) + 16;
	y += chrome_notice(ui, s, y);
	chrome_keys(ui, s, y + 10);
	chrome_nav(ui, true, false, _("Register"), true);
}
