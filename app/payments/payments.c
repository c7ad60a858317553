/* The payment service (see payments.h): the state machine's actions run here, against the
 * journal and the tender, with the crash test's hooks at each step a power cut could hit. */
#include "app/payments/payments.h"

#include <mbedtls/platform_util.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/common/clock.h"
#include "app/common/crashpoint.h"
#include "app/common/err.h"
#include "app/common/log.h"
#include "app/common/rand.h"
#include "app/payments/payment.h"
#include "app/payments/reconcile.h"

#define MOD "payments"
#define RESOLVE_FIRST_MS 2000
#define RESOLVE_CAP_MS (5 * 60 * 1000) /* background backoff never waits longer than this */

struct payments {
	struct payments_config cfg;
	struct payments_tender tenders[CORE_TENDER_COUNT]; /* the registry */
	/* The current payment's tender (the card's until one is chosen). */
	const struct tender_ops *tender;
	void *timpl;
	struct magstripe mag;

	/* The payment under way (one at a time: one resident). */
	struct payment machine;
	struct tender_request rq;
	struct core_effect fx; /* what the core asked for */
	struct payment_record pay;
	struct tender_bill bills[TENDER_MAX_BILLS]; /* rq.bills: a basket's */

	bool taken_ok;		 /* the last amount taken is journaled */
	int64_t next_resolve_ms; /* next background pass over payments in doubt, -1: none */
	int resolve_round;
};

static void schedule_resolve(struct payments *ps, bool soon);

static void post_refused(void *ctx)
{
	schedule_resolve(ctx, true);
}

int payments_open(const struct payments_config *cfg, struct payments **out)
{
	struct payments *ps = calloc(1, sizeof(*ps));

	if (!ps)
		return KIOSK_ENOMEM;
	ps->cfg = *cfg;
	magstripe_init(&ps->mag, cfg->portal, cfg->sealer);
	ps->mag.chip_terminal = cfg->chip_terminal;
	for (int i = 0; i < CORE_TENDER_COUNT; i++)
		ps->tenders[i] = cfg->tenders[i];
	if (!ps->tenders[CORE_TENDER_CARD].ops)
		ps->tenders[CORE_TENDER_CARD] =
		    (struct payments_tender){.ops = &magstripe_tender, .impl = &ps->mag};
	ps->tender = ps->tenders[CORE_TENDER_CARD].ops;
	ps->timpl = ps->tenders[CORE_TENDER_CARD].impl;
	ps->next_resolve_ms = -1;
	if (cfg->sync) {
		/* A posting the portal refused from the outbox: the charge is reversed soon. */
		cfg->sync->post_refused = post_refused;
		cfg->sync->post_refused_ctx = ps;
	}
	*out = ps;
	return 0;
}

void payments_close(struct payments *ps)
{
	if (!ps)
		return;
	mbedtls_platform_zeroize(ps, sizeof(*ps));
	free(ps);
}

void payments_reader(struct payments *ps, bool on)
{
	magstripe_reader(&ps->mag, on);
}

static int now_yymm(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return (tm.tm_year % 100) * 100 + tm.tm_mon + 1;
}

/* What a card's service code means for this kiosk, as a failure for the core. */
static enum core_failure service_failure(enum card_service_verdict v)
{
	switch (v) {
	case CARD_SERVICE_OK: return CORE_FAIL_NONE;
	case CARD_SERVICE_USE_CHIP: return CORE_FAIL_USE_CHIP;
	case CARD_SERVICE_PIN_REQUIRED: return CORE_FAIL_PIN_REQUIRED;
	case CARD_SERVICE_ATM_ONLY: return CORE_FAIL_ATM_ONLY;
	default: return CORE_FAIL_BAD_SWIPE;
	}
}

int payments_swipe(struct payments *ps, struct card_swipe *swipe, struct core_event *ev)
{
	enum card_service_verdict service;
	int rc;

	memset(ev, 0, sizeof(*ev));
	ev->type = CORE_EV_CARD_READ;
	rc = magstripe_swipe(&ps->mag, swipe, now_yymm(), ev->brand, ev->last4, &service);
	if (rc == KIOSK_ESTATE)
		return rc;
	if (service != CARD_SERVICE_OK)
		ev->failure = service_failure(service);
	else if (rc)
		ev->failure = rc == KIOSK_EEXPIRED ? CORE_FAIL_EXPIRED
			      : rc == KIOSK_ECARD  ? CORE_FAIL_BAD_SWIPE
						   : CORE_FAIL_PRINTER;
	return 0;
}

const struct card_sealed *payments_card(const struct payments *ps)
{
	return magstripe_card(&ps->mag);
}

void payments_drop_card(struct payments *ps)
{
	magstripe_drop(&ps->mag);
}

