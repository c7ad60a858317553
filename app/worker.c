/* The worker thread: the adapters between the pure core and the world. A payment is journaled
 * under its idempotency key before it is sent; card data is sealed the moment it is parsed
 * and the plaintext wiped; every answer comes back to the UI as a core event. When idle it
 * settles payments in doubt and drains the outbox. */
#include "app/worker.h"

#include <errno.h>
#include <mbedtls/platform_util.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "app/account_worker.h"
#include "app/common/err.h"
#include "app/common/inbox.h"
#include "app/common/log.h"
#include "app/crypto/seal.h"
#include "app/i18n.h"
#include "app/payments/reconcile.h"
#include "app/service/service_worker.h"
#include "app/store/journal.h"
#include "app/store/outbox.h"
#include "drivers/printer/receipt.h"
#include "drivers/sim/sim_printer.h"
#include "drivers/usb/usbdev.h"

#define OUTBOX_CAPACITY 10000
#define SESSION_ROUNDS 3	       /* status checks (and same-key resends) before "in doubt" */
#define RESOLVE_CAP_MS (5 * 60 * 1000) /* background backoff never waits longer than this */

enum job_kind { JOB_EFFECT, JOB_SWIPE, JOB_STATUS, JOB_QUIT };

struct job {
	struct job *next;
	enum job_kind kind;
	struct core_effect fx;
	enum core_lang lang;
	struct card_swipe swipe;
	/* A staff operation from kioskctl: the answer goes here instead of to the core. */
	void (*done)(void *ctx, const struct core_event *ev);
	void *done_ctx;
};

/* The payment the resident is in the middle of, for its receipt. */
struct current_payment {
	bool valid;
	char key[40];
	struct core_bill bill;
	int64_t amount_cents;
	char brand[16];
	char last4[5];
	char reference[32];
	enum core_outcome outcome;
	time_t when;
	bool confirm_queued; /* the outbox carries what the resident was shown */
};

struct worker {
	struct worker_config cfg;
	pthread_t thread;
	bool started;
	int start_rc; /* 1 until the worker has opened its adapters */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct job *head, *tail;

	/* Owned by the worker thread alone. */
	struct portal *portal;
	struct journal *journal;
	struct sealer *sealer;
	struct sim_printer *printer; /* --devices sim */
	struct usbdev *usb;	     /* --devices usb */
	const struct printer_ops *pops;
	void *pimpl;
	bool reader_on;
	bool card_held;
	struct card_sealed card;
	struct current_payment pay;
	struct outbox *outbox;
	struct service_worker *svc; /* staff operations and the audit log */
	const char *crash_at;	    /* KIOSK_CRASH_AT, the crash test's hook */
	int64_t grace_s;	    /* how long a sent request may still be on its way */
	int64_t next_resolve_ms;    /* next background pass over payments in doubt, -1: none */
	int resolve_round;
	int64_t next_outbox_ms;		/* when the outbox's next item falls due, -1: empty */
	struct account_session session; /* the signed-in resident's token (account_worker.c) */
	int printer_told;		/* the enum core_printer last posted, -1 before the first */
};

static int64_t wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint32_t random32(void)
{
	uint32_t r = 0;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r))
		r = (uint32_t)wall_ms();
	return r;
}

/* Test hook, documented in docs/operations.md: KIOSK_CRASH_AT=POINT kills the kiosk with
 * SIGKILL at that point of the payment path, as a power cut would, so tests/crash can prove
 * nothing is lost or doubled. Unset in production, where it costs one strcmp. */
static void crash_point(const struct worker *w, const char *point)
{
	if (w->crash_at && strcmp(w->crash_at, point) == 0) {
		log_warn("worker", "KIOSK_CRASH_AT=%s: killing the kiosk here", point);
		raise(SIGKILL);
	}
}

/* A result with the portal's account answer its event points to, in one allocation: the event
 * first, so the UI thread takes it as a struct core_event and one free() releases both. */
struct answered {
	struct core_event ev;
	struct core_account_result acct;
};

/* A result for the core, into the UI thread's inbox. */
static void post(struct worker *w, const struct core_event *ev)
{
	struct core_event *copy;

	if (ev->acct) {
		struct answered *a = malloc(sizeof(*a));
		if (a) {
			a->ev = *ev;
			a->acct = *ev->acct;
			a->ev.acct = &a->acct;
		}
		copy = a ? &a->ev : NULL;
	} else {
		copy = malloc(sizeof(*copy));
		if (copy)
			*copy = *ev;
	}
	if (!copy) {
		log_error("worker", "out of memory: a result for the screen is lost");
		return;
	}
	if (inbox_post(w->cfg.inbox, INBOX_RESULT, copy)) {
		/* The UI takes everything on every wake; a full inbox means it is gone. */
		log_error("worker", "the UI thread's inbox is full; dropping a result");
		free(copy);
	}
}

