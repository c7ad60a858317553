/* The cash tender (see cash_tender.h): limits at escrow, notes journaled before they are
 * acknowledged, Done and recovery answering with the journal's notes, which are also the
 * posting's body. */
#include "app/payments/cash_tender.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/common/clock.h"
#include "app/common/crashpoint.h"
#include "app/common/err.h"
#include "app/common/log.h"
#include "app/core/money.h"
#include "app/store/cash_notes.h"

#define MOD "cash"
#define FINISH_WAIT_MS 8000
#define BODY_CAP 512	      /* an outbox item's body */
#define DEVICE_SETTLE_MS 1500 /* up, then more than an idle poll (1 s) */

struct cash_tender {
	struct cash_tender_config cfg;
	const struct cash_ops *ops;
	void *impl;

	pthread_mutex_t lock; /* guards everything below, and the notes connection */
	struct cash_notes *notes;
	bool open;	  /* a payment takes notes */
	bool closing;	  /* Done: no more notes; the last one may still be on its way */
	bool note_moving; /* a note was accepted from escrow and is not credited yet */
	bool seen_enable; /* the device was enabled by this process */
	char key[40];
	char customer[24];
	int64_t due_cents;
	int64_t taken_cents;
	enum core_cash_refusal refusal; /* why the note in escrow goes back, or NONE */
	char refusal_arg[24];
	struct val_status status;
	bool device_heard; /* worker thread: the device had its chance to offer credits again */
};

static void dollars(int64_t cents, char *out, size_t n)
{
	money_format(cents, out, n);
	if (out[0] == '$')
		memmove(out, out + 1, strlen(out));
}

/* ---- the validator's hooks: the device's thread ---- */

static bool denomination_ok(const struct cash_limits *l, int64_t cents)
{
	if (l->n_denominations == 0)
		return true;
	for (int i = 0; i < l->n_denominations; i++)
		if (l->denominations[i] == cents)
			return true;
	return false;
}

/* Under the lock: why a note may not be taken now, with its amount for the words (arg). */
static enum core_cash_refusal refuse_why(struct cash_tender *ct, int64_t cents, char *arg, size_t n)
{
	const struct cash_limits *l = &ct->cfg.limits;
	int64_t after = ct->taken_cents + cents;

	arg[0] = '\0';
	if (!ct->open || ct->closing)
		return CORE_CASH_REFUSED_CLOSED;
	if (!denomination_ok(l, cents)) {
		dollars(cents, arg, n);
		return CORE_CASH_REFUSED_DENOMINATION;
	}
	if (l->max_payment_cents > 0 && after > l->max_payment_cents) {
		dollars(l->max_payment_cents, arg, n);
		return CORE_CASH_REFUSED_MAX_PAYMENT;
	}
	if (after > ct->due_cents && after - ct->due_cents > l->max_credit_cents) {
		dollars(l->max_credit_cents, arg, n);
		return l->max_credit_cents > 0 ? CORE_CASH_REFUSED_MAX_CREDIT
					       : CORE_CASH_REFUSED_NO_CREDIT;
	}
	return CORE_CASH_REFUSED_NONE;
}

static enum val_decision on_escrow(void *ctx, int channel, int64_t cents, char *reason, size_t cap)
{
	struct cash_tender *ct = ctx;
	enum val_decision d;
	enum core_cash_refusal why;

	(void)channel;
	pthread_mutex_lock(&ct->lock);
	why = refuse_why(ct, cents, ct->refusal_arg, sizeof(ct->refusal_arg));
	ct->refusal = why;
	if (why != CORE_CASH_REFUSED_NONE) {
		snprintf(reason, cap, "%s %s", core_cash_refusal_name(why), ct->refusal_arg);
		d = VAL_REJECT_NOTE;
	} else {
		ct->note_moving = true;
		d = VAL_ACCEPT;
	}
	pthread_mutex_unlock(&ct->lock);
	if (why != CORE_CASH_REFUSED_NONE)
		log_info(MOD, "note of %lld cents returned: %s", (long long)cents, reason);
	return d;
}

/* A credit the device offers again after this process restarted: the journal has it when its
 * latest note was never confirmed acknowledged and came from the same channel. */
