/* Reconciliation of unfinished payments with the portal: ask, never guess, never resend. */
#include "app/payments/reconcile.h"

#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"

#define MOD "reconcile"

struct pass_ctx {
	struct portal *portal;
	struct journal *journal;
	int64_t now_s, grace_s;
	reconcile_settled_fn on_settled;
	void *cb_ctx;
	struct reconcile_pass *pass;
};

static int settle(struct pass_ctx *c, const struct journal_payment *p, enum journal_state to,
		  const char *reference)
{
	int rc = journal_set_state(c->journal, p->idempotency_key, to, reference);

	if (rc)
		return rc;
	c->pass->settled++;
	log_info(MOD, "payment %.8s (%lld cents, card ending %s): %s -> %s%s%s", p->idempotency_key,
		 (long long)p->amount_cents, p->last4, journal_state_name(p->state),
		 journal_state_name(to), reference ? ", ref " : "", reference ? reference : "");
	if (c->on_settled)
		c->on_settled(p, to, reference, c->cb_ctx);
	return 0;
}

static int one(const struct journal_payment *p, void *ctx)
{
	struct pass_ctx *c = ctx;
	struct portal_payment res;
	int rc;

	c->pass->checked++;
	if (p->state == JOURNAL_CREATED)
		return settle(c, p, JOURNAL_FAILED, NULL);
	if (c->pass->error) {
		c->pass->open++; /* the portal is out of reach: next pass */
		return 0;
	}
	memset(&res, 0, sizeof(res));
	rc = portal_payment_status(c->portal, p->idempotency_key, &res);
	if (rc == 0 && res.amount_cents != p->amount_cents) {
		/* Not ours to decide: staff must look (docs/operations.md). */
		log_error(MOD,
			  "payment %.8s: the portal has %lld cents, the journal %lld; left "
			  "in doubt for staff",
			  p->idempotency_key, (long long)res.amount_cents,
			  (long long)p->amount_cents);
		c->pass->open++;
		return 0;
	}
	if (rc == 0)
		return settle(
		    c, p, res.status == PORTAL_PAY_APPROVED ? JOURNAL_APPROVED : JOURNAL_DECLINED,
		    res.reference);
	if (rc == KIOSK_ENOTFOUND && c->now_s - p->updated_at >= c->grace_s)
		return settle(c, p, JOURNAL_FAILED, NULL);
	if (rc != KIOSK_ENOTFOUND) {
		log_warn(MOD, "cannot ask about payment %.8s: %s", p->idempotency_key,
			 kiosk_strerror(rc));
		c->pass->error = rc;
	}
	c->pass->open++;
	return 0;
}

int reconcile_all(struct portal *portal, struct journal *journal, int64_t now_s, int64_t grace_s,
		  reconcile_settled_fn on_settled, void *ctx, struct reconcile_pass *out)
{
	struct pass_ctx c = {portal, journal, now_s, grace_s, on_settled, ctx, out};

	if (!portal || !journal || !out)
		return KIOSK_EINVAL;
	memset(out, 0, sizeof(*out));
	return journal_each_unfinished(journal, one, &c);
}