static void enqueue(struct worker *w, struct job *j)
{
	pthread_mutex_lock(&w->lock);
	if (w->tail)
		w->tail->next = j;
	else
		w->head = j;
	w->tail = j;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

void worker_submit(struct worker *w, const struct core_effect *fx, enum core_lang lang)
{
	struct job *j = calloc(1, sizeof(*j));

	if (!j) {
		log_error("worker", "out of memory: effect %d lost", fx->type);
		return;
	}
	j->kind = JOB_EFFECT;
	j->fx = *fx;
	j->lang = lang;
	enqueue(w, j);
}

void worker_swipe(struct worker *w, struct card_swipe *swipe)
{
	struct job *j = calloc(1, sizeof(*j));

	if (j) {
		j->kind = JOB_SWIPE;
		j->swipe = *swipe;
		enqueue(w, j);
	} else {
		log_error("worker", "out of memory: swipe lost");
	}
	card_swipe_wipe(swipe);
}

static enum core_failure failure_of(int rc)
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

static void do_lookup(struct worker *w, const struct core_effect *fx)
{
	struct core_event ev = {.type = CORE_EV_LOOKUP_DONE, .request_id = fx->request_id};
	struct portal_bill bill;
	int rc;

	memset(&bill, 0, sizeof(bill));
	rc = portal_lookup_bill(w->portal, fx->bill.customer_number,
				fx->verify == CORE_VERIFY_LAST_NAME ? fx->bill.last_name : NULL,
				fx->bill.last_bill_cents, &bill);
	ev.failure = failure_of(rc);
	if (rc == 0) {
		snprintf(ev.bill.customer_number, sizeof(ev.bill.customer_number), "%s",
			 bill.customer_number);
		snprintf(ev.bill.display_number, sizeof(ev.bill.display_number), "%s",
			 bill.display_number[0] ? bill.display_number : bill.customer_number);
		snprintf(ev.bill.last_name, sizeof(ev.bill.last_name), "%s", bill.last_name);
		snprintf(ev.bill.due_date, sizeof(ev.bill.due_date), "%s", bill.due_date);
		ev.bill.balance_cents = bill.balance_cents;
		ev.bill.last_bill_cents = bill.last_bill_cents;
	} else {
		log_info("worker", "bill lookup failed: %s", kiosk_strerror(rc));
	}
	post(w, &ev);
}

static int now_yymm(void)
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	return (tm.tm_year % 100) * 100 + tm.tm_mon + 1;
}

static void drop_card(struct worker *w)
{
	mbedtls_platform_zeroize(&w->card, sizeof(w->card));
	w->card_held = false;
}

/* What a card's service code means for this kiosk, as a failure for the core. */
static enum core_failure service_failure(const struct card_data *card, bool chip_terminal)
{
	switch (card_service_check(card->service_code, chip_terminal)) {
	case CARD_SERVICE_OK: return CORE_FAIL_NONE;
	case CARD_SERVICE_USE_CHIP: return CORE_FAIL_USE_CHIP;
	case CARD_SERVICE_PIN_REQUIRED: return CORE_FAIL_PIN_REQUIRED;
	case CARD_SERVICE_ATM_ONLY: return CORE_FAIL_ATM_ONLY;
	default: return CORE_FAIL_BAD_SWIPE;
	}
}

static void do_swipe(struct worker *w, struct card_swipe *swipe)
{
	struct core_event ev = {.type = CORE_EV_CARD_READ};
	struct card_data card;
	int rc;

	memset(&card, 0, sizeof(card));
	if (!w->reader_on) {
		log_info("worker", "swipe ignored: not on the card step");
		goto out;
	}
	if (card_swipe_encrypted(swipe)) {
		/* A MagneSafe's tracks go to the portal as the reader encrypted them: there is
		 * nothing readable here to parse or to seal. */
		drop_card(w);
		rc = seal_encrypted(swipe, &w->card);
	} else {
		rc = card_parse(swipe, &card);
		if (rc == 0)
			rc = card_check(&card, now_yymm());
		if (rc == 0) {
			ev.failure = service_failure(&card, w->cfg.chip_terminal);
			if (ev.failure != CORE_FAIL_NONE) {
				log_info("worker", "card refused by its service code %s",
					 card.service_code);
				post(w, &ev);
				goto out;
			}
			drop_card(w);
			rc = seal_card(w->sealer, &card, &w->card);
			if (rc)
				log_error("worker", "sealing the card failed: %s",
					  kiosk_strerror(rc));
		}
	}
	if (rc == 0) {
		w->card_held = true;
		snprintf(ev.brand, sizeof(ev.brand), "%s", w->card.brand);
		snprintf(ev.last4, sizeof(ev.last4), "%s", w->card.last4);
	} else {
		ev.failure = rc == KIOSK_EEXPIRED ? CORE_FAIL_EXPIRED
			     : rc == KIOSK_ECARD  ? CORE_FAIL_BAD_SWIPE
						  : CORE_FAIL_PRINTER;
		log_info("worker", "card refused: %s", kiosk_strerror(rc));
	}
	post(w, &ev);
out:
	card_wipe(&card);
	card_swipe_wipe(swipe);
}

