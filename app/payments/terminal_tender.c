/* The terminal tender: nexo Payment, TransactionStatus, Abort and Reversal behind the tender
 * port, the Payment on a thread of its own because it waits for the resident's card. */
#include "app/payments/terminal_tender.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/core/core.h"

#define MOD "terminal"

void terminal_tender_init(struct terminal_tender *tt, struct terminal *terminal,
			  tender_report_fn report, void *report_ctx)
{
	memset(tt, 0, sizeof(*tt));
	tt->terminal = terminal;
	tt->report = report;
	tt->report_ctx = report_ctx;
	pthread_mutex_init(&tt->mu, NULL);
}

/* Joins the Payment thread if one was started; the caller holds no lock. */
static void join(struct terminal_tender *tt)
{
	bool started;

	pthread_mutex_lock(&tt->mu);
	started = tt->key[0] != '\0';
	pthread_mutex_unlock(&tt->mu);
	if (started) {
		pthread_join(tt->thread, NULL);
		pthread_mutex_lock(&tt->mu);
		tt->key[0] = '\0';
		pthread_mutex_unlock(&tt->mu);
	}
}

void terminal_tender_close(struct terminal_tender *tt)
{
	join(tt);
	pthread_mutex_destroy(&tt->mu);
}

/* The acquirer's reference (after the '.' of Adyen's POI transaction ids) when the whole id
 * does not fit: that is the number a resident or the city quotes. */
static void reference_of(const char *poi_txn_id, char *out, size_t n)
{
	const char *dot = strrchr(poi_txn_id, '.');

	if (strlen(poi_txn_id) < n || !dot)
		snprintf(out, n, "%s", poi_txn_id);
	else
		snprintf(out, n, "%s", dot + 1);
}

/* What the resident is told about a decline, from nexo's condition and the terminal's
 * refusal reason (Adyen's refusalReason texts: "Refused", "Not enough balance", ...). */
static enum tender_decline decline_of(const struct nexo_outcome *o)
{
	switch (o->error) {
	case NEXO_ERR_WRONG_PIN: return TENDER_DECLINE_PIN_TRIES;
	case NEXO_ERR_ABORTED: return TENDER_DECLINE_CANCELLED;
	case NEXO_ERR_CANCEL:
		/* The terminal's own cancel: the card pulled out early, or none came in time. */
		if (strcasestr(o->refusal_reason, "removed"))
			return TENDER_DECLINE_CARD_REMOVED;
		return TENDER_DECLINE_NO_CARD;
	case NEXO_ERR_REFUSAL:
		if (strcasestr(o->refusal_reason, "balance") ||
		    strcasestr(o->refusal_reason, "funds"))
			return TENDER_DECLINE_FUNDS;
		return TENDER_DECLINE_REFUSED;
	default: return TENDER_DECLINE_OTHER;
	}
}

/* What the portal posting and the EMV receipt lines need (never the card number). The AID is
 * kept only when it is hex, as EMV defines it. */
static void card_of(const struct nexo_payment_result *p, struct journal_card *c)
{
	snprintf(c->terminal_txn, sizeof(c->terminal_txn), "%s", p->poi_txn_id);
	snprintf(c->approval_code, sizeof(c->approval_code), "%s", p->approval_code);
	if (p->entry != NEXO_ENTRY_UNKNOWN)
		snprintf(c->entry_mode, sizeof(c->entry_mode), "%s", nexo_entry_name(p->entry));
	if (strspn(p->aid, "0123456789ABCDEFabcdef") == strlen(p->aid))
		snprintf(c->aid, sizeof(c->aid), "%s", p->aid);
	snprintf(c->app_label, sizeof(c->app_label), "%s", p->app_name);
}

int terminal_tender_result(const struct nexo_response *r, int64_t asked_cents,
			   struct tender_result *out)
{
	const struct nexo_payment_result *p = &r->payment;

