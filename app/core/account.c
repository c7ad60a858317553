/* A resident's account at the kiosk as part of the core's state machine: sign in, register
 * and verify the email, Home, link and unlink utility accounts, the utility bill, paperless,
 * bills and payments, and Auto Pay. Pure, like core.c: events in, effects out. */
#include <stdio.h>
#include <string.h>

#include "app/core/core_internal.h"
#include "app/core/money.h"
#include "app/core/validate.h"

#define CUSTOMER_MIN_DIGITS 6
#define LINK_TOAST_MS 15000 /* long enough to read the whole "Failed to Link Account" */

enum core_field autopay_first_field(const struct core_state *s)
{
	return s->ap_refused || s->ap_by_card ? CORE_FIELD_NONE : CORE_FIELD_ROUTING;
}

size_t account_field_max(enum core_field f)
{
	switch (f) {
	case CORE_FIELD_EMAIL: return VALIDATE_EMAIL_MAX;
	case CORE_FIELD_PASSWORD:
	case CORE_FIELD_PASSWORD2: return VALIDATE_PASSWORD_MAX;
	case CORE_FIELD_FIRST_NAME:
	case CORE_FIELD_REG_LAST_NAME:
	case CORE_FIELD_BANK_NAME: return 40;
	case CORE_FIELD_MOBILE: return 11;
	case CORE_FIELD_CODE: return 6;
	case CORE_FIELD_ROUTING: return 9;
	case CORE_FIELD_BANK_ACCOUNT: return 17;
	default: return 0;
	}
}

/* An error said at its field, which gets the cursor. */
static void field_error(struct core_state *s, enum core_field f, const char *msgid)
{
	core_set_notice(s, msgid, NULL, true, 0);
	s->notice.field = f;
	s->focus = f;
}

/* A wrong code: how many tries the portal still takes (said and shown at the field). */
static const char *const tries_left_msg[2] = {
    NP_("That code is not right. You have %s more try.",
	"That code is not right. You have %s more tries.")};

static void toast(struct core_state *s, const char *msgid, const char *arg, int64_t now)
{
	core_set_notice(s, msgid, arg, false, now + s->cfg.toast_ms);
}

static void wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n--)
		*v++ = 0;
}

/* The passwords and the code leave memory as soon as they have been used. */
static void wipe_secrets(struct core_state *s)
{
	wipe(s->password, sizeof(s->password));
	wipe(s->password2, sizeof(s->password2));
	wipe(s->code, sizeof(s->code));
}

/* Queues an account effect carrying req; the resident waits under "One moment". */
static struct core_account_req *request(struct core_state *s, struct core_effects *fx,
					enum core_effect_type type, int64_t now)
{
	s->request_id++;
	s->busy = CORE_BUSY_ACCOUNT;
	s->last_activity_ms = now;
	core_clear_notice(s);
	core_add_fx(fx, type, s);
	return &fx->fx[fx->count - 1].acct;
}

struct core_account_req *account_request(struct core_state *s, struct core_effects *fx,
					 enum core_effect_type type, int64_t now)
{
	return request(s, fx, type, now);
}

void account_field_error(struct core_state *s, enum core_field f, const char *msgid)
{
	field_error(s, f, msgid);
}

static const struct core_account *current(const struct core_state *s)
{
	return s->current >= 0 && s->current < s->account_count ? &s->accounts[s->current] : NULL;
}

static void request_for_current(struct core_state *s, struct core_effects *fx,
				enum core_effect_type type, int64_t now)
{
	const struct core_account *a = current(s);

	s->bill = a ? a->bill : s->bill;
	request(s, fx, type, now);
}

/* ---- sign in, register, verify ---- */

static bool email_ok(struct core_state *s)
{
	if (!s->email[0]) {
		field_error(s, CORE_FIELD_EMAIL, N_("Enter your email address."));
		return false;
	}
	if (validate_email(s->email) != 0) {
		field_error(s, CORE_FIELD_EMAIL,
			    N_("Enter a valid email address, for example name@example.com."));
		return false;
	}
	return true;
}

