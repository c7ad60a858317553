/* The receipt by email or text message, chosen after a payment: the screen that takes the
 * address (a signed-in resident's own is offered) or the mobile number, the send, and its
 * answer. The address and number live only in the session's fields and the one effect that
 * carries them, and are wiped once sent, on Back and when the session ends. */
#include <stdio.h>
#include <string.h>

#include "app/core/core_internal.h"
#include "app/core/validate.h"

static void wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n--)
		*v++ = 0;
}

void receipt_send_forget(struct core_state *s)
{
	wipe(s->email, sizeof(s->email));
	wipe(s->mobile, sizeof(s->mobile));
}

/* Whether the payment on the result screen may have its receipt sent: an approved one (the
 * portal keeps only those), not already sent that way, nothing in flight. */
static bool can_send(const struct core_state *s, bool already)
{
	return s->screen == CORE_SCREEN_PAY_RESULT && !s->busy &&
	       s->outcome == CORE_OUTCOME_APPROVED && s->reference[0] && !already;
}

/* The effect that sends the receipt of the payment shown; its address or number to fill. */
static struct core_account_req *send(struct core_state *s, struct core_effects *fx,
				     enum core_effect_type type, int64_t now)
{
	struct core_account_req *r = account_request(s, fx, type, now);

	core_copy(r->reference, sizeof(r->reference), s->reference);
	return r;
}

void receipt_email_next(struct core_state *s, struct core_effects *fx, int64_t now)
{
	if (!s->email[0]) {
		account_field_error(s, CORE_FIELD_EMAIL, N_("Enter your email address."));
		return;
	}
	if (validate_email(s->email) != 0) {
		account_field_error(
		    s, CORE_FIELD_EMAIL,
		    N_("Enter a valid email address, for example name@example.com."));
		return;
	}
	core_copy(send(s, fx, CORE_FX_EMAIL_RECEIPT, now)->email, sizeof(fx->fx[0].acct.email),
		  s->email);
}

void receipt_text_next(struct core_state *s, struct core_effects *fx, int64_t now)
{
	char e164[16];

	if (validate_sms_number(s->mobile, e164, sizeof(e164)) != 0) {
		account_field_error(
		    s, CORE_FIELD_MOBILE,
		    N_("Enter a 10-digit US mobile number, for example 312 555 0147."));
		return;
	}
	core_copy(send(s, fx, CORE_FX_TEXT_RECEIPT, now)->mobile, sizeof(fx->fx[0].acct.mobile),
		  e164);
	wipe(e164, sizeof(e164));
}

void receipt_send_back(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)fx;
	(void)now;
	receipt_send_forget(s);
	core_go(s, CORE_SCREEN_PAY_RESULT);
}

/* "(312) 555-0147" from what was typed, for the message that says where it went. */
static void shown_number(const char *typed, char *out, size_t n)
{
	char e164[16];

	if (validate_sms_number(typed, e164, sizeof(e164)) == 0)
		snprintf(out, n, "(%.3s) %.3s-%.4s", e164 + 2, e164 + 5, e164 + 8);
	else
		core_copy(out, n, typed);
	wipe(e164, sizeof(e164));
}

static void sent(struct core_state *s, const struct core_event *ev, int64_t now)
{
	char where[48];
	bool email = ev->op == CORE_FX_EMAIL_RECEIPT;

	s->busy = CORE_BUSY_NONE;
	s->last_activity_ms = now;
	if (ev->failure != CORE_FAIL_NONE) {
		enum core_field f = email ? CORE_FIELD_EMAIL : CORE_FIELD_MOBILE;

		if (ev->failure == CORE_FAIL_REFUSED)
			account_field_error(
			    s, f,
			    email ? N_("The city could not send to this address. Please "
				       "check it, or print your receipt instead.")
				  : N_("The city could not send a text message to this "
				       "number. Please check it, or print your receipt "
				       "instead."));
		else
			core_set_notice(s,
					N_("We couldn't send your receipt right now. Please try "
					   "again, or print it instead."),
					NULL, true, 0);
		return;
	}
	if (email) {
		s->receipt_emailed = true;
		core_copy(where, sizeof(where), strlen(s->email) < sizeof(where) ? s->email : "");
	} else {
		s->receipt_texted = true;
		shown_number(s->mobile, where, sizeof(where));
	}
	receipt_send_forget(s);
	core_go(s, CORE_SCREEN_PAY_RESULT);
	if (where[0])
		core_set_notice(s, N_("Your receipt is on its way to %s."), where, false,
				now + s->cfg.toast_ms);
	else
		core_set_notice(s, N_("Your receipt is on its way."), NULL, false,
				now + s->cfg.toast_ms);
	wipe(where, sizeof(where));
}

bool receipt_send_handle(struct core_state *s, const struct core_event *ev, struct core_effects *fx)
{
	(void)fx; /* the effects leave from Continue (the screen table) */
	switch (ev->type) {
	case CORE_EV_EMAIL_RECEIPT:
		if (!can_send(s, s->receipt_emailed))
			return false;
		receipt_send_forget(s);
		/* A signed-in resident's own address is offered; they may type another. */
		if (s->signed_in)
			core_copy(s->email, sizeof(s->email), s->resident_email);
		s->shift = false;
		core_go(s, CORE_SCREEN_RECEIPT_EMAIL);
		return true;
	case CORE_EV_TEXT_RECEIPT:
		if (!can_send(s, s->receipt_texted))
			return false;
		receipt_send_forget(s);
		core_go(s, CORE_SCREEN_RECEIPT_TEXT);
		return true;
	case CORE_EV_RECEIPT_SENT:
		if (ev->request_id != s->request_id || s->busy != CORE_BUSY_ACCOUNT ||
		    (s->screen != CORE_SCREEN_RECEIPT_EMAIL &&
		     s->screen != CORE_SCREEN_RECEIPT_TEXT))
			return false; /* the session ended or moved on meanwhile */
		sent(s, ev, ev->now_ms);
		return true;
	default: return false;
	}
}