	memset(out, 0, sizeof(*out));
	if (r->header.category == NEXO_CAT_EVENT)
		return KIOSK_EINVAL; /* the terminal rejected the message itself */
	if (!r->has_payment) {
		if (r->outcome.error == NEXO_ERR_NOT_FOUND)
			return KIOSK_ENOTFOUND;
		if (r->outcome.error == NEXO_ERR_IN_PROGRESS)
			return KIOSK_EBUSY;
		return KIOSK_EPROTO;
	}
	snprintf(out->brand, sizeof(out->brand), "%.15s", p->brand);
	snprintf(out->last4, sizeof(out->last4), "%s", p->last4);
	reference_of(p->poi_txn_id, out->reference, sizeof(out->reference));
	card_of(p, &out->card);
	if (p->outcome.result != NEXO_RESULT_FAILURE) {
		/* A partial approval holds less than asked: the payment sees the difference. */
		out->verdict = TENDER_APPROVED;
		out->amount_cents = p->authorized_cents;
		out->taken_cents = p->authorized_cents;
		return 0;
	}
	switch (p->outcome.error) {
	case NEXO_ERR_REFUSAL:
	case NEXO_ERR_WRONG_PIN:
	case NEXO_ERR_INVALID_CARD:
	case NEXO_ERR_PAYMENT_RESTRICTION:
	case NEXO_ERR_INSERTED_CARD:
	case NEXO_ERR_ABORTED:
	case NEXO_ERR_CANCEL:
		/* The card, its issuer or the resident said no: nothing taken. */
		out->verdict = TENDER_DECLINED;
		out->amount_cents = asked_cents;
		out->decline = decline_of(&p->outcome);
		snprintf(out->message, sizeof(out->message), "%s",
			 p->outcome.refusal_reason[0] ? p->outcome.refusal_reason
						      : nexo_error_name(p->outcome.error));
		return 0;
	default:
		/* Busy, MessageFormat, NotAllowed, a device or the acquirer unavailable: the
		 * terminal refused the request itself. */
		log_warn(MOD, "the terminal refused the payment: %s",
			 nexo_error_name(p->outcome.error));
		return KIOSK_EINVAL;
	}
}

int terminal_tender_service_id(struct terminal_tender *tt, char *buf, size_t n)
{
	int rc = KIOSK_ENOTFOUND;

	pthread_mutex_lock(&tt->mu);
	if (tt->key[0])
		rc = nexo_service_id_for(tt->key, buf, n);
	pthread_mutex_unlock(&tt->mu);
	return rc;
}

/* A terminal's words made comparable: ASCII letters lowered, anything but letters, digits
 * and bytes of other scripts dropped ("Remove card." and "REMOVE CARD" are one). */