void sign_in_next(struct core_state *s, struct core_effects *fx, int64_t now)
{
	struct core_account_req *r;

	if (!email_ok(s))
		return;
	if (!s->password[0]) {
		field_error(s, CORE_FIELD_PASSWORD, N_("Enter your password."));
		return;
	}
	r = request(s, fx, CORE_FX_SIGN_IN, now);
	core_copy(r->email, sizeof(r->email), s->email);
	core_copy(r->password, sizeof(r->password), s->password);
}

static void forgot_password(struct core_state *s, struct core_effects *fx, int64_t now)
{
	if (!s->email[0] || validate_email(s->email) != 0) {
		field_error(s, CORE_FIELD_EMAIL,
			    N_("Enter your email address above, then tap \"Forgot password?\"."));
		return;
	}
	core_copy(request(s, fx, CORE_FX_FORGOT_PASSWORD, now)->email, sizeof(s->email), s->email);
}

void register_next(struct core_state *s, struct core_effects *fx, int64_t now)
{
	char first[48], last[48], mobile[16];
	struct core_account_req *r;

	core_trim(s->first_name, first, sizeof(first));
	core_trim(s->reg_last_name, last, sizeof(last));
	if (!email_ok(s))
		return;
	if (validate_password(s->password) != 0) {
		field_error(s, CORE_FIELD_PASSWORD,
			    N_("Your password needs at least 10 characters."));
		return;
	}
	if (strcmp(s->password, s->password2) != 0) {
		field_error(s, CORE_FIELD_PASSWORD2, N_("The two passwords are not the same."));
		return;
	}
	if (!first[0]) {
		field_error(s, CORE_FIELD_FIRST_NAME, N_("Enter your first name."));
		return;
	}
	if (!last[0]) {
		field_error(s, CORE_FIELD_REG_LAST_NAME, N_("Enter your last name."));
		return;
	}
	if (validate_mobile(s->mobile, mobile, sizeof(mobile)) != 0) {
		field_error(s, CORE_FIELD_MOBILE,
			    N_("Enter a 10-digit mobile number, or leave it empty."));
		return;
	}
	if (s->sms_opt_in && !mobile[0]) {
		field_error(s, CORE_FIELD_MOBILE,
			    N_("To receive text messages, enter a mobile number."));
		return;
	}
	r = request(s, fx, CORE_FX_REGISTER, now);
	core_copy(r->email, sizeof(r->email), s->email);
	core_copy(r->password, sizeof(r->password), s->password);
	core_copy(r->first_name, sizeof(r->first_name), first);
	core_copy(r->last_name, sizeof(r->last_name), last);
	core_copy(r->mobile, sizeof(r->mobile), mobile);
	r->sms_opt_in = s->sms_opt_in && mobile[0];
}

void verify_email_next(struct core_state *s, struct core_effects *fx, int64_t now)
{
	struct core_account_req *r;

	if (validate_code(s->code) != 0) {
		field_error(s, CORE_FIELD_CODE, N_("Enter the 6-digit code from the email."));
		return;
	}
	r = request(s, fx, CORE_FX_VERIFY, now);
	core_copy(r->email, sizeof(r->email), s->email);
	core_copy(r->code, sizeof(r->code), s->code);
}

/* ---- linking ---- */

void link_account_next(struct core_state *s, struct core_effects *fx, int64_t now)
{
	char digits[16], name[48];
	int64_t cents = 0;

	core_normalize_customer(s->customer_number, digits, sizeof(digits));
	if (strlen(digits) < CUSTOMER_MIN_DIGITS) {
		field_error(s, CORE_FIELD_CUSTOMER,
			    digits[0] ? N_("A customer number has 6 to 12 digits.")
				      : N_("Enter the customer number from the top of your bill, "
					   "digits only."));
		return;
	}
	core_trim(s->last_name, name, sizeof(name));
	if (s->verify == CORE_VERIFY_LAST_NAME && !name[0]) {
		field_error(s, CORE_FIELD_LAST_NAME, N_("Enter the last name on the account."));
		return;
	}
	if (s->verify == CORE_VERIFY_LAST_BILL && money_parse(s->last_bill, &cents) != 0) {
		field_error(s, CORE_FIELD_LAST_BILL,
			    N_("Enter the amount of your last bill, for example 84.17."));
		return;
	}
	memset(&s->bill, 0, sizeof(s->bill));
	core_copy(s->bill.customer_number, sizeof(s->bill.customer_number), digits);
	core_copy(s->bill.last_name, sizeof(s->bill.last_name), name);
	s->bill.last_bill_cents = cents;
	request(s, fx, CORE_FX_LINK, now);
}

