/* "Email receipt" and "Text receipt": one field (the address on the email keyboard, or the
 * mobile number on the keypad), "Send", and Back to the result. One function, two rows. */
#include "app/screens/screens_internal.h"

struct receipt_send_view {
	enum core_field field;
	const char *title;
	const char *subtitle;
	const char *label;
	const char *hint;
	int width; /* of the field */
};

static const struct receipt_send_view views[] = {
    {CORE_FIELD_EMAIL, N_("Email receipt"),
     N_("Where should we send your receipt? The address is used only for this receipt and is "
	"not kept at the kiosk."),
     N_("Email address"), "name@example.com", CONTENT_W},
    {CORE_FIELD_MOBILE, N_("Text receipt"),
     N_("Which mobile number should get your receipt? The number is used only for this receipt "
	"and is not kept at the kiosk. Message and data rates may apply."),
     N_("Mobile number"), "312 555 0147", CONTENT_W * 2 / 3},
};

void screen_receipt_send(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct receipt_send_view *v = &views[s->screen == CORE_SCREEN_RECEIPT_TEXT];
	int y;

	(void)ctx;
	y = chrome_title(ui, _(v->title), _(v->subtitle));
	/* Measured: label, hint, box and its message, then the keys below. */
	y += chrome_field(ui, s, MARGIN, y, v->width, 0, v->field, _(v->label),
			  core_field_text(s, v->field), v->hint, false);
	y += chrome_notice(ui, s, y) + 20;
	chrome_keys(ui, s, y);
	chrome_nav(ui, true, true, _("Send"), s->busy == CORE_BUSY_NONE);
}