const struct payment_record *payments_current(const struct payments *ps)
{
	return &ps->pay;
}

static void schedule_resolve(struct payments *ps, bool soon)
{
	int64_t delay = RESOLVE_FIRST_MS;

	if (soon) {
		ps->resolve_round = 0;
	} else {
		for (int i = 0; i < ps->resolve_round && delay < RESOLVE_CAP_MS; i++)
			delay *= 2;
		if (delay > RESOLVE_CAP_MS)
			delay = RESOLVE_CAP_MS;
		ps->resolve_round++;
	}
	/* Jitter, so a fleet that lost the portal together does not come back together. */
	ps->next_resolve_ms =
	    clock_wall_ms() + delay / 2 + (int64_t)(rand_u32() % (uint32_t)(delay / 2 + 1));
}

/* A key's short, readable form: what the resident writes down when the outcome is unknown. */
static void kiosk_reference(const char *key, char *out, size_t n)
{
	char up[9];

	for (int i = 0; i < 8; i++)
		up[i] = (char)(key[i] >= 'a' && key[i] <= 'f' ? key[i] - 32 : key[i]);
	up[8] = '\0';
	snprintf(out, n, "Q-%s", up);
}

int tender_bill_shares(const struct tender_request *rq, struct portal_bill_share *out)
{
	if (rq->n_bills < 2 || rq->n_bills > PORTAL_MAX_BILLS || !rq->bills)
		return KIOSK_EINVAL;
	memset(out, 0, sizeof(*out) * PORTAL_MAX_BILLS);
	for (int i = 0; i < rq->n_bills; i++) {
		snprintf(out[i].customer_number, sizeof(out[i].customer_number), "%s",
			 rq->bills[i].customer_number);
		out[i].amount_cents = rq->bills[i].amount_cents;
	}
	return 0;
}

/* Written (and fsynced) before anything leaves the kiosk: created, then sent. */
static int journal_it(struct payments *ps)
{
	struct journal_payment jp;
	int rc;

	memset(&jp, 0, sizeof(jp));
	snprintf(jp.idempotency_key, sizeof(jp.idempotency_key), "%s", ps->pay.key);
	snprintf(jp.customer_number, sizeof(jp.customer_number), "%s", ps->rq.customer_number);
	jp.amount_cents = ps->pay.amount_cents;
	jp.fee_cents = ps->pay.fee_cents;
	jp.post = ps->tender->post_to_portal ? JOURNAL_POST_PENDING : JOURNAL_POST_NONE;
	snprintf(jp.brand, sizeof(jp.brand), "%s", ps->pay.brand);
	snprintf(jp.last4, sizeof(jp.last4), "%s", ps->pay.last4);
	snprintf(jp.tender, sizeof(jp.tender), "%s", ps->tender->name);
	jp.n_bills = ps->rq.n_bills;
	for (int i = 0; i < ps->rq.n_bills; i++) {
		snprintf(jp.bills[i].customer_number, sizeof(jp.bills[i].customer_number), "%s",
			 ps->bills[i].customer_number);
		jp.bills[i].amount_cents = ps->bills[i].amount_cents;
		jp.bills[i].takes_credit = i == ps->rq.credit_to;
	}
	crashpoint("before-journal");
	rc = journal_create(ps->cfg.journal, &jp);
	if (rc == 0) {
		crashpoint("after-journal");
		rc = journal_set_state(ps->cfg.journal, jp.idempotency_key, JOURNAL_SENT, NULL);
	}
	if (rc)
		log_error(MOD, "journal refused the payment: %s", kiosk_strerror(rc));
	else
		crashpoint("after-sent-state");
	return rc;
}

/* One payment run through the machine: the resident's (ps->machine, ps->rq), or one the
 * background settles from the journal. */
struct run_ctx {
	struct payment *m;
	struct tender_request *rq;
	int64_t bill_cents; /* what goes to the bill; rq->amount_cents adds the card fee */
	int64_t fee_cents;
	bool left_open; /* something is still owed (a posting neither sent nor queued) */
};

/* The posting of an approved payment, as the outbox keeps it. */
static int posting_body(const struct payments *ps, const struct run_ctx *c, char *buf, size_t n)
{
	const struct tender_result *r = &c->m->result;
	struct portal_bill_share bills[PORTAL_MAX_BILLS];
	struct portal_posting pp = {
	    .idempotency_key = c->rq->key,
	    .customer_number = c->rq->customer_number,
	    .amount_cents = c->bill_cents,
	    .fee_cents = c->fee_cents,
	    .tender = "terminal",
	    .transaction_id = r->card.terminal_txn,
	    .approval_code = r->card.approval_code,
	    .brand = r->brand,
	    .last4 = r->last4,
	    .entry_mode = r->card.entry_mode[0] ? r->card.entry_mode : "chip",
	};
	int rc = 0;

	/* A basket: every bill under the one key, applied all or none. */
	if (c->rq->n_bills > 0 && (rc = tender_bill_shares(c->rq, bills)) == 0) {
		pp.n_bills = c->rq->n_bills;
		pp.bills = bills;
	}
	/* A tender that keeps its own record makes the body from it (a validator's notes). */
	if (rc == 0)
		rc = ps->tender->posting ? ps->tender->posting(ps->timpl, c->rq, buf, n)
					 : portal_posting_json(&pp, buf, n);

	if (rc)
		log_error(MOD, "payment %.8s: the %s's approval cannot be posted as it is",
			  c->rq->key, ps->tender->party);
	return rc;
}