static bool already_journaled(struct cash_tender *ct, const struct val_credit *c)
{
	char key[40];
	int channel;

	if (!c->before_enable || c->cleared_at_startup)
		return false;
	if (cash_notes_unacked(ct->notes, &channel, key, sizeof(key)) != 0 || channel != c->channel)
		return false;
	log_warn(MOD,
		 "credit on channel %d offered again after a restart: journaled already "
		 "(payment %.8s), not counted twice",
		 c->channel, key);
	/* Still unacknowledged until the device confirms (the acked hook): a process that dies
	 * before then must recognise it once more. */
	return true;
}

static int on_credit(void *ctx, const struct val_credit *c)
{
	struct cash_tender *ct = ctx;
	struct tender_event ev = {.type = TENDER_EV_PROGRESS};
	char key[40] = "";
	bool ours;
	int rc;

	pthread_mutex_lock(&ct->lock);
	if (already_journaled(ct, c)) {
		pthread_mutex_unlock(&ct->lock);
		return 0;
	}
	ours = ct->open && !c->cleared_at_startup;
	if (ours)
		snprintf(key, sizeof(key), "%s", ct->key);
	else if (cash_notes_open_payment(ct->notes, key, sizeof(key)) != 0)
		key[0] = '\0';
	crashpoint("before-note-journal");
	rc = cash_notes_add(ct->notes, key, c->channel, c->cents, c->cleared_at_startup,
			    &ev.result.taken_cents);
	if (rc == 0) {
		crashpoint("after-note-journal");
		ct->note_moving = false;
		if (ours)
			ct->taken_cents = ev.result.taken_cents;
	}
	pthread_mutex_unlock(&ct->lock);
	if (rc) {
		/* Not acknowledged: the device offers it again on the next poll. */
		log_error(MOD, "a credited note could not be journaled: %s", kiosk_strerror(rc));
		return rc;
	}
	if (!key[0])
		log_error(MOD,
			  "a note of %lld cents was credited with no payment open: journaled "
			  "for staff, in no payment",
			  (long long)c->cents);
	else
		log_info(MOD, "payment %.8s: note of %lld cents journaled", key,
			 (long long)c->cents);
	if (ct->cfg.on_note)
		ct->cfg.on_note(ct->cfg.note_ctx, key, c);
	if (ours && ct->cfg.report)
		ct->cfg.report(ct->cfg.report_ctx, &ev);
	return 0;
}

static void on_acked(void *ctx, int channel)
{
	struct cash_tender *ct = ctx;

	(void)channel;
	pthread_mutex_lock(&ct->lock);
	crashpoint("after-note-ack");
	cash_notes_acked(ct->notes);
	pthread_mutex_unlock(&ct->lock);
}

static void on_rejected(void *ctx, int64_t cents, const char *reason)
{
	struct cash_tender *ct = ctx;
	enum core_cash_refusal why;
	char arg[24];

	pthread_mutex_lock(&ct->lock);
	why = ct->refusal != CORE_CASH_REFUSED_NONE ? ct->refusal : CORE_CASH_REFUSED_DEVICE;
	snprintf(arg, sizeof(arg), "%s", ct->refusal_arg);
	ct->refusal = CORE_CASH_REFUSED_NONE;
	ct->note_moving = false;
	pthread_mutex_unlock(&ct->lock);
	log_info(MOD, "note of %lld cents returned to the resident (%s)", (long long)cents,
		 reason && reason[0] ? reason : "the validator refused it");
	if (ct->cfg.refused)
		ct->cfg.refused(ct->cfg.refused_ctx, why, arg);
}

static void on_status(void *ctx, const struct val_status *st)
{
	struct cash_tender *ct = ctx;

	pthread_mutex_lock(&ct->lock);
	ct->status = *st;
	if (st->jammed || !st->up)
		ct->note_moving = false; /* it will not be credited: staff count the box */
	if (st->accepting && ct->open && !ct->seen_enable) {
		/* Enabled for a payment of ours: anything the device had to offer again came
		 * before that (bring-up reports "accepting" for a moment, before its DISABLE). */
		ct->seen_enable = true;
		cash_notes_acked(ct->notes);
	}
	pthread_mutex_unlock(&ct->lock);
	if (ct->cfg.on_status)
		ct->cfg.on_status(ct->cfg.status_ctx, st);
}

