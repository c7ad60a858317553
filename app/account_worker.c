/* The account adapter on the worker thread: one portal call per effect, the session token kept
 * here (wiped at sign-out and idle timeout), the portal's records turned into core structs. */
#include "app/account_worker.h"

#include <mbedtls/platform_util.h>
#include <stdio.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/common/rand.h"
#include "app/portal/receipt_msg.h"
#include "app/portal/resident.h"

bool account_effect(enum core_effect_type type)
{
	return type >= CORE_FX_SIGN_IN && type <= CORE_FX_AUTOPAY_OFF;
}

static enum core_failure failure_of(int rc)
{
	switch (rc) {
	case 0: return CORE_FAIL_NONE;
	case KIOSK_ENOTFOUND: return CORE_FAIL_NOT_FOUND;
	case KIOSK_EINVAL: return CORE_FAIL_REFUSED;
	case KIOSK_EPROTO: return CORE_FAIL_GARBLED;
	case KIOSK_ETIMEDOUT: return CORE_FAIL_TIMEOUT;
	default: return CORE_FAIL_UNREACHABLE;
	}
}

static enum core_refusal refusal_of(enum portal_refusal r)
{
	switch (r) {
	case PORTAL_BAD_CREDENTIALS: return CORE_REFUSAL_BAD_CREDENTIALS;
	case PORTAL_LOCKED: return CORE_REFUSAL_LOCKED;
	case PORTAL_NOT_VERIFIED: return CORE_REFUSAL_NOT_VERIFIED;
	case PORTAL_EMAIL_TAKEN: return CORE_REFUSAL_EMAIL_TAKEN;
	case PORTAL_BAD_CODE: return CORE_REFUSAL_BAD_CODE;
	case PORTAL_CODE_EXPIRED: return CORE_REFUSAL_CODE_EXPIRED;
	case PORTAL_TOO_MANY_TRIES: return CORE_REFUSAL_TOO_MANY_TRIES;
	case PORTAL_TOO_SOON: return CORE_REFUSAL_TOO_SOON;
	case PORTAL_NOT_LINKED: return CORE_REFUSAL_NOT_LINKED;
	case PORTAL_SESSION_ENDED: return CORE_REFUSAL_SESSION_ENDED;
	default: return CORE_REFUSAL_OTHER;
	}
}

static void to_core_account(const struct portal_account *in, struct core_account *out)
{
	const struct portal_bill *b = &in->bill;

	memset(out, 0, sizeof(*out));
	snprintf(out->bill.customer_number, sizeof(out->bill.customer_number), "%s",
		 b->customer_number);
	snprintf(out->bill.display_number, sizeof(out->bill.display_number), "%s",
		 b->display_number[0] ? b->display_number : b->customer_number);
	snprintf(out->bill.last_name, sizeof(out->bill.last_name), "%s", b->last_name);
	snprintf(out->bill.due_date, sizeof(out->bill.due_date), "%s", b->due_date);
	out->bill.balance_cents = b->balance_cents;
	out->bill.last_bill_cents = b->last_bill_cents;
	snprintf(out->last_payment_date, sizeof(out->last_payment_date), "%s",
		 b->last_payment_date);
	out->last_payment_cents = b->last_payment_cents;
	out->paperless = in->paperless;
	out->autopay = in->autopay;
	snprintf(out->autopay_method, sizeof(out->autopay_method), "%s", in->autopay_method);
	snprintf(out->autopay_kind, sizeof(out->autopay_kind), "%s", in->autopay_kind);
	snprintf(out->autopay_brand, sizeof(out->autopay_brand), "%s", in->autopay_brand);
	snprintf(out->autopay_last4, sizeof(out->autopay_last4), "%s", in->autopay_last4);
	out->autopay_max_cents = in->autopay_max_cents;
}

static void to_core_accounts(const struct portal_accounts *in, struct core_account_result *out)
{
	out->has_accounts = true;
	out->account_count = in->count < CORE_MAX_ACCOUNTS ? in->count : CORE_MAX_ACCOUNTS;
	for (int i = 0; i < out->account_count; i++)
		to_core_account(&in->items[i], &out->accounts[i]);
}

static int start_session(struct account_session *sess, struct portal_session *ps,
			 struct core_account_result *out)
{
	snprintf(sess->token, sizeof(sess->token), "%s", ps->token);
	out->has_resident = true;
	snprintf(out->email, sizeof(out->email), "%.95s", ps->resident.email);
	snprintf(out->first_name, sizeof(out->first_name), "%.47s", ps->resident.first_name);
	snprintf(out->last_name, sizeof(out->last_name), "%.47s", ps->resident.last_name);
	to_core_accounts(&ps->accounts, out);
	return 0;
}