/* Runs one action; fills *next and returns true when it has an answer for the machine. */
static bool run_action(struct payments *ps, struct run_ctx *c, const struct payment_action *a,
		       struct payment_event *next)
{
	struct payment *m = c->m;
	struct portal_payment posted;
	char body[OUTBOX_BODY_MAX];

	memset(next, 0, sizeof(*next));
	switch (a->type) {
	case PAYMENT_ACT_JOURNAL_CREATE:
		next->type = PAYMENT_EV_JOURNALED;
		next->rc = journal_it(ps);
		return true;
	case PAYMENT_ACT_JOURNAL_MARK:
		journal_set_state(ps->cfg.journal, c->rq->key, a->journal_state,
				  a->reference && a->reference[0] ? a->reference : NULL);
		if (a->journal_state == JOURNAL_APPROVED || a->journal_state == JOURNAL_DECLINED)
			crashpoint("after-answer");
		return false;
	case PAYMENT_ACT_JOURNAL_CARD:
		journal_set_card(ps->cfg.journal, c->rq->key, m->result.brand, m->result.last4,
				 &m->result.card);
		return false;
	case PAYMENT_ACT_JOURNAL_POST:
		journal_set_post(ps->cfg.journal, c->rq->key, a->post,
				 a->reference && a->reference[0] ? a->reference : NULL);
		return false;
	case PAYMENT_ACT_PORTAL_POST:
		next->type = PAYMENT_EV_POSTED;
		crashpoint("before-post");
		next->rc = posting_body(ps, c, body, sizeof(body));
		if (next->rc == 0)
			next->rc = portal_post_payment(ps->cfg.portal, c->rq->key, body, &posted);
		if (next->rc == 0) {
			crashpoint("after-post");
			snprintf(next->result.reference, sizeof(next->result.reference), "%s",
				 posted.reference);
		} else {
			log_warn(MOD, "payment %.8s: posting to the portal: %s", c->rq->key,
				 kiosk_strerror(next->rc));
		}
		return true;
	case PAYMENT_ACT_OUTBOX_POST:
		/* Queued first, then journaled as queued: a crash between leaves it pending,
		 * and the background posts it (the portal takes a key once). */
		if (posting_body(ps, c, body, sizeof(body)) == 0 && ps->cfg.sync &&
		    sync_queue_post(ps->cfg.sync, c->rq->key, body) == 0)
			journal_set_post(ps->cfg.journal, c->rq->key, JOURNAL_POST_QUEUED, NULL);
		else
			c->left_open = true; /* still pending: the background posts it */
		return false;
	case PAYMENT_ACT_JOURNAL_TAKEN:
		/* The city's money from here on: on disk before anyone is told. */
		ps->taken_ok = journal_set_taken(ps->cfg.journal, c->rq->key, a->taken_cents) == 0;
		return false;
	case PAYMENT_ACT_SHOW_PROGRESS:
		if (!ps->taken_ok) {
			log_error(MOD,
				  "payment %.8s: %lld cents taken but not journaled; not shown",
				  c->rq->key, (long long)a->taken_cents);
			return false;
		}
		log_info(MOD, "payment %.8s: %lld cents taken so far", c->rq->key,
			 (long long)a->taken_cents);
		if (ps->cfg.on_progress)
			ps->cfg.on_progress(ps->cfg.progress_ctx, a->taken_cents);
		return false;
	case PAYMENT_ACT_TENDER_START:
	case PAYMENT_ACT_TENDER_RESEND:
		next->type = PAYMENT_EV_ANSWER;
		next->rc = ps->tender->start(ps->timpl, c->rq, a->type == PAYMENT_ACT_TENDER_RESEND,
					     &next->result);
		if (a->type == PAYMENT_ACT_TENDER_START) {
			crashpoint("after-send");
			if (next->rc != 0 && next->rc != KIOSK_EINVAL && next->rc != KIOSK_ETLS)
				log_warn(MOD, "payment %.8s: %s; asking the %s", c->rq->key,
					 kiosk_strerror(next->rc), ps->tender->party);
		}
		return true;
	case PAYMENT_ACT_TENDER_STATUS:
		if (a->wait_ms > 0)
			usleep((useconds_t)a->wait_ms * 1000u);
		next->type = PAYMENT_EV_STATUS;
		next->rc = ps->tender->status(ps->timpl, c->rq, &next->result);
		return true;
	case PAYMENT_ACT_TENDER_ABORT:
		next->type = PAYMENT_EV_ANSWER;
		next->rc = ps->tender->abort(ps->timpl, c->rq, &next->result);
		return true;
	case PAYMENT_ACT_TENDER_REVERSE:
		c->rq->reference = m->result.reference;
		next->type = PAYMENT_EV_REVERSED;
		crashpoint("before-reverse");
		next->rc = ps->tender->reverse(ps->timpl, c->rq, &next->result);
		if (next->rc)
			log_error(MOD, "payment %.8s: the %s did not reverse it: %s", c->rq->key,
				  ps->tender->party, kiosk_strerror(next->rc));
		return true;
	case PAYMENT_ACT_FINISHED:
		log_info(MOD, "payment %.8s: %s", c->rq->key, payment_state_name(m->state));
		return false;
	}
	return false;
}