/* ---- Auto Pay ---- */

static void autopay_review(struct core_state *s)
{
	int64_t cents = 0;

	s->ap_max_cents = 0;
	if (s->ap_has_max) {
		if (money_parse(s->ap_max, &cents) != 0 || cents <= 0) {
			field_error(s, CORE_FIELD_AP_MAX,
				    N_("Enter the maximum amount, for example 250.00."));
			return;
		}
		s->ap_max_cents = cents;
	}
	if (s->ap_by_card) {
		if (!s->last4[0]) {
			core_set_notice(s, N_("Swipe your card on the reader."), NULL, true, 0);
			return;
		}
	} else {
		char name[48];
		core_trim(s->bank_name, name, sizeof(name));
		if (validate_routing(s->routing) != 0) {
			field_error(
			    s, CORE_FIELD_ROUTING,
			    N_("Check the routing number: the 9 digits at the bottom left of "
			       "a check."));
			return;
		}
		if (validate_bank_account(s->bank_account) != 0) {
			field_error(s, CORE_FIELD_BANK_ACCOUNT,
				    N_("Enter the account number: 4 to 17 digits."));
			return;
		}
		if (!name[0]) {
			field_error(s, CORE_FIELD_BANK_NAME, N_("Enter the name on the account."));
			return;
		}
	}
	core_go(s, CORE_SCREEN_AUTOPAY_REVIEW);
}

void autopay_review_next(struct core_state *s, struct core_effects *fx, int64_t now)
{
	struct core_account_req *r;

	request_for_current(s, fx, CORE_FX_AUTOPAY, now);
	r = &fx->fx[fx->count - 1].acct;
	r->max_cents = s->ap_max_cents;
	r->by_card = s->ap_by_card;
	if (!s->ap_by_card) {
		core_copy(r->routing, sizeof(r->routing), s->routing);
		core_copy(r->bank_account, sizeof(r->bank_account), s->bank_account);
		core_trim(s->bank_name, r->bank_name, sizeof(r->bank_name));
		r->savings = s->ap_savings;
	}
}

/* Opens a screen reached from more than one place, remembering where from (Back goes there). */
static void open_from_here(struct core_state *s, enum core_screen to)
{
	s->opened_from[to] = s->screen;
	core_go(s, to);
}

static void open_autopay(struct core_state *s, struct core_effects *fx)
{
	/* A fresh form each time: bank details never linger from an earlier visit. */
	s->ap_has_max = false;
	wipe(s->ap_max, sizeof(s->ap_max));
	wipe(s->routing, sizeof(s->routing));
	wipe(s->bank_account, sizeof(s->bank_account));
	wipe(s->bank_name, sizeof(s->bank_name));
	s->ap_savings = false;
	s->ap_by_card = false;
	s->brand[0] = s->last4[0] = '\0';
	s->ap_refused = current(s) == NULL;
	open_from_here(s, CORE_SCREEN_AUTOPAY);
	core_add_fx(fx, CORE_FX_READER_OFF, s);
}

bool account_card_read(struct core_state *s, const struct core_event *ev, struct core_effects *fx)
{
	(void)fx;
	if (s->screen != CORE_SCREEN_AUTOPAY || !s->ap_by_card || s->busy)
		return s->screen == CORE_SCREEN_AUTOPAY || s->screen == CORE_SCREEN_AUTOPAY_REVIEW;
	if (ev->failure != CORE_FAIL_NONE) {
		core_set_notice(s, core_card_failure_text(ev->failure), NULL, true, 0);
	} else {
		core_clear_notice(s);
		core_copy(s->brand, sizeof(s->brand), ev->brand);
		core_copy(s->last4, sizeof(s->last4), ev->last4);
	}
	return true;
}