void cash_tender_hooks(struct cash_tender *ct, struct val_hooks *out)
{
	memset(out, 0, sizeof(*out));
	out->escrow = on_escrow;
	out->credit = on_credit;
	out->acked = on_acked;
	out->rejected = on_rejected;
	out->status = on_status;
	out->ctx = ct;
}

/* ---- the tender port: the worker's thread ---- */

int cash_tender_open(const struct cash_tender_config *cfg, struct cash_tender **out)
{
	struct cash_tender *ct = calloc(1, sizeof(*ct));
	int rc;

	if (!ct)
		return KIOSK_ENOMEM;
	ct->cfg = *cfg;
	if (ct->cfg.finish_wait_ms <= 0)
		ct->cfg.finish_wait_ms = FINISH_WAIT_MS;
	pthread_mutex_init(&ct->lock, NULL);
	rc = cash_notes_open(cfg->journal_path, &ct->notes);
	if (rc) {
		cash_tender_close(ct);
		return rc;
	}
	*out = ct;
	return 0;
}

void cash_tender_close(struct cash_tender *ct)
{
	if (!ct)
		return;
	cash_notes_close(ct->notes);
	pthread_mutex_destroy(&ct->lock);
	free(ct);
}

void cash_tender_attach(struct cash_tender *ct, const struct cash_ops *ops, void *impl)
{
	ct->ops = ops;
	ct->impl = impl;
}

int cash_tender_notes(struct cash_tender *ct, const char *key, struct portal_cash_note *out,
		      int cap, int *n)
{
	struct cash_note_tally t;
	int rc;

	pthread_mutex_lock(&ct->lock);
	rc = cash_notes_tally(ct->notes, key, &t);
	pthread_mutex_unlock(&ct->lock);
	*n = 0;
	for (int i = 0; rc == 0 && i < t.n && *n < cap; i++) {
		if (t.d[i].cents <= 0)
			continue; /* a channel the setup did not list: staff count it */
		out[*n].cents = t.d[i].cents;
		out[(*n)++].count = t.d[i].count;
	}
	return rc;
}

static int ct_prepare(void *impl, struct tender_result *out)
{
	struct cash_tender *ct = impl;
	bool ready;

	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&ct->lock);
	ready = ct->ops && ct->status.up && !ct->status.faults && ct->status.cashbox_present;
	pthread_mutex_unlock(&ct->lock);
	return ready ? 0 : KIOSK_ESTATE;
}

static int ct_start(void *impl, const struct tender_request *rq, bool resend,
		    struct tender_result *out)
{
	struct cash_tender *ct = impl;

	(void)resend;
	memset(out, 0, sizeof(*out));
	if (!ct->ops)
		return KIOSK_EINVAL;
	pthread_mutex_lock(&ct->lock);
	ct->open = true;
	ct->closing = false;
	ct->note_moving = false;
	ct->refusal = CORE_CASH_REFUSED_NONE;
	snprintf(ct->key, sizeof(ct->key), "%s", rq->key);
	snprintf(ct->customer, sizeof(ct->customer), "%s", rq->customer_number);
	ct->due_cents = rq->amount_cents;
	ct->taken_cents = 0;
	pthread_mutex_unlock(&ct->lock);
	ct->ops->accepting(ct->impl, true);
	log_info(MOD, "payment %.8s: taking notes toward %lld cents", rq->key,
		 (long long)rq->amount_cents);
	out->pending = true;
	return 0;
}

/* What the journal's notes for rq->key come to: an approval of them (amount_cents is the
 * amount due, so the payment machine sees the amount it asked for), or declined when no note
 * went in (the machine's "cancelled"). The payment service then posts them (post_to_portal). */
static int notes_result(struct cash_tender *ct, const struct tender_request *rq,
			struct tender_result *out)
{
	struct portal_cash_note notes[CASH_NOTES_MAX_DENOMS];
	int n = 0, rc;