/* Feeds ev to the machine and runs what it asks until it waits for a tender or is done. */
static void run_one(struct payments *ps, struct run_ctx *c, const struct payment_event *first)
{
	struct payment_event ev = *first, next;
	struct payment_actions acts;
	bool more = true;

	while (more) {
		more = false;
		if (payment_step(c->m, &ev, &acts) != 0) {
			log_error(MOD, "payment %.8s: event %d refused in state %s", c->rq->key,
				  ev.type, payment_state_name(c->m->state));
			return;
		}
		for (int i = 0; i < acts.n; i++) {
			if (run_action(ps, c, &acts.a[i], &next)) {
				ev = next;
				more = true;
			}
		}
	}
}

/* The resident's payment. */
static void run(struct payments *ps, const struct payment_event *first)
{
	struct run_ctx c = {&ps->machine, &ps->rq, ps->pay.amount_cents, ps->pay.fee_cents, false};

	run_one(ps, &c, first);
	if (c.left_open)
		schedule_resolve(ps, false);
}

static struct payment_caps caps_of(const struct payments *ps)
{
	struct payment_caps c = {
	    .can_resend = ps->tender->can_resend && ps->tender->can_resend(ps->timpl),
	    .can_abort = ps->tender->abort != NULL,
	    .can_reverse = ps->tender->reverse != NULL,
	    .must_post = ps->tender->post_to_portal,
	};
	return c;
}

/* A tender's kind of decline, as the core words it. */
static enum core_decline decline_of(enum tender_decline d)
{
	switch (d) {
	case TENDER_DECLINE_REFUSED: return CORE_DECLINE_REFUSED;
	case TENDER_DECLINE_FUNDS: return CORE_DECLINE_FUNDS;
	case TENDER_DECLINE_CARD_REMOVED: return CORE_DECLINE_CARD_REMOVED;
	case TENDER_DECLINE_PIN_TRIES: return CORE_DECLINE_PIN_TRIES;
	case TENDER_DECLINE_NO_CARD: return CORE_DECLINE_NO_CARD;
	default: return CORE_DECLINE_OTHER;
	}
}

/* A cash payment's answer: what the notes came to, and the notes for the receipt. */
static void cash_answer(struct payments *ps, struct core_event *ev)
{
	const struct payment *m = &ps->machine;
	struct portal_cash_note notes[8];
	int n = 0;

	ps->pay.amount_cents = m->result.taken_cents;
	ps->pay.credit_cents =
	    m->result.taken_cents > m->amount_cents ? m->result.taken_cents - m->amount_cents : 0;
	if (ps->cfg.cash_notes && ps->cfg.cash_notes(ps->timpl, ps->rq.key, notes, 8, &n) == 0) {
		ps->pay.n_notes = n;
		for (int i = 0; i < n; i++) {
			ps->pay.notes[i].cents = notes[i].cents;
			ps->pay.notes[i].count = notes[i].count;
		}
	}
	ev->cents = m->result.taken_cents;
	ev->posting_later = m->post_queued;
	/* The portal's reference once it has the notes; the kiosk's until then. */
	if (m->post_reference[0])
		snprintf(ev->reference, sizeof(ev->reference), "%s", m->post_reference);
	else
		kiosk_reference(ps->rq.key, ev->reference, sizeof(ev->reference));
}

/* A basket's balance after payment, bill by bill: the party's word when it gave one (the
 * portal deciding a swiped card), else the bill as looked up less its share, and less the
 * cash credit on the account that took it. */