/* ---- Home ---- */

void account_home(struct core_state *s, struct core_effects *fx, bool refresh)
{
	/* What the payment flow held goes; the resident stays signed in. */
	s->outcome = CORE_OUTCOME_NONE;
	s->reference[0] = s->decline_reason[0] = s->brand[0] = s->last4[0] = '\0';
	s->amount_cents = 0;
	s->amount_text[0] = '\0';
	s->other_amount = false;
	s->receipt_printed = s->receipt_emailed = s->receipt_texted = false;
	receipt_send_forget(s);
	s->basket_count = 0;
	memset(s->basket, 0, sizeof(s->basket));
	s->busy = CORE_BUSY_NONE;
	core_go(s, CORE_SCREEN_HOME);
	core_add_fx(fx, CORE_FX_READER_OFF, s);
	if (refresh) {
		/* The balance changed: ask quietly, Home is usable meanwhile. */
		s->request_id++;
		core_add_fx(fx, CORE_FX_ACCOUNTS, s);
	}
}

static void open_link(struct core_state *s)
{
	s->customer_number[0] = s->last_name[0] = s->last_bill[0] = '\0';
	s->verify = CORE_VERIFY_LAST_NAME;
	open_from_here(s, CORE_SCREEN_LINK_ACCOUNT);
}

static void home_tile(struct core_state *s, struct core_effects *fx, int tile, int64_t now)
{
	if (tile == CORE_TILE_ADD_ACCOUNT) {
		open_link(s);
		return;
	}
	if (tile == CORE_TILE_AUTOPAY) {
		open_autopay(s, fx);
		return;
	}
	if (!current(s)) {
		open_link(s);
		/* A word about where the resident is, not an error about a field. */
		toast(s, N_("Link a utility account first."), NULL, now);
		return;
	}
	switch (tile) {
	case CORE_TILE_UTILITY_BILL: core_go(s, CORE_SCREEN_UTILITY_BILL); break;
	case CORE_TILE_PAPERLESS: open_from_here(s, CORE_SCREEN_PAPERLESS); break;
	case CORE_TILE_BILLS_PAYMENTS:
		s->history_loaded = false;
		core_go(s, CORE_SCREEN_BILLS_PAYMENTS);
		request_for_current(s, fx, CORE_FX_HISTORY, now);
		break;
	default: break;
	}
}

/* ---- Continue and Back (the screen table, screen_table.c) ---- */

void sign_in_back(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)now;
	core_end_session(s, fx);
}

/* Register and the emailed code: back to Sign In, with what was typed of the secrets gone. */
void back_to_sign_in(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)fx;
	(void)now;
	wipe_secrets(s);
	core_go(s, CORE_SCREEN_SIGN_IN);
}

void autopay_next(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)fx;
	(void)now;
	if (!s->ap_refused)
		autopay_review(s);
}

/* Back to where the resident opened this screen from, when that is a or b; else Home. */
static void go_back(struct core_state *s, enum core_screen a, enum core_screen b)
{
	enum core_screen from = s->opened_from[s->screen];

	core_go(s, from == a || from == b ? from : CORE_SCREEN_HOME);
}

void autopay_back(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)now;
	core_add_fx(fx, CORE_FX_READER_OFF, s);
	go_back(s, CORE_SCREEN_BILLS_PAYMENTS, CORE_SCREEN_HOME);
}

void autopay_review_back(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)fx;
	(void)now;
	core_go(s, CORE_SCREEN_AUTOPAY);
}

/* Linking opens from Home and from Auto Pay's refusal ("Add Utility Account"). */
void link_account_back(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)fx;
	(void)now;
	go_back(s, CORE_SCREEN_AUTOPAY, CORE_SCREEN_HOME);
}

void paperless_back(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)fx;
	(void)now;
	go_back(s, CORE_SCREEN_UTILITY_BILL, CORE_SCREEN_HOME);
}

/* The emailed code: back to the form it came from. From Create Your Account the resident
 * may have mistyped the address: the form comes back with it, to correct. */