static int new_key(char *out, size_t n)
{
	unsigned char raw[16];
	size_t off = 0;

	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		return KIOSK_EIO;
	for (size_t i = 0; i < sizeof(raw) && off + 3 <= n; i++)
		off += (size_t)snprintf(out + off, n - off, "%02x", raw[i]);
	return 0;
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

/* Puts "what the resident was shown" in the outbox, once per payment. */
static void queue_confirm(struct worker *w, const char *key, const char *shown, bool printed)
{
	char body[128];

	snprintf(body, sizeof(body), "{\"outcome_shown\":\"%s\",\"receipt_printed\":%s}", shown,
		 printed ? "true" : "false");
	if (outbox_add(w->outbox, "confirm", key, body, wall_ms()) == 0 &&
	    (w->next_outbox_ms < 0 || w->next_outbox_ms > wall_ms()))
		w->next_outbox_ms = wall_ms();
}

static void schedule_resolve(struct worker *w, bool soon)
{
	int64_t delay = 2000;

	if (soon) {
		w->resolve_round = 0;
	} else {
		for (int i = 0; i < w->resolve_round && delay < RESOLVE_CAP_MS; i++)
			delay *= 2;
		if (delay > RESOLVE_CAP_MS)
			delay = RESOLVE_CAP_MS;
		w->resolve_round++;
	}
	/* Jitter, so a fleet that lost the portal together does not come back together. */
	w->next_resolve_ms = wall_ms() + delay / 2 + random32() % (uint32_t)(delay / 2 + 1);
}

/* The answer to a payment was lost: ask about the key, and while the portal says it never
 * saw it, send it again under the SAME key with the sealed card still in memory. The portal
 * never charges a key twice, so a resend can only complete the one payment.
 * Returns 0 with *res filled (a definite answer), KIOSK_EINVAL (refused), or the last error;
 * *never_charged is set when the portal's last word is that it has no such payment and no
 * request of ours can still be on its way (none timed out). */
static int settle_in_session(struct worker *w, const char *key, const struct core_effect *fx,
			     int rc, struct portal_payment *res, bool *never_charged)
{
	bool timed_out = rc == KIOSK_ETIMEDOUT;
	int src = rc;

	*never_charged = false;
	for (int round = 0; round < SESSION_ROUNDS && rc != 0 && rc != KIOSK_EINVAL; round++) {
		usleep(250000u << round);
		src = portal_payment_status(w->portal, key, res);
		if (src == 0)
			return 0;
		if (src != KIOSK_ENOTFOUND || round == SESSION_ROUNDS - 1)
			continue;
		log_warn("worker",
			 "payment %.8s: the portal never saw it; sending it again under "
			 "the same key",
			 key);
		rc = portal_pay(w->portal, key, fx->bill.customer_number, fx->amount_cents,
				&w->card, res);
		timed_out = timed_out || rc == KIOSK_ETIMEDOUT;
	}
	if (rc == 0 || rc == KIOSK_EINVAL)
		return rc;
	*never_charged = src == KIOSK_ENOTFOUND && !timed_out;
	return rc;
}

static void do_pay(struct worker *w, const struct core_effect *fx)
{
	struct core_event ev = {.type = CORE_EV_PAY_DONE, .request_id = fx->request_id};
	struct journal_payment jp;
	struct portal_payment res;
	bool never_charged = false;
	int rc;

	memset(&jp, 0, sizeof(jp));
	memset(&res, 0, sizeof(res));
	memset(&w->pay, 0, sizeof(w->pay));
	if (!w->card_held) {
		ev.failure = CORE_FAIL_BAD_SWIPE;
		goto out;
	}
	if (new_key(jp.idempotency_key, sizeof(jp.idempotency_key))) {
		ev.failure = CORE_FAIL_STORE;
		goto out;
	}
	snprintf(jp.customer_number, sizeof(jp.customer_number), "%s", fx->bill.customer_number);
	jp.amount_cents = fx->amount_cents;
	snprintf(jp.brand, sizeof(jp.brand), "%s", w->card.brand);
	snprintf(jp.last4, sizeof(jp.last4), "%s", w->card.last4);
	jp.state = JOURNAL_CREATED;
	crash_point(w, "before-journal");
	/* Written (and fsynced) before anything leaves the kiosk. */
	rc = journal_create(w->journal, &jp);
	if (rc == 0) {
		crash_point(w, "after-journal");
		rc = journal_set_state(w->journal, jp.idempotency_key, JOURNAL_SENT, NULL);
	}
	if (rc) {
		log_error("worker", "journal refused the payment: %s", kiosk_strerror(rc));
		ev.failure = CORE_FAIL_STORE;
		goto out;
	}
	crash_point(w, "after-sent-state");

	w->pay.valid = true;
	snprintf(w->pay.key, sizeof(w->pay.key), "%s", jp.idempotency_key);
	w->pay.bill = fx->bill;
	w->pay.amount_cents = fx->amount_cents;
	snprintf(w->pay.brand, sizeof(w->pay.brand), "%s", w->card.brand);
	snprintf(w->pay.last4, sizeof(w->pay.last4), "%s", w->card.last4);
	w->pay.when = time(NULL);

	rc = portal_pay(w->portal, jp.idempotency_key, fx->bill.customer_number, fx->amount_cents,
			&w->card, &res);
	crash_point(w, "after-send");
	if (rc == KIOSK_ETLS) {
		/* The handshake failed before the request was written: nothing left the kiosk. */
		journal_set_state(w->journal, jp.idempotency_key, JOURNAL_FAILED, NULL);
		ev.failure = CORE_FAIL_UNTRUSTED;
		w->pay.valid = false;
		goto out;
	}
	if (rc != 0 && rc != KIOSK_EINVAL) {
		/* The answer was lost or the request never arrived: ask before saying anything. */
		log_warn("worker", "payment %.8s: %s; asking the portal", jp.idempotency_key,
			 kiosk_strerror(rc));
		rc = settle_in_session(w, jp.idempotency_key, fx, rc, &res, &never_charged);
	}
	if (rc == KIOSK_EINVAL) {
		/* The portal refused the request itself (e.g. more than the balance): nothing
		 * was charged. */
		journal_set_state(w->journal, jp.idempotency_key, JOURNAL_FAILED, NULL);
		ev.failure = CORE_FAIL_REFUSED;
		w->pay.valid = false;
		goto out;
	}
	if (rc != 0 && never_charged) {
		/* The portal confirms it never saw this key and nothing of ours is in flight. */
		journal_set_state(w->journal, jp.idempotency_key, JOURNAL_FAILED, NULL);
		ev.failure = CORE_FAIL_UNREACHABLE;
		w->pay.valid = false;
		goto out;
	}
	drop_card(w);
	if (rc == 0) {
		bool ok = res.status == PORTAL_PAY_APPROVED;
		journal_set_state(w->journal, jp.idempotency_key,
				  ok ? JOURNAL_APPROVED : JOURNAL_DECLINED, res.reference);
		crash_point(w, "after-answer");
		ev.outcome = ok ? CORE_OUTCOME_APPROVED : CORE_OUTCOME_DECLINED;
		snprintf(ev.reference, sizeof(ev.reference), "%s", res.reference);
		snprintf(ev.text, sizeof(ev.text), "%s", res.message);
		log_info("worker", "payment %.8s %s, reference %s", jp.idempotency_key,
			 ok ? "approved" : "declined", res.reference);
	} else {
		journal_set_state(w->journal, jp.idempotency_key, JOURNAL_IN_DOUBT, NULL);
		ev.outcome = CORE_OUTCOME_IN_DOUBT;
		kiosk_reference(jp.idempotency_key, ev.reference, sizeof(ev.reference));
		log_warn("worker", "payment %.8s in doubt (%s); settling it in the background",
			 jp.idempotency_key, kiosk_strerror(rc));
		schedule_resolve(w, true);
	}
	w->pay.outcome = ev.outcome;
	snprintf(w->pay.reference, sizeof(w->pay.reference), "%s", ev.reference);
out:
	if (ev.failure != CORE_FAIL_NONE)
		drop_card(w);
	post(w, &ev);
}

/* A payment the background settled: if the resident was told "in doubt", the portal hears
 * that too, so its staff know a resident may call. */
static void on_settled(const struct journal_payment *before, enum journal_state after,
		       const char *reference, void *ctx)
{
	struct worker *w = ctx;

	(void)reference;
	if (before->state == JOURNAL_IN_DOUBT &&
	    (after == JOURNAL_APPROVED || after == JOURNAL_DECLINED))
		queue_confirm(w, before->idempotency_key, "in_doubt", false);
}

/* One pass over the journal's unfinished payments; returns how many remain open. */
static int resolve_pass(struct worker *w)
{
	struct reconcile_pass pass = {0};
	int rc = reconcile_all(w->portal, w->journal, (int64_t)time(NULL), w->grace_s, on_settled,
			       w, &pass);

	if (rc) {
		log_error("worker", "reconciliation failed: %s", kiosk_strerror(rc));
		return 1;
	}
	if (pass.checked)
		log_info("worker", "reconciliation: %d checked, %d settled, %d still in doubt",
			 pass.checked, pass.settled, pass.open);
	return pass.open;
}

static void resolve_in_background(struct worker *w)
{
	if (resolve_pass(w) > 0) {
		schedule_resolve(w, false);
	} else {
		w->next_resolve_ms = -1;
		w->resolve_round = 0;
	}
}

/* Sends what is due, oldest first, until the portal stops answering or a resident needs
 * the worker. */
static void drain_outbox(struct worker *w)
{
	struct outbox_item item;
	struct journal_payment jp;
	int rc;

	while (outbox_next_due(w->outbox, wall_ms(), &item) == 0) {
		bool audit = strcmp(item.kind, "audit") == 0;
		if (strcmp(item.kind, "confirm") != 0 && !audit) {
			log_error("worker", "outbox item %lld of unknown kind %s: kept as dead",
				  (long long)item.id, item.kind);
			outbox_dead(w->outbox, item.id);
			continue;
		}
		rc = audit ? portal_send_audit(w->portal, item.key, item.body)
			   : portal_confirm_payment(w->portal, item.key, item.body);
		if (rc == 0) {
			outbox_done(w->outbox, item.id);
			service_worker_note_sync(w->svc);
			if (journal_get(w->journal, item.key, &jp) == 0 &&
			    (jp.state == JOURNAL_APPROVED || jp.state == JOURNAL_RECEIPT_PRINTED))
				journal_set_state(w->journal, item.key, JOURNAL_CONFIRMED, NULL);
		} else if (rc == KIOSK_EINVAL || rc == KIOSK_ENOTFOUND) {
			log_error("worker",
				  "the portal refused confirmation of %.8s (%s): kept as "
				  "dead for staff",
				  item.key, kiosk_strerror(rc));
			outbox_dead(w->outbox, item.id);
		} else {
			outbox_retry(w->outbox, item.id, wall_ms(), random32());
			break;
		}
		pthread_mutex_lock(&w->lock);
		bool busy = w->head != NULL;
		pthread_mutex_unlock(&w->lock);
		if (busy)
			break;
	}
	if (outbox_next_time(w->outbox, &w->next_outbox_ms) != 0)
		w->next_outbox_ms = wall_ms() + 60000;
}

static enum core_lang tr_lang; /* the worker thread's receipt language, set per print */

static const char *tr_receipt(const char *msgid)
{
	return i18n_tr(tr_lang, msgid);
}

static void do_print(struct worker *w, enum core_lang lang)
{
	struct core_event ev = {.type = CORE_EV_PRINT_DONE};
	struct receipt r;
	struct tm tm;
	int rc;

	if (!w->pay.valid) {
		ev.failure = CORE_FAIL_PRINTER;
		goto out;
	}
	memset(&r, 0, sizeof(r));
	snprintf(r.header, sizeof(r.header), "%s", w->cfg.receipt_header);
	snprintf(r.footer, sizeof(r.footer), "%s",
		 w->cfg.receipt_footer ? w->cfg.receipt_footer : "");
	snprintf(r.kiosk_id, sizeof(r.kiosk_id), "%s", w->cfg.kiosk_id);
	localtime_r(&w->pay.when, &tm);
	strftime(r.when, sizeof(r.when), "%Y-%m-%d %H:%M", &tm);
	snprintf(r.customer_display, sizeof(r.customer_display), "%s",
		 w->pay.bill.display_number[0] ? w->pay.bill.display_number
					       : w->pay.bill.customer_number);
	r.amount_cents = w->pay.amount_cents;
	snprintf(r.brand, sizeof(r.brand), "%s", w->pay.brand);
	snprintf(r.last4, sizeof(r.last4), "%s", w->pay.last4);
	snprintf(r.reference, sizeof(r.reference), "%s", w->pay.reference);
	r.outcome = w->pay.outcome == CORE_OUTCOME_APPROVED   ? RECEIPT_APPROVED
		    : w->pay.outcome == CORE_OUTCOME_DECLINED ? RECEIPT_DECLINED
							      : RECEIPT_IN_DOUBT;
	tr_lang = lang;
	crash_point(w, "before-print");
	rc = w->pops->print(w->pimpl, &r, tr_receipt);
	if (rc == 0)
		crash_point(w, "after-print");
	if (rc == KIOSK_EPAPER) {
		ev.failure = CORE_FAIL_PAPER_OUT;
	} else if (rc) {
		ev.failure = CORE_FAIL_PRINTER;
	} else {
		log_info("worker", "receipt printed");
		if (w->pay.outcome == CORE_OUTCOME_APPROVED)
			journal_set_state(w->journal, w->pay.key, JOURNAL_RECEIPT_PRINTED, NULL);
		if (w->pay.outcome != CORE_OUTCOME_IN_DOUBT && !w->pay.confirm_queued) {
			queue_confirm(w, w->pay.key,
				      w->pay.outcome == CORE_OUTCOME_APPROVED ? "approved"
									      : "declined",
				      true);
			w->pay.confirm_queued = true;
		}
	}
out:
	post(w, &ev);
}

/* A resident's account effect; an Auto Pay by card uses, then drops, the card held. */
static void run_account_effect(struct worker *w, const struct core_effect *fx)
{
	struct core_event ev;
	struct core_account_result answer;

	account_run(w->portal, &w->session, fx, w->card_held ? &w->card : NULL, &ev, &answer);
	if (fx->type == CORE_FX_AUTOPAY)
		drop_card(w);
	post(w, &ev);
}

static void run_effect(struct worker *w, const struct core_effect *fx, enum core_lang lang)
{
	switch (fx->type) {
	case CORE_FX_LOOKUP: do_lookup(w, fx); break;
	case CORE_FX_READER_ON: w->reader_on = true; break;
	case CORE_FX_READER_OFF: w->reader_on = false; break;
	case CORE_FX_PAY: do_pay(w, fx); break;
	case CORE_FX_PRINT: do_print(w, lang); break;
	case CORE_FX_END_SESSION:
		/* The result was shown but no receipt printed: the portal hears it now. */
		if (w->pay.valid && !w->pay.confirm_queued &&
		    w->pay.outcome != CORE_OUTCOME_IN_DOUBT)
			queue_confirm(w, w->pay.key,
				      w->pay.outcome == CORE_OUTCOME_APPROVED ? "approved"
									      : "declined",
				      false);
		drop_card(w);
		mbedtls_platform_zeroize(&w->pay, sizeof(w->pay));
		w->reader_on = false;
		account_session_end(w->portal, &w->session);
		break;
	default:
		if (account_effect(fx->type))
			run_account_effect(w, fx);
		break;
	}
}

/* The simulated printer behind the same interface as the USB one. */
static int sim_print(void *impl, const struct receipt *r, receipt_tr_fn tr)
{
	char text[4096], png[512];
	int rc = receipt_layout_text(r, tr, 42, text, sizeof(text));

	if (rc == 0)
		rc = sim_printer_print(impl, text, png, sizeof(png));
	if (rc == 0)
		log_info("worker", "simulated receipt: %s", png);
	return rc;
}

static int sim_status(void *impl, struct printer_status *st)
{
	memset(st, 0, sizeof(*st));
	st->present = true;
	st->online = true;
	st->paper_out = sim_printer_paper_out(impl) != 0;
	return 0;
}

static int sim_print_text(void *impl, const char *text)
{
	char png[512];
	int rc = sim_printer_print(impl, text, png, sizeof(png));

	if (rc == 0)
		log_info("worker", "simulated slip: %s", png);
	return rc;
}

static const struct printer_ops sim_printer_ops = {
    .print = sim_print, .status = sim_status, .print_text = sim_print_text};

static void enqueue(struct worker *w, struct job *j);

/* A device changed (USB thread, or a test's paper switch): the worker looks at it next. */
static void status_changed(void *ctx)
{
	struct job *j = calloc(1, sizeof(*j));

	if (!j)
		return;
	j->kind = JOB_STATUS;
	enqueue(ctx, j);
}

static void service_env_of(struct worker *w, struct service_env *env, enum core_lang lang);

/* kioskctl reads devices and outbox from the snapshot: kept current at every change. */
static void refresh_service(struct worker *w)
{
	struct service_env env;

	service_env_of(w, &env, CORE_LANG_EN);
	service_worker_refresh(w->svc, &env);
}

/* Tells the core when the printer's state, as the resident is concerned, changed. */
static void post_printer_status(struct worker *w)
{
	struct core_event ev = {.type = CORE_EV_PRINTER_STATUS};
	struct printer_status st;

	refresh_service(w);
	w->pops->status(w->pimpl, &st);
	if (st.paper_out)
		ev.printer = CORE_PRINTER_PAPER_OUT;
	else if (st.cover_open)
		ev.printer = CORE_PRINTER_COVER_OPEN;
	else if (printer_status_blocked(&st))
		ev.printer = CORE_PRINTER_OFFLINE;
	else
		ev.printer = CORE_PRINTER_OK;
	if ((int)ev.printer == w->printer_told)
		return;
	w->printer_told = (int)ev.printer;
	log_info("worker", "printer: %s%s%s%s%s%s%s", st.present ? "present" : "missing",
		 st.paper_out ? ", paper out" : "", st.paper_near_end ? ", paper near end" : "",
		 st.cover_open ? ", cover open" : "", st.error ? ", error" : "",
		 st.cutter_error ? " (cutter jammed)" : "",
		 st.unrecoverable_error ? " (unrecoverable: needs service)" : "");
	post(w, &ev);
}

/* A swipe from a USB reader, on the USB thread: queued like any other. */
static void usb_swipe(void *ctx, struct card_swipe *swipe)
{
	worker_swipe(ctx, swipe);
}

static int open_usb(struct worker *w)
{
	struct usbdev_config uc = {.on_swipe = usb_swipe,
				   .swipe_ctx = w,
				   .on_change = status_changed,
				   .change_ctx = w,
				   .printer_profile = w->cfg.printer_profile};
	struct usbdev_id ids[32];
	size_t n = 0;
	int rc;

	if (w->cfg.wedge_readers && w->cfg.wedge_readers[0]) {
		rc = usbdev_parse_ids(w->cfg.wedge_readers, ids, 32, &n);
		if (rc)
			return rc;
		uc.wedges = ids;
		uc.n_wedges = n;
	}
	rc = usbdev_open(&uc, &w->usb);
	if (rc) {
		log_error("worker", "cannot start USB: %s", kiosk_strerror(rc));
		return rc;
	}
	w->pops = &usbdev_printer_ops;
	w->pimpl = w->usb;
	return 0;
}

/* Opens everything the worker owns, on the worker thread, so that even start-up and
 * shutdown I/O (sqlite's fsyncs, TLS close) stay off the UI thread. */
static int open_adapters(struct worker *w)
{
	const struct worker_config *cfg = &w->cfg;
	int rc;

	rc = journal_open(cfg->journal_path, &w->journal);
	if (rc) {
		log_error("worker", "cannot open the payment journal %s: %s", cfg->journal_path,
			  kiosk_strerror(rc));
		return rc;
	}
	rc = seal_open(cfg->seal_key, &w->sealer);
	if (rc) {
		log_error("worker", "cannot load the card-sealing key %s: %s", cfg->seal_key,
			  kiosk_strerror(rc));
		return rc;
	}
	rc = portal_open(&cfg->portal, &w->portal);
	if (rc) {
		log_error("worker", "cannot set up the portal client: %s", kiosk_strerror(rc));
		return rc;
	}
	rc = outbox_open(cfg->outbox_path, OUTBOX_CAPACITY, &w->outbox);
	if (rc) {
		log_error("worker", "cannot open the outbox %s: %s", cfg->outbox_path,
			  kiosk_strerror(rc));
		return rc;
	}
	if (outbox_next_time(w->outbox, &w->next_outbox_ms) != 0)
		w->next_outbox_ms = -1;
	if (cfg->audit_path) {
		rc = service_worker_open(cfg->audit_path, cfg->pin_hash, cfg->allow_demo_pin,
					 cfg->snapshot, &w->svc);
		if (rc)
			return rc;
	}
	if (cfg->devices && !strcmp(cfg->devices, "usb"))
		return open_usb(w);
	rc = sim_printer_open(cfg->receipts_dir, cfg->mono_font, &w->printer);
	if (rc) {
		log_error("worker", "cannot open the simulated printer in %s: %s",
			  cfg->receipts_dir, kiosk_strerror(rc));
		return rc;
	}
	w->pops = &sim_printer_ops;
	w->pimpl = w->printer;
	return 0;
}

static void close_adapters(struct worker *w)
{
	/* The USB thread first: it may still be handing over a swipe. */
	if (w->usb)
		usbdev_close(w->usb);
	w->usb = NULL;
	if (w->printer)
		sim_printer_close(w->printer);
	if (w->portal)
		portal_close(w->portal);
	if (w->sealer)
		seal_close(w->sealer);
	if (w->journal)
		journal_close(w->journal);
	service_worker_close(w->svc);
	w->svc = NULL;
	if (w->outbox)
		outbox_close(w->outbox);
	w->outbox = NULL;
	w->printer = NULL;
	w->portal = NULL;
	w->sealer = NULL;
	w->journal = NULL;
}

/* The earliest background work (wall-clock ms), or -1 when there is none. */
static int64_t next_background_ms(const struct worker *w)
{
	int64_t a = w->next_resolve_ms, b = w->next_outbox_ms;

	if (a < 0)
		return b;
	if (b < 0)
		return a;
	return a < b ? a : b;
}

static void run_background(struct worker *w)
{
	int64_t now = wall_ms();

	if (w->next_resolve_ms >= 0 && w->next_resolve_ms <= now)
		resolve_in_background(w);
	if (w->next_outbox_ms >= 0 && w->next_outbox_ms <= now)
		drain_outbox(w);
}

static enum core_lang tr_lang;
static const char *tr_receipt(const char *msgid);

static void service_env_of(struct worker *w, struct service_env *env, enum core_lang lang)
{
	memset(env, 0, sizeof(*env));
	env->journal = w->journal;
	env->outbox = w->outbox;
	env->portal = w->portal;
	env->pops = w->pops;
	env->pimpl = w->pimpl;
	env->reader_ready = w->printer != NULL || w->usb != NULL;
	env->header = w->cfg.receipt_header;
	env->kiosk_id = w->cfg.kiosk_id;
	tr_lang = lang;
	env->tr = tr_receipt;
	env->now_wall_ms = wall_ms();
}

/* A staff operation (app/service/service_worker.c); its audit entry goes out through the
 * outbox like a payment's confirmation. */
static void run_service(struct worker *w, struct job *j)
{
	struct service_env env;
	struct core_event ev;

	service_env_of(w, &env, j->lang);
	if (service_worker_run(w->svc, &env, &j->fx, j->done ? "kioskctl" : "screen", &ev) &&
	    (w->next_outbox_ms < 0 || w->next_outbox_ms > wall_ms()))
		w->next_outbox_ms = wall_ms();
	/* A PIN typed or set (CORE_SOP_CHECK_PIN, CORE_SOP_SET_PIN) ends here. */
	mbedtls_platform_zeroize(j->fx.text, sizeof(j->fx.text));
	if (j->done)
		j->done(j->done_ctx, &ev);
	else
		post(w, &ev);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	int rc = open_adapters(w);

	pthread_mutex_lock(&w->lock);
	w->start_rc = rc;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
	if (rc) {
		close_adapters(w);
		return NULL;
	}
	post_printer_status(w);
	/* Every payment a power cut or crash left unfinished is asked about before a new one
	 * may start; what the portal cannot answer yet is settled in the background. */
	{
		struct core_event done = {.type = CORE_EV_RECONCILED};
		if (resolve_pass(w) > 0)
			schedule_resolve(w, false);
		post(w, &done);
	}
	for (;;) {
		struct job *j;

		pthread_mutex_lock(&w->lock);
		while (!w->head) {
			int64_t due = next_background_ms(w);
			if (due < 0) {
				pthread_cond_wait(&w->cond, &w->lock);
				continue;
			}
			if (due <= wall_ms())
				break;
			struct timespec until = {.tv_sec = due / 1000,
						 .tv_nsec = (long)(due % 1000) * 1000000};
			if (pthread_cond_timedwait(&w->cond, &w->lock, &until) == ETIMEDOUT &&
			    !w->head)
				break;
		}
		j = w->head;
		if (j) {
			w->head = j->next;
			if (!w->head)
				w->tail = NULL;
		}
		pthread_mutex_unlock(&w->lock);
		if (!j) {
			run_background(w);
			continue;
		}

		if (j->kind == JOB_QUIT) {
			free(j);
			break;
		}
		if (j->kind == JOB_SWIPE)
			do_swipe(w, &j->swipe);
		else if (j->kind == JOB_STATUS)
			post_printer_status(w);
		else if (j->fx.type == CORE_FX_SERVICE)
			run_service(w, j);
		else
			run_effect(w, &j->fx, j->lang);
		mbedtls_platform_zeroize(j, sizeof(*j));
		free(j);
	}
	drop_card(w);
	close_adapters(w);
	return NULL;
}

int worker_start(const struct worker_config *cfg, struct worker **out)
{
	struct worker *w = calloc(1, sizeof(*w));
	int rc;

	if (!w)
		return KIOSK_ENOMEM;
	w->cfg = *cfg;
	w->start_rc = 1; /* not yet known */
	w->crash_at = getenv("KIOSK_CRASH_AT");
	w->next_resolve_ms = -1;
	w->next_outbox_ms = -1;
	/* A request sent just before a crash may still reach the portal for its whole deadline;
	 * only after that is "the portal never saw it" final. */
	w->grace_s = (cfg->portal.timeout_ms + cfg->portal.connect_timeout_ms) / 1000 + 2;
	w->printer_told = -1;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, NULL);
	if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
		rc = KIOSK_ENOMEM;
		goto fail;
	}
	w->started = true;
	/* Start-up waits once for the worker to have opened its adapters: a kiosk that cannot
	 * record payments must not show a screen that takes them. */
	pthread_mutex_lock(&w->lock);
	while (w->start_rc == 1)
		pthread_cond_wait(&w->cond, &w->lock);
	rc = w->start_rc;
	pthread_mutex_unlock(&w->lock);
	if (rc)
		goto fail;
	*out = w;
	return 0;
