/* The payment state machine (see payment.h): every way a payment can go, in one function. */
#include "app/payments/payment.h"

#include <stdio.h>
#include <string.h>

#include "app/common/err.h"

static const char *const state_names[] = {
    [PAYMENT_IDLE] = "idle",	       [PAYMENT_JOURNALING] = "journaling",
    [PAYMENT_SENDING] = "sending",     [PAYMENT_TAKING] = "taking",
    [PAYMENT_ABORTING] = "aborting",   [PAYMENT_CHECKING] = "checking",
    [PAYMENT_REVERSING] = "reversing", [PAYMENT_POSTING] = "posting",
    [PAYMENT_APPROVED] = "approved",   [PAYMENT_DECLINED] = "declined",
    [PAYMENT_FAILED] = "failed",       [PAYMENT_IN_DOUBT] = "in_doubt",
    [PAYMENT_REVERSED] = "reversed",
};

_Static_assert(sizeof(state_names) / sizeof(state_names[0]) == PAYMENT_STATE_COUNT,
	       "every payment state has a name");

const char *payment_state_name(enum payment_state s)
{
	return (unsigned)s < PAYMENT_STATE_COUNT ? state_names[s] : "unknown";
}

bool payment_finished(const struct payment *p)
{
	return p->state >= PAYMENT_APPROVED;
}

static void act(struct payment_actions *out, enum payment_action_type type)
{
	struct payment_action *a = &out->a[out->n++];

	memset(a, 0, sizeof(*a));
	a->type = type;
}

static void mark(struct payment *p, struct payment_actions *out, enum journal_state st)
{
	act(out, PAYMENT_ACT_JOURNAL_MARK);
	out->a[out->n - 1].journal_state = st;
	out->a[out->n - 1].reference = p->result.reference;
}

/* Every final state goes through here, once. mark_as: the journal's word for it, or
 * JOURNAL_STATE_COUNT to leave the journal as it is. */
static void finish(struct payment *p, struct payment_actions *out, enum payment_state st,
		   enum payment_failure why, enum journal_state mark_as)
{
	p->state = st;
	p->failure = why;
	if (mark_as != JOURNAL_STATE_COUNT)
		mark(p, out, mark_as);
	act(out, PAYMENT_ACT_FINISHED);
}

static void journal_post(struct payment_actions *out, enum journal_post post, const char *ref)
{
	act(out, PAYMENT_ACT_JOURNAL_POST);
	out->a[out->n - 1].post = post;
	out->a[out->n - 1].reference = ref;
}

/* An approval the portal must hear of. */
static void post(struct payment *p, struct payment_actions *out)
{
	p->state = PAYMENT_POSTING;
	act(out, PAYMENT_ACT_PORTAL_POST);
}

/* An approval the kiosk cannot stand behind (the portal refused it, or the party approved
 * another amount): journaled as refused first, so a crash before the reversal leaves a
 * record that the background finishes (SETTLE_POST), then given back. */
static void unback(struct payment *p, struct payment_actions *out, bool journal_it)
{
	p->unbacked = true;
	if (journal_it)
		journal_post(out, JOURNAL_POST_REFUSED, NULL);
	p->state = PAYMENT_REVERSING;
	act(out, PAYMENT_ACT_TENDER_REVERSE);
}

/* The party's definite answer settles the payment. A tender whose party is not the portal
 * journals what it said of the card, then an approval goes on to the portal; a card the
 * portal approved journals its approval code. */
static void settle(struct payment *p, struct payment_actions *out, const struct tender_result *r)
{
	bool ok = r->verdict == TENDER_APPROVED;

	p->result = *r;
	/* A swipe the portal approved has its approval code to journal too. */
	if (p->caps.must_post || r->card.approval_code[0])
		act(out, PAYMENT_ACT_JOURNAL_CARD);
	if (!ok || !p->caps.must_post) {
		finish(p, out, ok ? PAYMENT_APPROVED : PAYMENT_DECLINED, PAYMENT_FAIL_NONE,
		       ok ? JOURNAL_APPROVED : JOURNAL_DECLINED);
		return;
	}
	if (r->amount_cents != p->amount_cents && !p->caps.can_reverse) {
		/* Not ours to decide: staff must look (docs/operations.md). */
		p->amount_differs = true;
		finish(p, out, PAYMENT_IN_DOUBT, PAYMENT_FAIL_NONE,
		       p->recovering ? JOURNAL_STATE_COUNT : JOURNAL_IN_DOUBT);
		return;
	}
	mark(p, out, JOURNAL_APPROVED);
	if (r->amount_cents != p->amount_cents) {
		/* A partial approval (or any other amount): the bill and the charge would not
		 * agree, so the charge is given back whole. */
		p->amount_differs = true;
		unback(p, out, true);
		return;
	}
	post(p, out);
}