static void basket_balances(struct payments *ps)
{
	const struct payment *m = &ps->machine;
	int64_t credit = m->result.taken_cents > m->amount_cents && ps->pay.cash
			     ? m->result.taken_cents - m->amount_cents
			     : 0;

	ps->pay.credit_to = ps->rq.credit_to;
	for (int i = 0; i < ps->pay.n_bills; i++) {
		int64_t left = ps->pay.bills[i].bill.balance_cents - ps->pay.bills[i].amount_cents -
			       (i == ps->rq.credit_to ? credit : 0);

		ps->pay.balance_cents[i] = i < m->result.n_bills ? m->result.balance_cents[i]
					   : left > 0		 ? left
								 : 0;
	}
}

/* The machine ended: the resident's answer, and what the receipt will say. */
static void answer(struct payments *ps, struct core_event *ev)
{
	const struct payment *m = &ps->machine;

	memset(ev, 0, sizeof(*ev));
	ev->type = CORE_EV_PAY_DONE;
	ev->request_id = ps->fx.request_id;
	/* What the tender learnt of the card (a terminal: brand and last four only). */
	if (m->result.last4[0]) {
		snprintf(ps->pay.brand, sizeof(ps->pay.brand), "%s", m->result.brand);
		snprintf(ps->pay.last4, sizeof(ps->pay.last4), "%s", m->result.last4);
	}
	snprintf(ev->brand, sizeof(ev->brand), "%s", ps->pay.brand);
	snprintf(ev->last4, sizeof(ev->last4), "%s", ps->pay.last4);
	switch (m->state) {
	case PAYMENT_APPROVED:
	case PAYMENT_DECLINED:
		/* The receipt's card lines: what the terminal said (a swipe knew it before). */
		if (m->result.last4[0]) {
			snprintf(ps->pay.brand, sizeof(ps->pay.brand), "%s", m->result.brand);
			snprintf(ps->pay.last4, sizeof(ps->pay.last4), "%s", m->result.last4);
		}
		ps->pay.card = m->result.card;
		ps->pay.post_queued = m->post_queued;
		/* The screen says what the receipt says: the portal hears of it from the outbox. */
		ev->posting_later = m->state == PAYMENT_APPROVED && m->post_queued;
		basket_balances(ps);
		ev->outcome =
		    m->state == PAYMENT_APPROVED ? CORE_OUTCOME_APPROVED : CORE_OUTCOME_DECLINED;
		snprintf(ev->reference, sizeof(ev->reference), "%s", m->result.reference);
		snprintf(ev->text, sizeof(ev->text), "%s", m->result.message);
		ev->decline = decline_of(m->result.decline);
		log_info(MOD, "payment %.8s %s, reference %s", ps->rq.key,
			 m->state == PAYMENT_APPROVED ? "approved" : "declined",
			 m->result.reference);
		break;
	case PAYMENT_IN_DOUBT:
		ev->outcome = CORE_OUTCOME_IN_DOUBT;
		kiosk_reference(ps->rq.key, ev->reference, sizeof(ev->reference));
		log_warn(MOD, "payment %.8s in doubt; settling it in the background", ps->rq.key);
		schedule_resolve(ps, true);
		break;
	case PAYMENT_REVERSED:
		/* The kiosk could not stand behind the terminal's approval and gave it back. */
		ev->failure = CORE_FAIL_NOT_ACCEPTED;
		log_warn(MOD, "payment %.8s: the charge was reversed; nothing was taken",
			 ps->rq.key);
		break;
	default:
		ev->failure = m->failure == PAYMENT_FAIL_STORE	       ? CORE_FAIL_STORE
			      : m->failure == PAYMENT_FAIL_REFUSED     ? CORE_FAIL_REFUSED
			      : m->failure == PAYMENT_FAIL_UNTRUSTED   ? CORE_FAIL_UNTRUSTED
			      : m->failure == PAYMENT_FAIL_UNREACHABLE ? CORE_FAIL_UNREACHABLE
			      : m->failure == PAYMENT_FAIL_OFFLINE     ? CORE_FAIL_OFFLINE
			      : m->failure == PAYMENT_FAIL_CANCELLED   ? CORE_FAIL_CANCELLED
								       : CORE_FAIL_UNREACHABLE;
		break;
	}
	if (ps->pay.cash && ev->failure == CORE_FAIL_NONE)
		cash_answer(ps, ev);
	if (ev->failure == CORE_FAIL_NONE) {
		ps->pay.outcome = ev->outcome;
		snprintf(ps->pay.reference, sizeof(ps->pay.reference), "%s", ev->reference);
	} else {
		ps->pay.valid = false;
	}
	/* The card served its one payment. */
	magstripe_drop(&ps->mag);
}

/* A basket: the tender is asked for all its bills under the one key; the record keeps them
 * for the receipt. The first bill stands for the payment where one customer number is asked
 * (the journal's row, listings). */