fail:
	worker_stop(w);
	return rc;
}

void worker_stop(struct worker *w)
{
	if (!w)
		return;
	if (w->started) {
		struct job *q = calloc(1, sizeof(*q));
		if (q) {
			q->kind = JOB_QUIT;
			enqueue(w, q);
		}
		pthread_join(w->thread, NULL);
	}
	while (w->head) {
		struct job *j = w->head;
		w->head = j->next;
		mbedtls_platform_zeroize(j, sizeof(*j));
		free(j);
	}
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->cond);
	mbedtls_platform_zeroize(w, sizeof(*w));
	free(w);
}

void worker_last_receipt(struct worker *w, char *buf, size_t n)
{
	if (w->printer)
		sim_printer_last_text(w->printer, buf, n);
	else if (n)
		buf[0] = '\0';
}

void worker_printer_status(struct worker *w, struct printer_status *out)
{
	w->pops->status(w->pimpl, out);
}

void worker_set_paper_out(struct worker *w, int out)
{
	sim_printer_set_paper_out(w->printer, out);
	status_changed(w);
}

void worker_service(struct worker *w, const struct core_effect *fx,
		    void (*done)(void *ctx, const struct core_event *ev), void *ctx)
{
	struct job *j = calloc(1, sizeof(*j));

	if (!j) {
		struct core_event ev = {
		    .type = CORE_EV_SERVICE_DONE, .op = fx->op, .failure = CORE_FAIL_STORE};
		done(ctx, &ev);
		return;
	}
	j->kind = JOB_EFFECT;
	j->fx = *fx;
	j->lang = CORE_LANG_EN;
	j->done = done;
	j->done_ctx = ctx;
	enqueue(w, j);
}