static void copy_history(const struct portal_history *h, struct core_account_result *out)
{
	out->bill_count = h->bill_count < CORE_MAX_HISTORY ? h->bill_count : CORE_MAX_HISTORY;
	out->payment_count =
	    h->payment_count < CORE_MAX_HISTORY ? h->payment_count : CORE_MAX_HISTORY;
	for (int i = 0; i < out->bill_count; i++) {
		snprintf(out->bills[i].date, sizeof(out->bills[i].date), "%s", h->bills[i].date);
		out->bills[i].amount_cents = h->bills[i].amount_cents;
	}
	for (int i = 0; i < out->payment_count; i++) {
		snprintf(out->payments[i].date, sizeof(out->payments[i].date), "%s",
			 h->payments[i].date);
		out->payments[i].amount_cents = h->payments[i].amount_cents;
		snprintf(out->payments[i].reference, sizeof(out->payments[i].reference), "%s",
			 h->payments[i].reference);
	}
}

static int run(struct portal *p, struct account_session *sess, const struct core_effect *fx,
	       const struct card_sealed *card, struct core_account_result *out)
{
	const struct core_account_req *r = &fx->acct;
	const char *token = sess->token[0] ? sess->token : NULL;
	const char *number = fx->bill.customer_number;
	struct portal_session ps;
	struct portal_account pa;
	struct portal_accounts list;
	struct portal_history hist;
	struct portal_autopay ap;
	int rc;

	memset(&ps, 0, sizeof(ps));
	memset(&pa, 0, sizeof(pa));
	switch (fx->type) {
	case CORE_FX_SIGN_IN:
		rc = portal_sign_in(p, r->email, r->password, &ps);
		if (rc == 0)
			rc = start_session(sess, &ps, out);
		break;
	case CORE_FX_REGISTER:
		rc = portal_register(p, r->email, r->password, r->first_name, r->last_name,
				     r->mobile, r->sms_opt_in);
		break;
	case CORE_FX_VERIFY:
		rc = portal_verify_email(p, r->email, r->code, &ps);
		if (rc == 0)
			rc = start_session(sess, &ps, out);
		break;
	case CORE_FX_RESEND_CODE: rc = portal_resend_code(p, r->email); break;
	case CORE_FX_FORGOT_PASSWORD: rc = portal_forgot_password(p, r->email); break;
	case CORE_FX_ACCOUNTS:
		rc = portal_list_accounts(p, token, &list);
		if (rc == 0)
			to_core_accounts(&list, out);
		break;
	case CORE_FX_LINK:
		rc = portal_link_account(p, token, number,
					 fx->verify == CORE_VERIFY_LAST_NAME ? fx->bill.last_name
									     : NULL,
					 fx->bill.last_bill_cents, &pa);
		break;
	case CORE_FX_UNLINK:
		rc = portal_unlink_account(p, token, number, &list);
		if (rc == 0)
			to_core_accounts(&list, out);
		break;
	case CORE_FX_PAPERLESS: rc = portal_set_paperless(p, token, number, r->enroll, &pa); break;
	case CORE_FX_HISTORY:
		rc = portal_history(p, token, number, &hist);
		if (rc == 0)
			copy_history(&hist, out);
		break;
	case CORE_FX_AUTOPAY:
		memset(&ap, 0, sizeof(ap));
		ap.max_cents = r->max_cents;
		ap.by_card = r->by_card;
		ap.card = card;
		ap.savings = r->savings;
		snprintf(ap.routing_number, sizeof(ap.routing_number), "%s", r->routing);
		snprintf(ap.account_number, sizeof(ap.account_number), "%s", r->bank_account);
		snprintf(ap.name, sizeof(ap.name), "%s", r->bank_name);
		rc = r->by_card && !card ? KIOSK_EINVAL
					 : portal_set_autopay(p, token, number, &ap, &pa);
		mbedtls_platform_zeroize(&ap, sizeof(ap));
		break;
	case CORE_FX_AUTOPAY_OFF: rc = portal_autopay_off(p, token, number, &pa); break;
	default: rc = KIOSK_EINVAL; break;
	}
	if (rc == 0 && (fx->type == CORE_FX_LINK || fx->type == CORE_FX_PAPERLESS ||
			fx->type == CORE_FX_AUTOPAY || fx->type == CORE_FX_AUTOPAY_OFF)) {
		out->has_account = true;
		to_core_account(&pa, &out->account);
	}
	mbedtls_platform_zeroize(&ps, sizeof(ps));
	return rc;
}

void account_run(struct portal *p, struct account_session *sess, const struct core_effect *fx,
		 const struct card_sealed *card, struct core_event *ev,
		 struct core_account_result *out)
{
	int rc;

	memset(ev, 0, sizeof(*ev));
	memset(out, 0, sizeof(*out));
	ev->type = CORE_EV_ACCOUNT_DONE;
	ev->request_id = fx->request_id;
	ev->op = fx->type;
	ev->acct = out;
	rc = run(p, sess, fx, card, out);
	ev->failure = failure_of(rc);
	out->tries_left = -1;
	if (rc == KIOSK_EINVAL || rc == KIOSK_ENOTFOUND) {
		out->refusal = refusal_of(portal_refusal(p));
		out->tries_left = portal_last_tries_left(p);
	}
	if (rc)
		log_info("account", "effect %d: %s (%s)", fx->type, kiosk_strerror(rc),
			 rc == KIOSK_EINVAL ? "refused" : "portal");
}