static void take_basket(struct payments *ps, const struct core_effect *fx)
{
	int n = fx->basket_count;

	memset(ps->bills, 0, sizeof(ps->bills));
	ps->pay.n_bills = 0;
	ps->rq.n_bills = 0;
	ps->rq.bills = NULL;
	if (n < 2 || n > CORE_MAX_BASKET || n > TENDER_MAX_BILLS)
		return;
	for (int i = 0; i < n; i++) {
		snprintf(ps->bills[i].customer_number, sizeof(ps->bills[i].customer_number), "%s",
			 fx->basket[i].bill.customer_number);
		ps->bills[i].amount_cents = fx->basket[i].amount_cents;
		ps->pay.bills[i] = fx->basket[i];
	}
	ps->pay.n_bills = n;
	ps->pay.bill = fx->basket[0].bill;
	ps->rq.customer_number = ps->pay.bill.customer_number;
	ps->rq.n_bills = n;
	ps->rq.bills = ps->bills;
}

bool payments_pay(struct payments *ps, const struct core_effect *fx, struct core_event *ev)
{
	struct payment_event start = {.type = PAYMENT_EV_START, .amount_cents = fx->amount_cents};
	struct tender_result known;

	memset(&ps->pay, 0, sizeof(ps->pay));
	memset(&ps->machine, 0, sizeof(ps->machine));
	memset(&ps->rq, 0, sizeof(ps->rq));
	ps->fx = *fx;
	memset(ev, 0, sizeof(*ev));
	ev->type = CORE_EV_PAY_DONE;
	ev->request_id = fx->request_id;
	if ((unsigned)fx->tender >= CORE_TENDER_COUNT || !ps->tenders[fx->tender].ops) {
		/* The core offers only the ways to pay this kiosk has: a bug if it gets here. */
		log_error(MOD, "no tender for way to pay %d: payment refused", (int)fx->tender);
		ev->failure = CORE_FAIL_REFUSED;
		return true;
	}
	ps->tender = ps->tenders[fx->tender].ops;
	ps->timpl = ps->tenders[fx->tender].impl;
	if (ps->tender->prepare && ps->tender->prepare(ps->timpl, &known) != 0) {
		ev->failure =
		    fx->tender == CORE_TENDER_CASH ? CORE_FAIL_CASH_OFF : CORE_FAIL_BAD_SWIPE;
		magstripe_drop(&ps->mag);
		return true;
	}
	if (!ps->tender->prepare)
		memset(&known, 0, sizeof(known));
	if (rand_hex(ps->pay.key, sizeof(ps->pay.key), 16) != 0) {
		ev->failure = CORE_FAIL_STORE;
		magstripe_drop(&ps->mag);
		return true;
	}
	ps->pay.valid = true;
	ps->pay.cash = fx->tender == CORE_TENDER_CASH; /* never a card fee on cash */
	ps->pay.bill = fx->bill;
	ps->pay.amount_cents = fx->amount_cents;
	/* The card fee the resident was shown rides on the terminal's amount and is posted and
	 * journaled as its own line. A tender whose party is the portal has no fee line to carry
	 * it: never charge what could not be accounted for. */
	ps->pay.fee_cents = ps->tender->post_to_portal && fx->fee_cents > 0 ? fx->fee_cents : 0;
	if (fx->fee_cents > 0 && !ps->pay.fee_cents)
		log_warn(MOD, "a card fee of %lld cents was shown, but the %s cannot charge one",
			 (long long)fx->fee_cents, ps->tender->name);
	snprintf(ps->pay.brand, sizeof(ps->pay.brand), "%s", known.brand);
	snprintf(ps->pay.last4, sizeof(ps->pay.last4), "%s", known.last4);
	ps->pay.when = time(NULL);
	ps->rq.key = ps->pay.key;
	ps->rq.customer_number = ps->pay.bill.customer_number;
	ps->rq.amount_cents = fx->amount_cents + ps->pay.fee_cents;
	ps->rq.reference = "";
	start.amount_cents = ps->rq.amount_cents;
	take_basket(ps, fx);
	start.caps = caps_of(ps);
	run(ps, &start);
	if (!payment_finished(&ps->machine))
		return false; /* a tender is taking the money: its answer comes later */
	answer(ps, ev);
	return true;
}

bool payments_busy(const struct payments *ps)
{
	return ps->machine.state != PAYMENT_IDLE && !payment_finished(&ps->machine);
}

const struct payments_tender *payments_tender_for(const struct payments *ps, enum core_tender way)
{
	if ((unsigned)way >= CORE_TENDER_COUNT || !ps->tenders[way].ops)
		return NULL;
	return &ps->tenders[way];
}