/* The portal's answer to the posting of an approved payment. */
static void on_posted(struct payment *p, const struct payment_event *ev,
		      struct payment_actions *out)
{
	if (ev->rc == 0) {
		snprintf(p->post_reference, sizeof(p->post_reference), "%s", ev->result.reference);
		journal_post(out, JOURNAL_POST_DONE, p->post_reference);
		finish(p, out, PAYMENT_APPROVED, PAYMENT_FAIL_NONE, JOURNAL_STATE_COUNT);
		return;
	}
	if ((ev->rc == KIOSK_EINVAL || ev->rc == KIOSK_ENOTFOUND) && !p->caps.can_reverse) {
		/* Nothing to give back (notes in a cash box): the money stands, journaled as
		 * refused for staff to settle with the city (docs/operations.md). */
		journal_post(out, JOURNAL_POST_REFUSED, NULL);
		finish(p, out, PAYMENT_APPROVED, PAYMENT_FAIL_NONE, JOURNAL_STATE_COUNT);
		return;
	}
	if (ev->rc == KIOSK_EINVAL || ev->rc == KIOSK_ENOTFOUND) {
		/* The portal will not take it (the account, the amount, the key): the money
		 * cannot reach the bill, so it goes back to the card. */
		unback(p, out, true);
		return;
	}
	/* Out of reach, or the answer was lost: the posting is idempotent by key, so the outbox
	 * sends it until the portal has it. The charge stands. */
	p->post_queued = true;
	act(out, PAYMENT_ACT_OUTBOX_POST);
	finish(p, out, PAYMENT_APPROVED, PAYMENT_FAIL_NONE, JOURNAL_STATE_COUNT);
}

static int on_settle_post(struct payment *p, const struct payment_event *ev,
			  struct payment_actions *out)
{
	if ((p->state != PAYMENT_IDLE && !payment_finished(p)) || !ev->caps.must_post ||
	    (ev->post != JOURNAL_POST_PENDING &&
	     (ev->post != JOURNAL_POST_REFUSED || !ev->caps.can_reverse)))
		return KIOSK_ESTATE;
	memset(p, 0, sizeof(*p));
	p->recovering = true;
	p->amount_cents = ev->amount_cents;
	p->caps = ev->caps;
	p->result = ev->result;
	if (ev->post == JOURNAL_POST_PENDING)
		post(p, out);
	else
		unback(p, out, false);
	return 0;
}

static void ask(struct payment *p, struct payment_actions *out)
{
	p->state = PAYMENT_CHECKING;
	act(out, PAYMENT_ACT_TENDER_STATUS);
	out->a[out->n - 1].wait_ms = p->recovering ? 0 : PAYMENT_CHECK_WAIT_MS << p->round;
}

/* No definite answer after every check: failed when the party's last word is that it never
 * saw the key and nothing of ours can still be on its way; otherwise in doubt. */
static void conclude(struct payment *p, struct payment_actions *out)
{
	if (p->last_status_rc == KIOSK_ENOTFOUND && !p->timed_out)
		finish(p, out, PAYMENT_FAILED, PAYMENT_FAIL_UNREACHABLE, JOURNAL_FAILED);
	else
		finish(p, out, PAYMENT_IN_DOUBT, PAYMENT_FAIL_NONE, JOURNAL_IN_DOUBT);
}

/* The next check, or the conclusion after the last one. */
static void next_round(struct payment *p, struct payment_actions *out)
{
	if (++p->round >= PAYMENT_CHECK_ROUNDS)
		conclude(p, out);
	else
		ask(p, out);
}

/* The tender's answer to start, resend or abort. */
static void on_answer(struct payment *p, const struct payment_event *ev,
		      struct payment_actions *out)
{
	bool first = p->state == PAYMENT_SENDING;