	memset(out, 0, sizeof(*out));
	out->amount_cents = rq->amount_cents;
	rc = cash_tender_notes(ct, rq->key, notes, CASH_NOTES_MAX_DENOMS, &n);
	for (int i = 0; rc == 0 && i < n; i++)
		out->taken_cents += notes[i].cents * notes[i].count;
	out->verdict = out->taken_cents > 0 ? TENDER_APPROVED : TENDER_DECLINED;
	return rc;
}

/* The posting: the journal's notes, so every try (direct, outbox, after a crash) is the same. */
static int ct_posting(void *impl, const struct tender_request *rq, char *buf, size_t n)
{
	struct cash_tender *ct = impl;
	struct portal_cash_note notes[CASH_NOTES_MAX_DENOMS];
	int k = 0, rc = cash_tender_notes(ct, rq->key, notes, CASH_NOTES_MAX_DENOMS, &k);

	struct portal_bill_share bills[PORTAL_MAX_BILLS];
	struct portal_cash_basket basket = {bills, rq->n_bills, rq->credit_to};

	if (rc != 0)
		return rc;
	if (rq->n_bills == 0)
		return portal_cash_body(rq->key, rq->customer_number, rq->amount_cents, notes, k,
					buf, n);
	/* A basket: each bill's share, and the account that takes the credit. */
	if (tender_bill_shares(rq, bills) != 0)
		return KIOSK_EINVAL;
	return portal_cash_basket_body(rq->key, &basket, rq->amount_cents, notes, k, buf, n);
}

/* Done, or the resident walked away: no more notes; the one on its way in still counts. */
static int ct_abort(void *impl, const struct tender_request *rq, struct tender_result *out)
{
	struct cash_tender *ct = impl;
	int64_t until = clock_mono_ms() + ct->cfg.finish_wait_ms;
	bool settled = false;

	pthread_mutex_lock(&ct->lock);
	ct->closing = true;
	pthread_mutex_unlock(&ct->lock);
	if (ct->ops)
		ct->ops->accepting(ct->impl, false);
	while (clock_mono_ms() < until) {
		struct val_status st = {0};

		if (ct->ops)
			ct->ops->status(ct->impl, &st);
		pthread_mutex_lock(&ct->lock);
		settled = !ct->note_moving && (!ct->ops || !st.accepting || !st.up);
		pthread_mutex_unlock(&ct->lock);
		if (settled)
			break;
		usleep(20 * 1000);
	}
	if (!settled)
		log_warn(MOD, "payment %.8s: a note was still on its way when the payment closed",
			 rq->key);
	pthread_mutex_lock(&ct->lock);
	ct->open = false;
	ct->closing = false;
	pthread_mutex_unlock(&ct->lock);
	return notes_result(ct, rq, out);
}

/* After a restart the validator offers again what it credited and never heard acknowledged:
 * recovery asks the journal only once the device had its chance (up, and a poll or two). */
static void wait_for_device(struct cash_tender *ct)
{
	int64_t until = clock_mono_ms() + 5000, up_at = -1;

	if (!ct->ops || ct->device_heard)
		return;
	while (clock_mono_ms() < until) {
		struct val_status st = {0};

		ct->ops->status(ct->impl, &st);
		if (st.up && up_at < 0)
			up_at = clock_mono_ms();
		if (up_at >= 0 && clock_mono_ms() - up_at >= DEVICE_SETTLE_MS)
			break;
		usleep(50 * 1000);
	}
	ct->device_heard = true;
}

/* After a crash: the journal's notes are the validator's record. None: it never took a note
 * under this key. */
static int ct_status(void *impl, const struct tender_request *rq, struct tender_result *out)
{
	struct cash_tender *ct = impl;
	int rc;

	wait_for_device(ct);
	rc = notes_result(ct, rq, out);
	if (rc == 0 && out->taken_cents == 0)
		return KIOSK_ENOTFOUND;
	return rc;
}

const struct tender_ops cash_tender_ops = {
    .name = "cash",
    .party = "validator",
    /* The portal hears of the notes from the payment service, exactly once. */
    .post_to_portal = true,
    .posting = ct_posting,
    .prepare = ct_prepare,
    .start = ct_start,
    .status = ct_status,
    .abort = ct_abort,
};