bool payments_abort(struct payments *ps, const struct core_effect *fx, struct core_event *ev)
{
	struct payment_event pe = {.type = PAYMENT_EV_ABORT};

	if ((fx && fx->request_id != ps->fx.request_id) || ps->machine.state != PAYMENT_TAKING) {
		/* Already answered (the card was faster) or not yet taking: nothing to stop. */
		log_info(MOD, "cancel with no payment to stop: ignored");
		return false;
	}
	if (fx && ps->rq.n_bills > 0 && fx->credit_to > 0 && fx->credit_to < ps->rq.n_bills &&
	    ps->pay.cash) {
		/* Done on a basket paid in cash: the credit goes where the resident chose, in the
		 * journal before the posting is made from it. */
		if (journal_set_credit_bill(ps->cfg.journal, ps->rq.key, fx->credit_to) == 0)
			ps->rq.credit_to = fx->credit_to;
		else
			log_error(MOD, "payment %.8s: the credit stays on the first bill",
				  ps->rq.key);
	}
	log_info(MOD, "payment %.8s: the resident %s; asking the %s to stop", ps->rq.key,
		 ps->pay.cash ? "is done" : "cancelled", ps->tender->party);
	run(ps, &pe);
	if (!payment_finished(&ps->machine))
		return false;
	answer(ps, ev);
	return true;
}

bool payments_tender_event(struct payments *ps, const struct tender_event *tev,
			   struct core_event *ev)
{
	struct payment_event pe = {.rc = tev->rc, .result = tev->result};

	pe.type = tev->type == TENDER_EV_PROGRESS ? PAYMENT_EV_PROGRESS : PAYMENT_EV_ANSWER;
	if (payment_finished(&ps->machine) || ps->machine.state == PAYMENT_IDLE) {
		log_warn(MOD, "a tender reported with no payment under way: ignored");
		return false;
	}
	run(ps, &pe);
	if (!payment_finished(&ps->machine))
		return false;
	answer(ps, ev);
	return true;
}

/* Puts "what the resident was shown" in the outbox, once per payment. */
static void confirm_shown(struct payments *ps, bool printed)
{
	if (!ps->pay.valid || ps->pay.confirm_queued || ps->pay.outcome == CORE_OUTCOME_IN_DOUBT)
		return;
	sync_queue_confirm(ps->cfg.sync, ps->pay.key,
			   ps->pay.outcome == CORE_OUTCOME_APPROVED ? "approved" : "declined",
			   printed);
	ps->pay.confirm_queued = true;
}

void payments_print(struct payments *ps, const struct receipts_env *env, struct core_event *ev)
{
	int rc = receipts_print(env, &ps->pay);

	memset(ev, 0, sizeof(*ev));
	ev->type = CORE_EV_PRINT_DONE;
	if (rc == KIOSK_EPAPER) {
		ev->failure = CORE_FAIL_PAPER_OUT;
	} else if (rc) {
		ev->failure = CORE_FAIL_PRINTER;
	} else {
		log_info(MOD, "receipt printed");
		/* Only an approved payment becomes "receipt printed": the journal refuses it
		 * for any other. */
		journal_set_state(ps->cfg.journal, ps->pay.key, JOURNAL_RECEIPT_PRINTED, NULL);
		confirm_shown(ps, true);
	}
}

void payments_end_session(struct payments *ps)
{
	/* The result was shown but no receipt printed: the portal hears it now. */
	confirm_shown(ps, false);
	magstripe_drop(&ps->mag);
	magstripe_reader(&ps->mag, false);
	mbedtls_platform_zeroize(&ps->pay, sizeof(ps->pay));
}

/* A payment the background settled: if the resident was told "in doubt", the portal hears
 * that too, so its staff know a resident may call. */
static void on_settled(const struct journal_payment *before, enum journal_state after,
		       const char *reference, void *ctx)
{
	struct payments *ps = ctx;

	(void)reference;
	if (before->state == JOURNAL_IN_DOUBT &&
	    (after == JOURNAL_APPROVED || after == JOURNAL_DECLINED))
		sync_queue_confirm(ps->cfg.sync, before->idempotency_key, "in_doubt", false);
}

/* An approved payment the portal has not got yet (a crash between the approval and the
 * posting, an outbox refusal): posted, or reversed when the portal refused it. Counts what is
 * still open (the portal or the terminal out of reach). */
struct unposted_pass {
	struct payments *ps;
	int open;
};