	if (ev->rc == 0 && ev->result.pending) {
		if (p->state == PAYMENT_SENDING)
			p->state = PAYMENT_TAKING;
		return; /* the answer comes later */
	}
	if (ev->rc == 0 && p->state == PAYMENT_ABORTING) {
		p->taken_cents = ev->result.taken_cents;
		if (ev->result.verdict == TENDER_APPROVED && ev->result.taken_cents > 0)
			settle(p, out, &ev->result); /* stopped, but money was taken: keep it */
		else
			finish(p, out, PAYMENT_FAILED, PAYMENT_FAIL_CANCELLED, JOURNAL_FAILED);
		return;
	}
	if (ev->rc == 0) {
		settle(p, out, &ev->result);
		return;
	}
	if (ev->rc == KIOSK_EINVAL) {
		/* The party refused the request itself (e.g. more than the balance). */
		finish(p, out, PAYMENT_FAILED, PAYMENT_FAIL_REFUSED, JOURNAL_FAILED);
		return;
	}
	if (ev->rc == KIOSK_EOFFLINE && (first || p->state == PAYMENT_TAKING)) {
		/* The start never reached the party (an asynchronous start answers in TAKING):
		 * nothing to ask about, nothing charged. */
		finish(p, out, PAYMENT_FAILED, PAYMENT_FAIL_OFFLINE, JOURNAL_FAILED);
		return;
	}
	if (ev->rc == KIOSK_ETLS && first) {
		/* The handshake failed before the request was written: nothing left the kiosk. */
		finish(p, out, PAYMENT_FAILED, PAYMENT_FAIL_UNTRUSTED, JOURNAL_FAILED);
		return;
	}
	/* The answer was lost or the request never arrived: ask before saying anything. */
	p->timed_out = p->timed_out || ev->rc == KIOSK_ETIMEDOUT;
	if (p->state == PAYMENT_CHECKING)
		next_round(p, out);
	else
		ask(p, out);
}

/* The party's record of the key. */
static void on_status(struct payment *p, const struct payment_event *ev,
		      struct payment_actions *out)
{
	p->last_status_rc = ev->rc;
	if (ev->rc == 0 && ev->result.amount_cents != p->amount_cents && !p->caps.must_post) {
		/* Not ours to decide: staff must look (docs/operations.md). */
		p->amount_differs = true;
		p->result = ev->result;
		finish(p, out, PAYMENT_IN_DOUBT, PAYMENT_FAIL_NONE,
		       p->recovering ? JOURNAL_STATE_COUNT : JOURNAL_IN_DOUBT);
		return;
	}
	if (ev->rc == 0) {
		settle(p, out, &ev->result);
		return;
	}
	if (p->recovering) {
		/* One question per pass; a request sent before the crash may still arrive until
		 * the grace time is over, so only then is "never saw it" final. */
		if (ev->rc == KIOSK_ENOTFOUND && p->grace_passed)
			finish(p, out, PAYMENT_FAILED, PAYMENT_FAIL_UNREACHABLE, JOURNAL_FAILED);
		else
			finish(p, out, PAYMENT_IN_DOUBT, PAYMENT_FAIL_NONE, JOURNAL_STATE_COUNT);
		return;
	}
	if (ev->rc == KIOSK_ENOTFOUND && p->round < PAYMENT_CHECK_ROUNDS - 1 &&
	    p->caps.can_resend) {
		/* The party never saw it: send it again under the SAME key. The party never
		 * takes a key twice, so a resend can only complete the one payment. */
		act(out, PAYMENT_ACT_TENDER_RESEND);
		return;
	}
	next_round(p, out);
}

static void on_recover(struct payment *p, const struct payment_event *ev,
		       struct payment_actions *out)
{
	memset(p, 0, sizeof(*p));
	p->recovering = true;
	p->grace_passed = ev->grace_passed;
	p->amount_cents = ev->amount_cents;
	p->caps = ev->caps;
	if (ev->journal_state == JOURNAL_CREATED)
		/* Journaled but never marked sent: the request never left the kiosk. */
		finish(p, out, PAYMENT_FAILED, PAYMENT_FAIL_NEVER_SENT, JOURNAL_FAILED);
	else
		ask(p, out);
}