void verify_email_back(struct core_state *s, struct core_effects *fx, int64_t now)
{
	if (s->opened_from[CORE_SCREEN_VERIFY_EMAIL] != CORE_SCREEN_REGISTER) {
		back_to_sign_in(s, fx, now);
		return;
	}
	wipe_secrets(s);
	s->code_spent = false;
	core_go(s, CORE_SCREEN_REGISTER);
	/* A toast that goes by itself: it must not hide the keyboard the correction needs. */
	toast(s, N_("Correct your email address if it is wrong, then tap Register again."), NULL,
	      now);
}

void account_back_home(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)fx;
	(void)now;
	core_go(s, CORE_SCREEN_HOME);
}

/* ---- the portal's answers ---- */

static void take_accounts(struct core_state *s, const struct core_account_result *r)
{
	s->account_count = r->account_count;
	memcpy(s->accounts, r->accounts, sizeof(s->accounts));
	if (s->current >= s->account_count)
		s->current = 0;
}

/* Replaces (or adds) the account r->account in the list; returns its index. */
static int take_account(struct core_state *s, const struct core_account_result *r)
{
	int i;

	for (i = 0; i < s->account_count; i++)
		if (!strcmp(s->accounts[i].bill.customer_number, r->account.bill.customer_number))
			break;
	if (i == CORE_MAX_ACCOUNTS)
		i = CORE_MAX_ACCOUNTS - 1;
	else if (i == s->account_count)
		s->account_count++;
	s->accounts[i] = r->account;
	return i;
}

static void signed_in(struct core_state *s, const struct core_account_result *r)
{
	wipe_secrets(s);
	s->signed_in = true;
	core_copy(s->resident_email, sizeof(s->resident_email), r->email);
	core_copy(s->resident_first, sizeof(s->resident_first), r->first_name);
	core_copy(s->resident_last, sizeof(s->resident_last), r->last_name);
	s->current = 0;
	take_accounts(s, r);
	core_go(s, CORE_SCREEN_HOME);
}

static void portal_trouble(struct core_state *s, const struct core_event *ev)
{
	core_set_notice(
	    s,
	    ev->failure == CORE_FAIL_GARBLED
		? N_("The city's portal sent an answer we could not read. Please try "
		     "again.")
		: N_("We can't reach the city's portal right now. Please try again in a "
		     "few minutes."),
	    NULL, true, 0);
}

/* The portal's answer an event carries; an empty one when it carries none. */
static const struct core_account_result *answer_of(const struct core_event *ev)
{
	static const struct core_account_result none;

	return ev->acct ? ev->acct : &none;
}