void account_send_receipt(struct portal *p, const struct core_effect *fx, enum core_lang lang,
			  struct core_event *ev)
{
	struct portal_receipt_msg m;
	bool email = fx->type == CORE_FX_EMAIL_RECEIPT;
	int rc;

	memset(ev, 0, sizeof(*ev));
	memset(&m, 0, sizeof(m));
	ev->type = CORE_EV_RECEIPT_SENT;
	ev->request_id = fx->request_id;
	ev->op = fx->type;
	snprintf(m.reference, sizeof(m.reference), "%s", fx->acct.reference);
	m.channel = email ? PORTAL_CHANNEL_EMAIL : PORTAL_CHANNEL_SMS;
	m.to = email ? fx->acct.email : fx->acct.mobile;
	m.lang = lang == CORE_LANG_ES ? "es" : "en";
	rc = rand_hex(m.message_id, sizeof(m.message_id), 16);
	if (rc == 0)
		rc = portal_send_receipt(p, &m);
	ev->failure = failure_of(rc);
	/* The reference only: where it went is the resident's business. */
	if (rc)
		log_info("account", "receipt of %s by %s not sent: %s", m.reference,
			 email ? "email" : "text message", kiosk_strerror(rc));
	else
		log_info("account", "receipt of %s sent by %s", m.reference,
			 email ? "email" : "text message");
	mbedtls_platform_zeroize(&m, sizeof(m));
}

void account_session_end(struct portal *p, struct account_session *sess)
{
	if (sess->token[0]) {
		int rc = portal_sign_out(p, sess->token);
		if (rc)
			log_warn("account",
				 "sign-out at the portal failed: %s; the token expires "
				 "on its own",
				 kiosk_strerror(rc));
	}
	mbedtls_platform_zeroize(sess, sizeof(*sess));
}

/* The portal's bill as the core shows it. */
static void bill_of(const struct portal_bill *bill, struct core_bill *out)
{
	snprintf(out->customer_number, sizeof(out->customer_number), "%s", bill->customer_number);
	snprintf(out->display_number, sizeof(out->display_number), "%s",
		 bill->display_number[0] ? bill->display_number : bill->customer_number);
	snprintf(out->last_name, sizeof(out->last_name), "%s", bill->last_name);
	snprintf(out->due_date, sizeof(out->due_date), "%s", bill->due_date);
	out->balance_cents = bill->balance_cents;
	out->last_bill_cents = bill->last_bill_cents;
}

static enum core_failure lookup_failure_of(int rc)
{
	switch (rc) {
	case 0: return CORE_FAIL_NONE;
	case KIOSK_ENOTFOUND: return CORE_FAIL_NOT_FOUND;
	case KIOSK_EPROTO: return CORE_FAIL_GARBLED;
	case KIOSK_ETIMEDOUT: return CORE_FAIL_TIMEOUT;
	case KIOSK_ETLS: return CORE_FAIL_UNTRUSTED;
	default: return CORE_FAIL_UNREACHABLE;
	}
}

/* The lookup of a scanned bill: the portal's refusals of it have words of their own. */
void account_lookup_scanned(struct portal *p, const struct core_effect *fx, struct core_event *ev)
{
	struct portal_bill bill;
	int rc;

	memset(ev, 0, sizeof(*ev));
	ev->type = CORE_EV_LOOKUP_DONE;
	ev->request_id = fx->request_id;
	memset(&bill, 0, sizeof(bill));
	rc = portal_lookup_scanned(p, fx->text, &bill, NULL);
	ev->failure = rc == KIOSK_ESTATE   ? CORE_FAIL_STALE_BILL
		      : rc == KIOSK_EINVAL ? CORE_FAIL_NOT_A_BILL
					   : lookup_failure_of(rc);
	if (rc == 0)
		bill_of(&bill, &ev->bill);
	else
		log_info("worker", "scanned bill lookup failed: %s", kiosk_strerror(rc));
}

void account_lookup(struct portal *p, const struct core_effect *fx, struct core_event *ev)
{
	struct portal_bill bill;
	int rc;

	memset(ev, 0, sizeof(*ev));
	ev->type = CORE_EV_LOOKUP_DONE;
	ev->request_id = fx->request_id;
	memset(&bill, 0, sizeof(bill));
	rc = portal_lookup_bill(p, fx->bill.customer_number,
				fx->verify == CORE_VERIFY_LAST_NAME ? fx->bill.last_name : NULL,
				fx->bill.last_bill_cents, &bill);
	ev->failure = lookup_failure_of(rc);
	if (rc == 0)
		bill_of(&bill, &ev->bill);
	else
		log_info("worker", "bill lookup failed: %s", kiosk_strerror(rc));
}
