/* Reconciliation of unfinished payments with the party's record: ask, never guess, never
 * resend. Each payment goes through the state machine's recovery (payment.c). */
#include "app/payments/reconcile.h"

#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/payments/payment.h"

#define MOD "reconcile"

struct pass_ctx {
	const struct tender_ops *tender;
	void *impl;
	struct journal *journal;
	int64_t now_s, grace_s;
	reconcile_settled_fn on_settled;
	void *cb_ctx;
	struct reconcile_pass *pass;
};

/* Runs the machine's actions for one payment; returns a journal error, or 0. */
static int run(struct pass_ctx *c, const struct journal_payment *p, struct payment *m,
	       const struct payment_event *first)
{
	struct tender_request rq = {.key = p->idempotency_key,
				    .customer_number = p->customer_number,
				    .amount_cents = p->amount_cents + p->fee_cents,
				    .reference = p->reference};
	struct payment_event ev = *first;
	struct payment_actions acts;
	bool more = true;
	int rc;

	while (more) {
		more = false;
		if (payment_step(m, &ev, &acts) != 0)
			return KIOSK_ESTATE;
		for (int i = 0; i < acts.n; i++) {
			const struct payment_action *a = &acts.a[i];
			if (a->type == PAYMENT_ACT_TENDER_STATUS) {
				memset(&ev, 0, sizeof(ev));
				ev.type = PAYMENT_EV_STATUS;
				ev.rc = c->tender->status(c->impl, &rq, &ev.result);
				more = true;
			} else if (a->type == PAYMENT_ACT_JOURNAL_CARD) {
				rc = journal_set_card(c->journal, p->idempotency_key,
						      m->result.brand, m->result.last4,
						      &m->result.card);
				if (rc)
					return rc;
			} else if (a->type == PAYMENT_ACT_JOURNAL_POST) {
				/* Posting and reversal themselves are left to the payment
				 * service's pass over what is unposted (payments_recover). */
				rc = journal_set_post(c->journal, p->idempotency_key, a->post,
						      a->reference);
				if (rc)
					return rc;
			} else if (a->type == PAYMENT_ACT_JOURNAL_MARK) {
				const char *ref =
				    a->reference && a->reference[0] ? a->reference : NULL;
				rc = journal_set_state(c->journal, p->idempotency_key,
						       a->journal_state, ref);
				if (rc)
					return rc;
				c->pass->settled++;
				log_info(MOD,
					 "payment %.8s (%lld cents, card ending %s): %s -> %s%s%s",
					 p->idempotency_key, (long long)p->amount_cents, p->last4,
					 journal_state_name(p->state),
					 journal_state_name(a->journal_state), ref ? ", ref " : "",
					 ref ? ref : "");
				if (c->on_settled)
					c->on_settled(p, a->journal_state, ref, c->cb_ctx);
			}
		}
	}
	return 0;
}

/* Stops a payment the party may still be working on (a terminal waiting for a card after
 * a crash). Whatever the abort says, status then asks what became of it: an abort that
 * came too late leaves an approval, which is posted like any other. */
static void abort_lost(struct pass_ctx *c, const struct journal_payment *p)
{
	struct tender_request rq = {.key = p->idempotency_key,
				    .customer_number = p->customer_number,
				    .amount_cents = p->amount_cents + p->fee_cents,
				    .reference = p->reference};
	struct tender_result ignored;
	int rc = c->tender->abort(c->impl, &rq, &ignored);

	if (rc == 0)
		log_info(MOD, "payment %.8s: %s, abort sent to the %s", p->idempotency_key,
			 journal_state_name(p->state), c->tender->party);
	else
		log_warn(MOD, "payment %.8s: abort not sent to the %s: %s", p->idempotency_key,
			 c->tender->party, kiosk_strerror(rc));
}

static int one(const struct journal_payment *p, void *ctx)
{
	struct pass_ctx *c = ctx;
	struct payment m = {0};
	struct payment_event ev = {
	    .type = PAYMENT_EV_RECOVER,
	    .amount_cents = p->amount_cents + p->fee_cents,
	    .journal_state = p->state,
	    .caps = {.can_reverse = c->tender->reverse != NULL,
		     .must_post = c->tender->post_to_portal},
	    .grace_passed = c->now_s - p->updated_at >= c->grace_s,
	};
	int rc;

	if (strcmp(p->tender[0] ? p->tender : "magstripe", c->tender->name) != 0)
		return 0; /* another tender's: its own pass settles it */
	c->pass->checked++;
	if (p->state != JOURNAL_CREATED && c->pass->error) {
		c->pass->open++; /* the party is out of reach: next pass */
		return 0;
	}
	if (c->tender->abort_in_doubt && c->tender->abort &&
	    (p->state == JOURNAL_SENT || p->state == JOURNAL_IN_DOUBT))
		abort_lost(c, p);
	rc = run(c, p, &m, &ev);
	if (rc)
		return rc;
	if (m.amount_differs && m.state == PAYMENT_IN_DOUBT)
		log_error(MOD,
			  "payment %.8s: the %s has %lld cents, the journal %lld; left "
			  "in doubt for staff",
			  p->idempotency_key, c->tender->party, (long long)m.result.amount_cents,
			  (long long)(p->amount_cents + p->fee_cents));
	if (m.state == PAYMENT_IN_DOUBT) {
		if (m.last_status_rc != 0 && m.last_status_rc != KIOSK_ENOTFOUND) {
			log_warn(MOD, "cannot ask about payment %.8s: %s", p->idempotency_key,
				 kiosk_strerror(m.last_status_rc));
			c->pass->error = m.last_status_rc;
		}
		c->pass->open++;
	}
	return 0;
}

int reconcile_all(const struct tender_ops *tender, void *impl, struct journal *journal,
		  int64_t now_s, int64_t grace_s, reconcile_settled_fn on_settled, void *ctx,
		  struct reconcile_pass *out)
{
	struct pass_ctx c = {tender, impl, journal, now_s, grace_s, on_settled, ctx, out};

	if (!tender || !journal || !out)
		return KIOSK_EINVAL;
	memset(out, 0, sizeof(*out));
	return journal_each_unfinished(journal, one, &c);
}