static void refused(struct core_state *s, const struct core_event *ev, struct core_effects *fx,
		    int64_t now)
{
	switch (answer_of(ev)->refusal) {
	case CORE_REFUSAL_BAD_CREDENTIALS:
		wipe_secrets(s);
		field_error(s, CORE_FIELD_PASSWORD,
			    N_("The email or password is not right. Please try again."));
		break;
	case CORE_REFUSAL_LOCKED:
		wipe_secrets(s);
		core_set_notice(
		    s,
		    N_("For your security, this account is locked for 15 minutes after 5 "
		       "failed sign-in attempts. Please try again later, or use "
		       "\"Forgot password?\"."),
		    NULL, true, 0);
		break;
	case CORE_REFUSAL_NOT_VERIFIED:
		wipe_secrets(s);
		s->opened_from[CORE_SCREEN_VERIFY_EMAIL] = CORE_SCREEN_SIGN_IN;
		core_go(s, CORE_SCREEN_VERIFY_EMAIL);
		toast(s, N_("Please confirm your email address first. We sent a new code to %s."),
		      s->email, now);
		break;
	case CORE_REFUSAL_EMAIL_TAKEN:
		field_error(s, CORE_FIELD_EMAIL,
			    N_("An account with this email already exists. Sign in, or use "
			       "\"Forgot password?\"."));
		break;
	case CORE_REFUSAL_BAD_CODE: {
		int left = answer_of(ev)->tries_left;
		char n[12];

		wipe(s->code, sizeof(s->code));
		if (left == 0) {
			/* The last try is gone: the right code would be refused too. */
			field_error(s, CORE_FIELD_CODE,
				    N_("That code is not right, and that was the last try. Tap "
				       "\"Resend code\" to get a new one."));
			s->code_spent = true;
		} else if (left > 0) {
			snprintf(n, sizeof(n), "%d", left);
			field_error(s, CORE_FIELD_CODE, tries_left_msg[0]);
			s->notice.plural = tries_left_msg[1];
			s->notice.count = left;
			core_copy(s->notice.arg, sizeof(s->notice.arg), n);
		} else {
			field_error(s, CORE_FIELD_CODE,
				    N_("That code is not right. Check the email and try again."));
		}
		break;
	}
	case CORE_REFUSAL_CODE_EXPIRED:
		wipe(s->code, sizeof(s->code));
		field_error(s, CORE_FIELD_CODE,
			    N_("That code has expired. Tap \"Resend code\" to get a new one."));
		break;
	case CORE_REFUSAL_TOO_MANY_TRIES:
		wipe(s->code, sizeof(s->code));
		s->code_spent = true;
		field_error(s, CORE_FIELD_CODE,
			    N_("Too many wrong codes. Tap \"Resend code\" to get a new one."));
		break;
	case CORE_REFUSAL_TOO_SOON:
		core_set_notice(s, N_("Please wait a minute before asking for another code."), NULL,
				true, 0);
		break;
	case CORE_REFUSAL_NOT_LINKED:
		s->ap_refused = true;
		core_go(s, CORE_SCREEN_AUTOPAY);
		break;
	case CORE_REFUSAL_SESSION_ENDED:
		core_end_session(s, fx);
		core_set_notice(s, N_("Your session has ended. Please sign in again."), NULL, false,
				now + s->cfg.toast_ms);
		break;
	default:
		core_set_notice(s,
				N_("The city's portal did not accept these details. Please check "
				   "them and try again."),
				NULL, true, 0);
		break;
	}
}

static void link_failed(struct core_state *s, int64_t now)
{
	core_set_notice(s,
			N_("Check for errors in the customer number, last name, or last billed "
			   "amount. If you need help, contact your city for assistance."),
			NULL, true, now + LINK_TOAST_MS);
	s->notice.title = N_("Failed to Link Account");
	s->notice.toast = true;
}

static void succeeded(struct core_state *s, const struct core_event *ev, struct core_effects *fx,
		      int64_t now)
{
	const struct core_account_result *r = answer_of(ev);

	switch ((enum core_effect_type)ev->op) {
	case CORE_FX_SIGN_IN:
	case CORE_FX_VERIFY: signed_in(s, r); break;
	case CORE_FX_REGISTER:
		wipe(s->password2, sizeof(s->password2));
		wipe(s->password, sizeof(s->password));
		s->opened_from[CORE_SCREEN_VERIFY_EMAIL] = CORE_SCREEN_REGISTER;
		core_go(s, CORE_SCREEN_VERIFY_EMAIL);
		break;
	case CORE_FX_RESEND_CODE:
		s->code_spent = false;
		toast(s, N_("We sent a new code to %s."), s->email, now);
		break;
	case CORE_FX_FORGOT_PASSWORD:
		core_set_notice(s,
				N_("If an account uses %s, we have emailed it a link to reset the "
				   "password."),
				s->email, false, now + 2 * s->cfg.toast_ms);
		break;
	case CORE_FX_ACCOUNTS: take_accounts(s, r); break;
	case CORE_FX_LINK:
		s->current = take_account(s, r);
		core_go(s, CORE_SCREEN_UTILITY_BILL);
		toast(s, N_("Utility account %s is linked."), r->account.bill.display_number, now);
		break;
	case CORE_FX_UNLINK:
		take_accounts(s, r);
		s->current = 0;
		core_go(s, CORE_SCREEN_HOME);
		toast(s, N_("The utility account is unlinked."), NULL, now);
		break;
	case CORE_FX_PAPERLESS:
		take_account(s, r);
		toast(s,
		      r->account.paperless
			  ? N_("Paperless billing is on. Bills will be emailed to %s.")
			  : N_("Paperless billing is off. Bills will come by mail."),
		      s->resident_email, now);
		break;
	case CORE_FX_HISTORY:
		s->bill_count = r->bill_count;
		s->payment_count = r->payment_count;
		memcpy(s->bills, r->bills, sizeof(s->bills));
		memcpy(s->payments, r->payments, sizeof(s->payments));
		s->history_loaded = true;
		break;
	case CORE_FX_AUTOPAY:
		take_account(s, r);
		core_add_fx(fx, CORE_FX_READER_OFF, s);
		core_go(s, CORE_SCREEN_AUTOPAY_DONE);
		break;
	case CORE_FX_AUTOPAY_OFF:
		take_account(s, r);
		toast(s, N_("Auto Pay is turned off."), NULL, now);
		break;
	default: break;
	}
}