static int settle_unposted(const struct journal_payment *jp, void *ctx)
{
	struct unposted_pass *up = ctx;
	struct payments *ps = up->ps;
	struct payment m = {0};
	struct tender_request rq = {.key = jp->idempotency_key,
				    .customer_number = jp->customer_number,
				    .amount_cents = jp->amount_cents + jp->fee_cents,
				    .reference = jp->reference};
	struct run_ctx c = {&m, &rq, jp->amount_cents, jp->fee_cents, false};
	struct journal_bill jb[JOURNAL_MAX_BILLS];
	struct tender_bill bills[TENDER_MAX_BILLS];
	int n = 0;
	struct payment_event ev = {.type = PAYMENT_EV_SETTLE_POST,
				   .amount_cents = rq.amount_cents,
				   .post = jp->post,
				   .caps = caps_of(ps)};

	if (strcmp(jp->tender, ps->tender->name) != 0 || !ps->tender->post_to_portal)
		return 0; /* another tender's: that tender settles it */
	/* A basket is posted whole, its bills and credit as journaled before it was taken. */
	memset(bills, 0, sizeof(bills));
	if (journal_bills(ps->cfg.journal, jp->idempotency_key, jb, JOURNAL_MAX_BILLS, &n) != 0 ||
	    n > TENDER_MAX_BILLS) {
		up->open++;
		return 0;
	}
	for (int i = 0; i < n && i < TENDER_MAX_BILLS; i++) {
		snprintf(bills[i].customer_number, sizeof(bills[i].customer_number), "%.23s",
			 jb[i].customer_number);
		bills[i].amount_cents = jb[i].amount_cents;
		if (jb[i].takes_credit)
			rq.credit_to = i;
	}
	rq.n_bills = n;
	rq.bills = n > 0 ? bills : NULL;
	ev.result.verdict = TENDER_APPROVED;
	ev.result.amount_cents = rq.amount_cents;
	snprintf(ev.result.reference, sizeof(ev.result.reference), "%s", jp->reference);
	snprintf(ev.result.brand, sizeof(ev.result.brand), "%s", jp->brand);
	snprintf(ev.result.last4, sizeof(ev.result.last4), "%s", jp->last4);
	ev.result.card = jp->card;
	log_info(MOD, "payment %.8s: approved, posting %s: %s", jp->idempotency_key,
		 journal_post_name(jp->post),
		 jp->post == JOURNAL_POST_REFUSED ? "reversing it" : "posting it");
	run_one(ps, &c, &ev);
	if (m.state == PAYMENT_IN_DOUBT || c.left_open)
		up->open++;
	return 0;
}

/* One recovery pass over the payments one tender took; returns how many are still open. */
static int recover_tender(struct payments *ps, const struct payments_tender *pt)
{
	struct unposted_pass up = {ps, 0};
	struct reconcile_pass pass = {0};
	/* Recovery asks the party's record; it never resends (the card is long gone). */
	struct magstripe bare;
	void *impl = pt->impl;
	int rc;

	if (pt->ops == &magstripe_tender) {
		magstripe_init(&bare, ps->cfg.portal, NULL);
		impl = &bare;
	}
	/* The pass acts through this tender (settle_unposted, run_one); nothing is under way. */
	ps->tender = pt->ops;
	ps->timpl = impl;
	rc = reconcile_all(pt->ops, impl, ps->cfg.journal, (int64_t)time(NULL), ps->cfg.grace_s,
			   on_settled, ps, &pass);
	if (rc) {
		log_error(MOD, "reconciliation (%s) failed: %s", pt->ops->name, kiosk_strerror(rc));
		pass.open = 1; /* try again later */
	} else if (pass.checked) {
		log_info(MOD, "reconciliation (%s): %d checked, %d settled, %d still in doubt",
			 pt->ops->name, pass.checked, pass.settled, pass.open);
	}
	/* Approved but not yet posted to the portal: this tender's, settled now. */
	if (journal_each_unposted(ps->cfg.journal, settle_unposted, &up) != 0)
		up.open++;
	pass.open += up.open;
	ps->tender = ps->tenders[CORE_TENDER_CARD].ops;
	ps->timpl = ps->tenders[CORE_TENDER_CARD].impl;
	return pass.open;
}

int payments_recover(struct payments *ps)
{
	int open = 0;

	/* Never while a payment is under way: its key is the tender's to settle. */
	if (payments_busy(ps)) {
		schedule_resolve(ps, false);
		return 1;
	}
	for (int i = 0; i < CORE_TENDER_COUNT; i++) {
		bool seen = false;
		if (!ps->tenders[i].ops)
			continue;
		for (int j = 0; j < i; j++)
			seen = seen || ps->tenders[j].ops == ps->tenders[i].ops;
		if (!seen)
			open += recover_tender(ps, &ps->tenders[i]);
	}
	if (open > 0)
		schedule_resolve(ps, false);
	return open;
}

int64_t payments_due_ms(const struct payments *ps)
{
	return ps->next_resolve_ms;
}

void payments_background(struct payments *ps)
{
	if (payments_recover(ps) == 0) {
		ps->next_resolve_ms = -1;
		ps->resolve_round = 0;
	}
}