int payment_step(struct payment *p, const struct payment_event *ev, struct payment_actions *out)
{
	enum payment_state s = p->state;

	out->n = 0;
	switch (ev->type) {
	case PAYMENT_EV_START:
		if (s != PAYMENT_IDLE || ev->amount_cents <= 0)
			return KIOSK_ESTATE;
		memset(p, 0, sizeof(*p));
		p->amount_cents = ev->amount_cents;
		p->caps = ev->caps;
		p->state = PAYMENT_JOURNALING;
		act(out, PAYMENT_ACT_JOURNAL_CREATE);
		return 0;
	case PAYMENT_EV_JOURNALED:
		if (s != PAYMENT_JOURNALING)
			return KIOSK_ESTATE;
		if (ev->rc != 0) {
			/* Nothing leaves the kiosk that is not journaled first. */
			finish(p, out, PAYMENT_FAILED, PAYMENT_FAIL_STORE, JOURNAL_STATE_COUNT);
			return 0;
		}
		p->state = PAYMENT_SENDING;
		act(out, PAYMENT_ACT_TENDER_START);
		return 0;
	case PAYMENT_EV_ANSWER:
		if (s != PAYMENT_SENDING && s != PAYMENT_TAKING && s != PAYMENT_ABORTING &&
		    s != PAYMENT_CHECKING)
			return KIOSK_ESTATE;
		on_answer(p, ev, out);
		return 0;
	case PAYMENT_EV_PROGRESS:
		if ((s != PAYMENT_TAKING && s != PAYMENT_ABORTING) ||
		    ev->result.taken_cents < p->taken_cents)
			return KIOSK_ESTATE;
		if (ev->result.taken_cents == p->taken_cents)
			return 0;
		/* Money taken is the city's: journaled before the resident sees the new total. */
		p->taken_cents = ev->result.taken_cents;
		act(out, PAYMENT_ACT_JOURNAL_TAKEN);
		act(out, PAYMENT_ACT_SHOW_PROGRESS);
		out->a[0].taken_cents = out->a[1].taken_cents = p->taken_cents;
		return 0;
	case PAYMENT_EV_STATUS:
		if (s != PAYMENT_CHECKING)
			return KIOSK_ESTATE;
		on_status(p, ev, out);
		return 0;
	case PAYMENT_EV_ABORT:
		if (s != PAYMENT_TAKING || !p->caps.can_abort)
			return KIOSK_ESTATE;
		p->state = PAYMENT_ABORTING;
		act(out, PAYMENT_ACT_TENDER_ABORT);
		return 0;
	case PAYMENT_EV_REVERSE:
		if (s != PAYMENT_APPROVED || !p->caps.can_reverse)
			return KIOSK_ESTATE;
		p->state = PAYMENT_REVERSING;
		act(out, PAYMENT_ACT_TENDER_REVERSE);
		return 0;
	case PAYMENT_EV_REVERSED:
		if (s != PAYMENT_REVERSING)
			return KIOSK_ESTATE;
		if (ev->rc == 0)
			finish(p, out, PAYMENT_REVERSED,
			       p->unbacked ? PAYMENT_FAIL_REFUSED : PAYMENT_FAIL_NONE,
			       JOURNAL_REVERSED);
		else if (p->unbacked)
			/* Still charged, and not the city's: the journal keeps it refused and
			 * the background reverses it again (SETTLE_POST). */
			finish(p, out, PAYMENT_IN_DOUBT, PAYMENT_FAIL_NONE, JOURNAL_STATE_COUNT);
		else
			finish(p, out, PAYMENT_APPROVED, PAYMENT_FAIL_NONE, JOURNAL_STATE_COUNT);
		return 0;
	case PAYMENT_EV_POSTED:
		if (s != PAYMENT_POSTING)
			return KIOSK_ESTATE;
		on_posted(p, ev, out);
		return 0;
	case PAYMENT_EV_SETTLE_POST: return on_settle_post(p, ev, out);
	case PAYMENT_EV_RECOVER:
		if (s != PAYMENT_IDLE && !payment_finished(p))
			return KIOSK_ESTATE;
		if (ev->journal_state != JOURNAL_CREATED && ev->journal_state != JOURNAL_SENT &&
		    ev->journal_state != JOURNAL_IN_DOUBT)
			return KIOSK_ESTATE;
		on_recover(p, ev, out);
		return 0;
	}
	return KIOSK_ESTATE;
}