static void account_done(struct core_state *s, const struct core_event *ev, struct core_effects *fx)
{
	int64_t now = ev->now_ms;

	s->busy = CORE_BUSY_NONE;
	if (ev->failure == CORE_FAIL_NONE)
		succeeded(s, ev, fx, now);
	else if (ev->op == CORE_FX_ACCOUNTS)
		; /* a quiet refresh: the list on screen stays */
	else if (ev->op == CORE_FX_LINK && ev->failure == CORE_FAIL_NOT_FOUND)
		link_failed(s, now);
	else if (ev->failure == CORE_FAIL_REFUSED || ev->failure == CORE_FAIL_NOT_FOUND)
		refused(s, ev, fx, now);
	else
		portal_trouble(s, ev);
}

bool account_handle(struct core_state *s, const struct core_event *ev, struct core_effects *fx)
{
	int64_t now = ev->now_ms;
	enum core_screen at = s->screen;

	if (ev->type == CORE_EV_ACCOUNT_DONE) {
		if (ev->request_id != s->request_id ||
		    (s->busy != CORE_BUSY_ACCOUNT && ev->op != CORE_FX_ACCOUNTS))
			return false; /* the session ended or moved on meanwhile */
		account_done(s, ev, fx);
		return true;
	}
	if (s->busy)
		return false;
	switch (ev->type) {
	case CORE_EV_SHIFT:
		if (core_field_kind(s->focus) != CORE_KIND_EMAIL &&
		    core_field_kind(s->focus) != CORE_KIND_SECRET &&
		    core_field_kind(s->focus) != CORE_KIND_TEXT)
			return false;
		s->shift = !s->shift;
		return true;
	case CORE_EV_CREATE_ACCOUNT:
		if (at != CORE_SCREEN_SIGN_IN)
			return false;
		wipe_secrets(s);
		s->sms_opt_in = false;
		core_go(s, CORE_SCREEN_REGISTER);
		return true;
	case CORE_EV_FORGOT_PASSWORD:
		if (at != CORE_SCREEN_SIGN_IN)
			return false;
		forgot_password(s, fx, now);
		return true;
	case CORE_EV_TOGGLE_SMS:
		if (at != CORE_SCREEN_REGISTER)
			return false;
		s->sms_opt_in = !s->sms_opt_in;
		return true;
	case CORE_EV_RESEND_CODE:
		if (at != CORE_SCREEN_VERIFY_EMAIL)
			return false;
		core_copy(request(s, fx, CORE_FX_RESEND_CODE, now)->email, sizeof(s->email),
			  s->email);
		return true;
	case CORE_EV_HOME_TILE:
		/* From Auto Pay's refusal too: "Add Utility Account" is the way to link. */
		if (!s->signed_in ||
		    (at != CORE_SCREEN_HOME &&
		     !(at == CORE_SCREEN_AUTOPAY && ev->choice == CORE_TILE_ADD_ACCOUNT)))
			return false;
		home_tile(s, fx, ev->choice, now);
		return true;
	case CORE_EV_SELECT_ACCOUNT:
		if (at != CORE_SCREEN_HOME || ev->choice < 0 || ev->choice >= s->account_count)
			return false;
		s->current = ev->choice;
		return true;
	case CORE_EV_SIGN_OUT:
		/* From any signed-in screen, but never away from a payment on its way. */
		if (!s->signed_in || s->busy == CORE_BUSY_PAYING)
			return false;
		core_end_session(s, fx);
		toast(s, N_("You are signed out. Thank you."), NULL, now);
		return true;
	case CORE_EV_UNLINK:
		if (at != CORE_SCREEN_UTILITY_BILL || !current(s))
			return false;
		s->ask = CORE_ASK_UNLINK;
		return true;
	case CORE_EV_ASK_NO:
		if (!s->ask)
			return false;
		s->ask = CORE_ASK_NONE;
		return true;
	case CORE_EV_ASK_YES: {
		static const enum core_effect_type what[] = {
		    [CORE_ASK_UNLINK] = CORE_FX_UNLINK,
		    [CORE_ASK_AUTOPAY_OFF] = CORE_FX_AUTOPAY_OFF,
		    [CORE_ASK_PAPERLESS_OFF] = CORE_FX_PAPERLESS,
		};
		enum core_ask ask = s->ask;
		if (!ask || !current(s))
			return false;
		s->ask = CORE_ASK_NONE;
		request_for_current(s, fx, what[ask], now);
		if (ask == CORE_ASK_PAPERLESS_OFF)
			fx->fx[fx->count - 1].acct.enroll = false;
		return true;
	}
	case CORE_EV_PAY_NOW:
		if (at != CORE_SCREEN_UTILITY_BILL || !current(s))
			return false;
		if (current(s)->bill.balance_cents <= 0) {
			core_set_notice(s, N_("There is nothing to pay on this account right now."),
					NULL, true, 0);
			return true;
		}
		if (!s->reconciled) {
			/* As for a guest: payments a power cut left unfinished come first. */
			core_set_notice(s,
					N_("One moment, please: the kiosk is checking earlier "
					   "payments."),
					NULL, false, 0);
			return true;
		}
		s->bill = current(s)->bill;
		s->other_amount = false;
		core_go(s, CORE_SCREEN_PAY_AMOUNT);
		return true;
	case CORE_EV_PAPERLESS:
		if (at != CORE_SCREEN_UTILITY_BILL || !current(s))
			return false;
		open_from_here(s, CORE_SCREEN_PAPERLESS);
		return true;
	case CORE_EV_PAPERLESS_SET:
		if (at != CORE_SCREEN_PAPERLESS || !current(s))
			return false;
		if (!ev->choice) {
			s->ask = CORE_ASK_PAPERLESS_OFF;
			return true;
		}
		request_for_current(s, fx, CORE_FX_PAPERLESS, now);
		fx->fx[fx->count - 1].acct.enroll = true;
		return true;
	case CORE_EV_AUTOPAY_SETUP:
		if (at != CORE_SCREEN_BILLS_PAYMENTS)
			return false;
		open_autopay(s, fx);
		return true;
	case CORE_EV_AUTOPAY_OFF:
		if (at != CORE_SCREEN_BILLS_PAYMENTS || !current(s) || !current(s)->autopay)
			return false;
		s->ask = CORE_ASK_AUTOPAY_OFF;
		return true;
	case CORE_EV_TOGGLE_AP_MAX:
		if (at != CORE_SCREEN_AUTOPAY || s->ap_refused)
			return false;
		s->ap_has_max = !s->ap_has_max;
		s->focus = s->ap_has_max ? CORE_FIELD_AP_MAX : CORE_FIELD_NONE;
		core_clear_notice(s);
		return true;
	case CORE_EV_SET_AP_METHOD:
		if (at != CORE_SCREEN_AUTOPAY || s->ap_refused)
			return false;
		s->ap_by_card = ev->choice != 0;
		s->focus = s->ap_by_card ? CORE_FIELD_NONE : CORE_FIELD_ROUTING;
		core_clear_notice(s);
		/* The reader listens only while the card method is chosen. */
		core_add_fx(fx, s->ap_by_card ? CORE_FX_READER_ON : CORE_FX_READER_OFF, s);
		return true;
	case CORE_EV_SET_AP_SAVINGS:
		if (at != CORE_SCREEN_AUTOPAY || s->ap_by_card)
			return false;
		s->ap_savings = ev->choice != 0;
		return true;
	default: return false;
	}
}