static void fold(const char *in, char *out, size_t n)
{
	size_t k = 0;

	for (; *in && k + 1 < n; in++) {
		unsigned char c = (unsigned char)*in;
		if (c >= 'A' && c <= 'Z')
			out[k++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			out[k++] = (char)c;
	}
	out[k] = '\0';
}

int terminal_tender_prompt(const struct nexo_display *d, char *text, size_t n)
{
	/* EMV's standard terminal messages (and what vendors print for them), folded. */
	static const struct {
		const char *words;
		enum core_terminal_prompt prompt;
	} known[] = {
	    {"removecard", CORE_PROMPT_REMOVE_CARD},
	    {"pleaseremovecard", CORE_PROMPT_REMOVE_CARD},
	    {"cardreadokpleaseremovecard", CORE_PROMPT_REMOVE_CARD},
	    {"removeyourcard", CORE_PROMPT_REMOVE_CARD},
	    {"retirelatarjeta", CORE_PROMPT_REMOVE_CARD},
	    {"retiresutarjeta", CORE_PROMPT_REMOVE_CARD},
	    {"seephone", CORE_PROMPT_SEE_PHONE},
	    {"seephoneforinstructions", CORE_PROMPT_SEE_PHONE},
	    {"seeyourphone", CORE_PROMPT_SEE_PHONE},
	    {"checkyourphone", CORE_PROMPT_SEE_PHONE},
	    {"mireelteléfono", CORE_PROMPT_SEE_PHONE},
	    {"miresuteléfono", CORE_PROMPT_SEE_PHONE},
	    {"enterpin", CORE_PROMPT_ENTER_PIN},
	    {"enteryourpin", CORE_PROMPT_ENTER_PIN},
	    {"introduzcasupin", CORE_PROMPT_ENTER_PIN},
	    {"introduzcaelpin", CORE_PROMPT_ENTER_PIN},
	    {"processing", CORE_PROMPT_PROCESSING},
	    {"pleasewait", CORE_PROMPT_PROCESSING},
	    {"processingpleasewait", CORE_PROMPT_PROCESSING},
	    {"authorisingpleasewait", CORE_PROMPT_PROCESSING},
	    {"authorizingpleasewait", CORE_PROMPT_PROCESSING},
	    {"procesando", CORE_PROMPT_PROCESSING},
	    {"espereporfavor", CORE_PROMPT_PROCESSING},
	    {"tryanothercard", CORE_PROMPT_TRY_ANOTHER_CARD},
	    {"useanothercard", CORE_PROMPT_TRY_ANOTHER_CARD},
	    {"insertswipeortryanothercard", CORE_PROMPT_TRY_ANOTHER_CARD},
	    {"pruebeotratarjeta", CORE_PROMPT_TRY_ANOTHER_CARD},
	    {"presentcard", CORE_PROMPT_PRESENT_CARD},
	    {"presentcardagain", CORE_PROMPT_PRESENT_CARD},
	    {"inserttaporswipecard", CORE_PROMPT_PRESENT_CARD},
	};
	char folded[NEXO_DISPLAY_TEXT_MAX];

	text[0] = '\0';
	switch (d->event) {
	case NEXO_DISPLAY_TENDER_CREATED: return CORE_PROMPT_PRESENT_CARD;
	case NEXO_DISPLAY_WAIT_FOR_PIN: return CORE_PROMPT_ENTER_PIN;
	case NEXO_DISPLAY_WAIT_FOR_APP_SELECTION: return CORE_PROMPT_CHOOSE_APP;
	case NEXO_DISPLAY_CARD_INSERTED:
	case NEXO_DISPLAY_CARD_PRESENTED:
	case NEXO_DISPLAY_CARD_SWIPED:
	case NEXO_DISPLAY_APPLICATION_SELECTED:
	case NEXO_DISPLAY_PIN_ENTERED: return CORE_PROMPT_PROCESSING;
	case NEXO_DISPLAY_CARD_REMOVED: return CORE_PROMPT_NONE;
	case NEXO_DISPLAY_NONE: break;
	default: return -1; /* the result comes with the answer; the rest is the cashier's */
	}
	if (!d->text[0])
		return -1; /* an event this kiosk does not know */
	fold(d->text, folded, sizeof(folded));
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(folded, known[i].words) == 0)
			return known[i].prompt;
	/* Shown as the terminal wrote it; nothing but printable text reaches the screen. */
	size_t k = 0;
	for (const char *c = d->text; *c && k + 1 < n; c++)
		text[k++] = (unsigned char)*c < 0x20 ? ' ' : *c;
	text[k] = '\0';
	return CORE_PROMPT_TEXT;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *run_payment(void *arg)
{
	struct terminal_tender *tt = arg;
	struct tender_event ev = {.type = TENDER_EV_ANSWER};
	struct nexo_response r;
	char sid[11];
	int rc;

	memset(&r, 0, sizeof(r));
	rc = nexo_service_id_for(tt->key, sid, sizeof(sid));
	if (rc == 0)
		rc = terminal_payment(tt->terminal, sid, tt->key, now_ms(), tt->amount_cents, &r);
	/* The client's KIOSK_ENET means the Payment never left the kiosk (decided from the bytes
	 * written, docs/terminal.md): nothing to ask about, unlike a portal's. */
	if (rc == KIOSK_ENET)
		rc = KIOSK_EOFFLINE;
	ev.rc = rc == 0 ? terminal_tender_result(&r, tt->amount_cents, &ev.result) : rc;
	tt->report(tt->report_ctx, &ev);
	return NULL;
}

static int start(void *impl, const struct tender_request *rq, bool resend,
		 struct tender_result *out)
{
	struct terminal_tender *tt = impl;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (resend || !nexo_id_ok(rq->key) || rq->amount_cents <= 0)
		return KIOSK_EINVAL;
	join(tt); /* the previous payment's thread has reported and ended */
	pthread_mutex_lock(&tt->mu);
	snprintf(tt->key, sizeof(tt->key), "%s", rq->key);
	tt->amount_cents = rq->amount_cents;
	if (pthread_create(&tt->thread, NULL, run_payment, tt) != 0) {
		tt->key[0] = '\0';
		rc = KIOSK_ENOMEM;
	}
	pthread_mutex_unlock(&tt->mu);
	out->pending = rc == 0;
	return rc;
}

/* The terminal's record of the sale, with its raw answer for reverse. */
static int ask(struct terminal_tender *tt, const struct tender_request *rq, struct nexo_response *r,
	       struct tender_result *out)
{
	char sid[11];
	int rc = nexo_service_id_for(rq->key, sid, sizeof(sid));

	memset(out, 0, sizeof(*out));
	if (rc == 0)
		rc = terminal_transaction_status(tt->terminal, sid, rq->key, r);
	return rc == 0 ? terminal_tender_result(r, rq->amount_cents, out) : rc;
}

static int status(void *impl, const struct tender_request *rq, struct tender_result *out)
{
	struct nexo_response r;

	return ask(impl, rq, &r, out);
}

static int abort_payment(void *impl, const struct tender_request *rq, struct tender_result *out)
{
	struct terminal_tender *tt = impl;
	struct nexo_response r;
	char sid[11];
	int rc = nexo_service_id_for(rq->key, sid, sizeof(sid));

	memset(out, 0, sizeof(*out));
	if (rc == 0)
		rc = terminal_abort(tt->terminal, sid, &r);
	/* The Payment itself answers (Aborted, or approved if the card was faster). */
	out->pending = rc == 0;
	return rc;
}

static int reverse(void *impl, const struct tender_request *rq, struct tender_result *out)
{
	struct terminal_tender *tt = impl;
	struct nexo_response status_r, r;
	struct tender_result held;
	int rc = ask(tt, rq, &status_r, &held);

	memset(out, 0, sizeof(*out));
	if (rc != 0)
		return rc;
	if (held.verdict != TENDER_APPROVED)
		return KIOSK_EINVAL; /* nothing was taken: nothing to give back */
	rc = terminal_reversal(tt->terminal, status_r.payment.poi_txn_id,
			       status_r.payment.poi_txn_ts, &r);
	if (rc != 0)
		return rc;
	if (r.header.category == NEXO_CAT_EVENT || r.outcome.result != NEXO_RESULT_SUCCESS) {
		log_warn(MOD, "the terminal would not reverse %.8s: %s", rq->key,
			 nexo_error_name(r.outcome.error));
		return KIOSK_EINVAL;
	}
	*out = held;
	out->taken_cents = 0;
	reference_of(r.reversal_poi_txn_id, out->reference, sizeof(out->reference));
	return 0;
}

const struct tender_ops terminal_tender = {
    .name = "terminal",
    .party = "terminal",
    .post_to_portal = true,
    .abort_in_doubt = true,
    .prepare = NULL,
    .start = start,
    .status = status,
    .abort = abort_payment,
    .reverse = reverse,
    .can_resend = NULL,
};
