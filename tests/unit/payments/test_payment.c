/* Tests for the payment state machine (app/payments/payment.c) with canned answers for every
 * outcome and fault: approved, declined, refused, untrusted, the journal failing, the portal
 * down, a lost answer settled or left in doubt, a resend under the same key, recovery after a
 * crash, a tender that takes money in parts and is stopped, and a reversal. Every journal mark
 * the machine asks for is checked against the journal's own transition table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "app/common/err.h"
#include "app/payments/payment.h"

/* A payment, what the journal would hold for it, and the last actions. */
struct rig {
	struct payment p;
	enum journal_state journal; /* JOURNAL_STATE_COUNT: not journaled */
	struct payment_actions acts;
	int marks;
};

static const struct payment_caps card = {.can_resend = true};

static void rig_init(struct rig *r)
{
	memset(r, 0, sizeof(*r));
	r->journal = JOURNAL_STATE_COUNT;
}

/* Steps the machine; checks each journal mark is one the journal allows. */
static int step(struct rig *r, const struct payment_event *ev)
{
	int rc = payment_step(&r->p, ev, &r->acts);

	for (int i = 0; rc == 0 && i < r->acts.n; i++) {
		const struct payment_action *a = &r->acts.a[i];
		if (a->type == PAYMENT_ACT_JOURNAL_CREATE)
			r->journal = JOURNAL_SENT; /* created, then marked sent */
		if (a->type != PAYMENT_ACT_JOURNAL_MARK)
			continue;
		assert_true(journal_transition_ok(r->journal, a->journal_state));
		r->journal = a->journal_state;
		r->marks++;
	}
	return rc;
}

static void expect_actions(const struct rig *r, int n, ...)
{
	va_list ap;

	assert_int_equal(r->acts.n, n);
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(r->acts.a[i].type, va_arg(ap, int));
	va_end(ap);
}

static void ev_simple(struct rig *r, enum payment_event_type t, int rc)
{
	struct payment_event ev = {.type = t, .rc = rc};

	assert_int_equal(step(r, &ev), 0);
}

static void ev_result(struct rig *r, enum payment_event_type t, int rc, enum tender_verdict v,
		      int64_t cents, const char *ref)
{
	struct payment_event ev = {.type = t, .rc = rc};

	ev.result.verdict = v;
	ev.result.amount_cents = cents;
	ev.result.taken_cents = v == TENDER_APPROVED ? cents : 0;
	snprintf(ev.result.reference, sizeof(ev.result.reference), "%s", ref);
	assert_int_equal(step(r, &ev), 0);
}

/* Start, journaled, sent: the tender was asked. */
static void sent(struct rig *r, int64_t cents, struct payment_caps caps)
{
	struct payment_event start = {
	    .type = PAYMENT_EV_START, .amount_cents = cents, .caps = caps};

	rig_init(r);
	assert_int_equal(step(r, &start), 0);
	expect_actions(r, 1, PAYMENT_ACT_JOURNAL_CREATE);
	assert_int_equal(r->p.state, PAYMENT_JOURNALING);
	ev_simple(r, PAYMENT_EV_JOURNALED, 0);
	expect_actions(r, 1, PAYMENT_ACT_TENDER_START);
	assert_int_equal(r->p.state, PAYMENT_SENDING);
}

static void test_approved(void **state)
{
	struct rig r;

	(void)state;
	sent(&r, 8417, card);
	ev_result(&r, PAYMENT_EV_ANSWER, 0, TENDER_APPROVED, 8417, "K100");
	expect_actions(&r, 2, PAYMENT_ACT_JOURNAL_MARK, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.acts.a[0].journal_state, JOURNAL_APPROVED);
	assert_string_equal(r.acts.a[0].reference, "K100");
	assert_int_equal(r.p.state, PAYMENT_APPROVED);
	assert_true(payment_finished(&r.p));
	assert_int_equal(r.journal, JOURNAL_APPROVED);
	/* Nothing more happens to a finished payment but a reversal. */
	struct payment_event late = {.type = PAYMENT_EV_ANSWER};
	assert_int_equal(payment_step(&r.p, &late, &r.acts), KIOSK_ESTATE);
	assert_int_equal(r.acts.n, 0);
}

static void test_declined(void **state)
{
	struct rig r;

	(void)state;
	sent(&r, 500, card);
	ev_result(&r, PAYMENT_EV_ANSWER, 0, TENDER_DECLINED, 500, "K101");
	expect_actions(&r, 2, PAYMENT_ACT_JOURNAL_MARK, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.state, PAYMENT_DECLINED);
	assert_int_equal(r.journal, JOURNAL_DECLINED);
}

static void test_journal_fails(void **state)
{
	struct rig r;
	struct payment_event start = {.type = PAYMENT_EV_START, .amount_cents = 100, .caps = card};

	(void)state;
	rig_init(&r);
	assert_int_equal(step(&r, &start), 0);
	r.journal = JOURNAL_STATE_COUNT; /* the create failed: nothing on file */
	struct payment_event journaled = {.type = PAYMENT_EV_JOURNALED, .rc = KIOSK_ESTORE};
	assert_int_equal(payment_step(&r.p, &journaled, &r.acts), 0);
	/* Nothing is sent that is not journaled first. */
	expect_actions(&r, 1, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.state, PAYMENT_FAILED);
	assert_int_equal(r.p.failure, PAYMENT_FAIL_STORE);
}

static void test_refused_and_untrusted(void **state)
{
	struct rig r;

	(void)state;
	sent(&r, 100000, card);
	ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_EINVAL);
	expect_actions(&r, 2, PAYMENT_ACT_JOURNAL_MARK, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.failure, PAYMENT_FAIL_REFUSED);
	assert_int_equal(r.journal, JOURNAL_FAILED);

	sent(&r, 100, card);
	ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_ETLS);
	expect_actions(&r, 2, PAYMENT_ACT_JOURNAL_MARK, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.failure, PAYMENT_FAIL_UNTRUSTED);
	assert_int_equal(r.journal, JOURNAL_FAILED);
}

/* The portal is down: every status says "never saw it", every resend fails to reach it. */
static void test_portal_down(void **state)
{
	struct rig r;
	int waits[PAYMENT_CHECK_ROUNDS], resends = 0;

	(void)state;
	sent(&r, 100, card);
	ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_ENET);
	for (int round = 0; round < PAYMENT_CHECK_ROUNDS; round++) {
		expect_actions(&r, 1, PAYMENT_ACT_TENDER_STATUS);
		waits[round] = r.acts.a[0].wait_ms;
		assert_int_equal(r.p.state, PAYMENT_CHECKING);
		ev_simple(&r, PAYMENT_EV_STATUS, KIOSK_ENOTFOUND);
		if (round == PAYMENT_CHECK_ROUNDS - 1)
			break;
		/* Sent again under the same key, while the card is in memory. */
		expect_actions(&r, 1, PAYMENT_ACT_TENDER_RESEND);
		resends++;
		ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_ENET);
	}
	assert_int_equal(resends, PAYMENT_CHECK_ROUNDS - 1);
	assert_int_equal(waits[0], PAYMENT_CHECK_WAIT_MS);
	assert_int_equal(waits[1], 2 * PAYMENT_CHECK_WAIT_MS);
	assert_int_equal(waits[2], 4 * PAYMENT_CHECK_WAIT_MS);
	/* It never saw the key and nothing of ours timed out on the way: never charged. */
	expect_actions(&r, 2, PAYMENT_ACT_JOURNAL_MARK, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.state, PAYMENT_FAILED);
	assert_int_equal(r.p.failure, PAYMENT_FAIL_UNREACHABLE);
	assert_int_equal(r.journal, JOURNAL_FAILED);
}

/* A terminal in its daily reboot: the Payment never left the kiosk (KIOSK_EOFFLINE, from an
 * asynchronous start that already answered pending). Nothing to ask about: failed at once as
 * offline, nothing charged, no status asked. The portal's KIOSK_ENET, which may come after
 * the request left, still goes to the party's record (test_portal_down). */
static void test_terminal_offline(void **state)
{
	struct rig r;
	struct payment_caps terminal = {.can_abort = true, .can_reverse = true};
	struct payment_event pending = {.type = PAYMENT_EV_ANSWER};

	(void)state;
	sent(&r, 2500, terminal);
	pending.result.pending = true;
	assert_int_equal(step(&r, &pending), 0);
	assert_int_equal(r.p.state, PAYMENT_TAKING);
	ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_EOFFLINE);
	expect_actions(&r, 2, PAYMENT_ACT_JOURNAL_MARK, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.state, PAYMENT_FAILED);
	assert_int_equal(r.p.failure, PAYMENT_FAIL_OFFLINE);
	assert_int_equal(r.journal, JOURNAL_FAILED);

	/* The same from a synchronous start. */
	sent(&r, 2500, terminal);
	ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_EOFFLINE);
	assert_int_equal(r.p.failure, PAYMENT_FAIL_OFFLINE);
	assert_int_equal(r.journal, JOURNAL_FAILED);

	/* Unreachable while asking about a lost answer is still not knowing: in doubt. */
	sent(&r, 2500, terminal);
	ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_ETIMEDOUT);
	for (int round = 0; round < PAYMENT_CHECK_ROUNDS; round++) {
		expect_actions(&r, 1, PAYMENT_ACT_TENDER_STATUS);
		ev_simple(&r, PAYMENT_EV_STATUS, KIOSK_ENET);
	}
	assert_int_equal(r.p.state, PAYMENT_IN_DOUBT);
	assert_int_equal(r.journal, JOURNAL_IN_DOUBT);
}

/* The answer was lost; the portal's record has it. */
static void test_lost_answer_settled(void **state)
{
	struct rig r;

	(void)state;
	sent(&r, 2500, card);
	ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_ETIMEDOUT);
	expect_actions(&r, 1, PAYMENT_ACT_TENDER_STATUS);
	ev_result(&r, PAYMENT_EV_STATUS, 0, TENDER_APPROVED, 2500, "K7");
	expect_actions(&r, 2, PAYMENT_ACT_JOURNAL_MARK, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.state, PAYMENT_APPROVED);
	assert_string_equal(r.p.result.reference, "K7");
}

/* A resend completes the payment the first request never delivered. */
static void test_resend_completes(void **state)
{
	struct rig r;

	(void)state;
	sent(&r, 2500, card);
	ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_ENET);
	ev_simple(&r, PAYMENT_EV_STATUS, KIOSK_ENOTFOUND);
	expect_actions(&r, 1, PAYMENT_ACT_TENDER_RESEND);
	ev_result(&r, PAYMENT_EV_ANSWER, 0, TENDER_APPROVED, 2500, "K8");
	assert_int_equal(r.p.state, PAYMENT_APPROVED);
	assert_int_equal(r.journal, JOURNAL_APPROVED);
}

/* A request timed out: it may still arrive, so "never saw it" is not final: in doubt. */
static void test_in_doubt(void **state)
{
	struct rig r;

	(void)state;
	sent(&r, 100, card);
	ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_ETIMEDOUT);
	for (int round = 0; round < PAYMENT_CHECK_ROUNDS; round++) {
		ev_simple(&r, PAYMENT_EV_STATUS, KIOSK_ENOTFOUND);
		if (round < PAYMENT_CHECK_ROUNDS - 1)
			ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_ENET);
	}
	expect_actions(&r, 2, PAYMENT_ACT_JOURNAL_MARK, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.state, PAYMENT_IN_DOUBT);
	assert_int_equal(r.journal, JOURNAL_IN_DOUBT);

	/* The portal cannot even be asked: in doubt too, after the same three checks. */
	sent(&r, 100, card);
	ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_ESERVER);
	int checks = 0;
	while (r.p.state == PAYMENT_CHECKING) {
		expect_actions(&r, 1, PAYMENT_ACT_TENDER_STATUS);
		checks++;
		ev_simple(&r, PAYMENT_EV_STATUS, KIOSK_ENET);
	}
	assert_int_equal(checks, PAYMENT_CHECK_ROUNDS);
	assert_int_equal(r.p.state, PAYMENT_IN_DOUBT);
	assert_int_equal(r.p.last_status_rc, KIOSK_ENET);
}

/* Without a card in memory there is no resend: only questions. */
static void test_no_resend_without_card(void **state)
{
	struct rig r;
	struct payment_caps none = {0};

	(void)state;
	sent(&r, 100, none);
	ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_ENET);
	for (int round = 0; round < PAYMENT_CHECK_ROUNDS; round++) {
		expect_actions(&r, 1, PAYMENT_ACT_TENDER_STATUS);
		ev_simple(&r, PAYMENT_EV_STATUS, KIOSK_ENOTFOUND);
	}
	assert_int_equal(r.p.state, PAYMENT_FAILED);
	assert_int_equal(r.p.failure, PAYMENT_FAIL_UNREACHABLE);
}

/* The party holds another amount under our key: not ours to decide. */
static void test_amount_differs(void **state)
{
	struct rig r;

	(void)state;
	sent(&r, 100, card);
	ev_simple(&r, PAYMENT_EV_ANSWER, KIOSK_ETIMEDOUT);
	ev_result(&r, PAYMENT_EV_STATUS, 0, TENDER_APPROVED, 999, "K9");
	assert_int_equal(r.p.state, PAYMENT_IN_DOUBT);
	assert_true(r.p.amount_differs);
	assert_int_equal(r.journal, JOURNAL_IN_DOUBT);
}

static void recover(struct rig *r, enum journal_state js, bool grace_passed, int64_t cents)
{
	struct payment_event ev = {.type = PAYMENT_EV_RECOVER,
				   .amount_cents = cents,
				   .journal_state = js,
				   .grace_passed = grace_passed};

	rig_init(r);
	r->journal = js;
	assert_int_equal(step(r, &ev), 0);
}

/* After a crash: settle from the party's record, never resend, never guess. */
static void test_crash_recovery(void **state)
{
	struct rig r;

	(void)state;
	/* Journaled but never marked sent: the request never left. */
	recover(&r, JOURNAL_CREATED, false, 100);
	expect_actions(&r, 2, PAYMENT_ACT_JOURNAL_MARK, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.failure, PAYMENT_FAIL_NEVER_SENT);
	assert_int_equal(r.journal, JOURNAL_FAILED);

	/* Sent: the portal's record settles it, at once (no wait). */
	recover(&r, JOURNAL_SENT, false, 100);
	expect_actions(&r, 1, PAYMENT_ACT_TENDER_STATUS);
	assert_int_equal(r.acts.a[0].wait_ms, 0);
	ev_result(&r, PAYMENT_EV_STATUS, 0, TENDER_DECLINED, 100, "K3");
	assert_int_equal(r.p.state, PAYMENT_DECLINED);
	assert_int_equal(r.journal, JOURNAL_DECLINED);

	/* In doubt, never seen, within the grace time: the request may still arrive. */
	recover(&r, JOURNAL_IN_DOUBT, false, 100);
	ev_simple(&r, PAYMENT_EV_STATUS, KIOSK_ENOTFOUND);
	expect_actions(&r, 1, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.state, PAYMENT_IN_DOUBT);
	assert_int_equal(r.marks, 0);

	/* Never seen, and the grace time is over: failed, nothing charged. */
	recover(&r, JOURNAL_IN_DOUBT, true, 100);
	ev_simple(&r, PAYMENT_EV_STATUS, KIOSK_ENOTFOUND);
	assert_int_equal(r.p.state, PAYMENT_FAILED);
	assert_int_equal(r.journal, JOURNAL_FAILED);

	/* Never resent, whatever the party says. */
	recover(&r, JOURNAL_SENT, true, 100);
	ev_simple(&r, PAYMENT_EV_STATUS, KIOSK_ENET);
	expect_actions(&r, 1, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.state, PAYMENT_IN_DOUBT);
	assert_int_equal(r.p.last_status_rc, KIOSK_ENET);

	/* A payment with an outcome is not recovered. */
	struct payment_event done = {
	    .type = PAYMENT_EV_RECOVER, .amount_cents = 100, .journal_state = JOURNAL_APPROVED};
	rig_init(&r);
	assert_int_equal(payment_step(&r.p, &done, &r.acts), KIOSK_ESTATE);
}

static void progress(struct rig *r, int64_t taken, int want_rc)
{
	struct payment_event ev = {.type = PAYMENT_EV_PROGRESS};

	ev.result.taken_cents = taken;
	assert_int_equal(step(r, &ev), want_rc);
}

/* A tender that takes money in parts (a bill validator): each part is journaled, then shown;
 * the resident stops; what was taken is kept. */
static void test_partial_then_abort(void **state)
{
	struct rig r;
	struct payment_caps cash = {.can_abort = true};
	struct payment_event pending = {.type = PAYMENT_EV_ANSWER};

	(void)state;
	sent(&r, 5000, cash);
	pending.result.pending = true;
	assert_int_equal(step(&r, &pending), 0);
	assert_int_equal(r.acts.n, 0);
	assert_int_equal(r.p.state, PAYMENT_TAKING);

	progress(&r, 2000, 0);
	expect_actions(&r, 2, PAYMENT_ACT_JOURNAL_TAKEN, PAYMENT_ACT_SHOW_PROGRESS);
	assert_int_equal(r.acts.a[0].taken_cents, 2000);
	assert_int_equal(r.acts.a[1].taken_cents, 2000);
	progress(&r, 2000, 0); /* the same total again: nothing new */
	assert_int_equal(r.acts.n, 0);
	progress(&r, 1000, KIOSK_ESTATE); /* money taken never shrinks */
	progress(&r, 3000, 0);
	assert_int_equal(r.p.taken_cents, 3000);

	ev_simple(&r, PAYMENT_EV_ABORT, 0);
	expect_actions(&r, 1, PAYMENT_ACT_TENDER_ABORT);
	assert_int_equal(r.p.state, PAYMENT_ABORTING);
	ev_result(&r, PAYMENT_EV_ANSWER, 0, TENDER_APPROVED, 3000, "C1");
	assert_int_equal(r.p.state, PAYMENT_APPROVED);
	assert_int_equal(r.p.taken_cents, 3000);
	assert_int_equal(r.journal, JOURNAL_APPROVED);

	/* Stopped before anything was taken: cancelled, nothing charged. */
	sent(&r, 5000, cash);
	assert_int_equal(step(&r, &pending), 0);
	ev_simple(&r, PAYMENT_EV_ABORT, 0);
	ev_result(&r, PAYMENT_EV_ANSWER, 0, TENDER_DECLINED, 0, "");
	assert_int_equal(r.p.state, PAYMENT_FAILED);
	assert_int_equal(r.p.failure, PAYMENT_FAIL_CANCELLED);
	assert_int_equal(r.journal, JOURNAL_FAILED);

	/* The answer a pending tender promised arrives on its own. */
	sent(&r, 5000, cash);
	assert_int_equal(step(&r, &pending), 0);
	ev_result(&r, PAYMENT_EV_ANSWER, 0, TENDER_APPROVED, 5000, "C2");
	assert_int_equal(r.p.state, PAYMENT_APPROVED);

	/* A tender that cannot be stopped is not asked to. */
	sent(&r, 5000, card);
	assert_int_equal(step(&r, &pending), 0);
	struct payment_event abort = {.type = PAYMENT_EV_ABORT};
	assert_int_equal(payment_step(&r.p, &abort, &r.acts), KIOSK_ESTATE);
	assert_int_equal(r.p.state, PAYMENT_TAKING);
}

static void test_reverse(void **state)
{
	struct rig r;
	struct payment_caps terminal = {.can_reverse = true};
	struct payment_event reverse = {.type = PAYMENT_EV_REVERSE};

	(void)state;
	sent(&r, 700, terminal);
	ev_result(&r, PAYMENT_EV_ANSWER, 0, TENDER_APPROVED, 700, "T1");
	assert_int_equal(step(&r, &reverse), 0);
	expect_actions(&r, 1, PAYMENT_ACT_TENDER_REVERSE);
	assert_int_equal(r.p.state, PAYMENT_REVERSING);
	ev_simple(&r, PAYMENT_EV_REVERSED, KIOSK_ENET);
	assert_int_equal(r.p.state, PAYMENT_APPROVED); /* not reversed: still the city's */
	assert_int_equal(r.journal, JOURNAL_APPROVED);
	assert_int_equal(step(&r, &reverse), 0);
	ev_simple(&r, PAYMENT_EV_REVERSED, 0);
	assert_int_equal(r.p.state, PAYMENT_REVERSED);
	assert_int_equal(r.journal, JOURNAL_REVERSED);

	/* Only an approved payment, and only with a tender that can. */
	sent(&r, 700, card);
	ev_result(&r, PAYMENT_EV_ANSWER, 0, TENDER_APPROVED, 700, "K1");
	assert_int_equal(payment_step(&r.p, &reverse, &r.acts), KIOSK_ESTATE);
	sent(&r, 700, terminal);
	ev_result(&r, PAYMENT_EV_ANSWER, 0, TENDER_DECLINED, 700, "T2");
	assert_int_equal(payment_step(&r.p, &reverse, &r.acts), KIOSK_ESTATE);
}

/* ---- a card terminal: the portal is the second party (caps.must_post) ---- */

static const struct payment_caps term = {.can_abort = true, .can_reverse = true, .must_post = true};

/* A terminal's answer: approved or declined, with what it said of the card. */
static void terminal_answer(struct rig *r, enum payment_event_type t, enum tender_verdict v,
			    int64_t cents)
{
	struct payment_event ev = {.type = t};

	ev.result.verdict = v;
	ev.result.amount_cents = cents;
	ev.result.taken_cents = v == TENDER_APPROVED ? cents : 0;
	snprintf(ev.result.reference, sizeof(ev.result.reference), "8515131751004933");
	snprintf(ev.result.brand, sizeof(ev.result.brand), "Visa");
	snprintf(ev.result.last4, sizeof(ev.result.last4), "1111");
	snprintf(ev.result.card.approval_code, sizeof(ev.result.card.approval_code), "087493");
	assert_int_equal(step(r, &ev), 0);
}

/* A terminal payment of cents (the bill and the fee) waiting for the card. */
static void taking(struct rig *r, int64_t cents)
{
	struct payment_event pending = {.type = PAYMENT_EV_ANSWER, .result.pending = true};

	sent(r, cents, term);
	assert_int_equal(step(r, &pending), 0);
	assert_int_equal(r->p.state, PAYMENT_TAKING);
}

static void posted(struct rig *r, int rc, const char *ref)
{
	struct payment_event ev = {.type = PAYMENT_EV_POSTED, .rc = rc};

	snprintf(ev.result.reference, sizeof(ev.result.reference), "%s", ref);
	assert_int_equal(step(r, &ev), 0);
}

/* Approved by the terminal, then posted: the card details are journaled before the approval,
 * the approval before the posting, and the posting's reference last. */
static void test_terminal_posted(void **state)
{
	struct rig r;

	(void)state;
	taking(&r, 5150);
	terminal_answer(&r, PAYMENT_EV_ANSWER, TENDER_APPROVED, 5150);
	expect_actions(&r, 3, PAYMENT_ACT_JOURNAL_CARD, PAYMENT_ACT_JOURNAL_MARK,
		       PAYMENT_ACT_PORTAL_POST);
	assert_int_equal(r.acts.a[1].journal_state, JOURNAL_APPROVED);
	assert_int_equal(r.p.state, PAYMENT_POSTING);
	assert_false(payment_finished(&r.p));
	assert_int_equal(r.journal, JOURNAL_APPROVED);
	/* Nothing but the portal's answer moves it now: the resident cannot cancel a charge. */
	struct payment_event abort = {.type = PAYMENT_EV_ABORT};
	assert_int_equal(payment_step(&r.p, &abort, &r.acts), KIOSK_ESTATE);
	posted(&r, 0, "K7Q2M9XH4");
	expect_actions(&r, 2, PAYMENT_ACT_JOURNAL_POST, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.acts.a[0].post, JOURNAL_POST_DONE);
	assert_string_equal(r.acts.a[0].reference, "K7Q2M9XH4");
	assert_int_equal(r.p.state, PAYMENT_APPROVED);
	assert_false(r.p.post_queued);
	assert_string_equal(r.p.post_reference, "K7Q2M9XH4");
	assert_string_equal(r.p.result.last4, "1111");
}

/* The portal out of reach, or its answer lost: the charge stands and the outbox posts it. */
static void test_terminal_portal_down(void **state)
{
	static const int down[] = {KIOSK_ENET, KIOSK_ETIMEDOUT, KIOSK_ESERVER, KIOSK_EPROTO,
				   KIOSK_ETLS};
	struct rig r;

	(void)state;
	for (size_t i = 0; i < sizeof(down) / sizeof(down[0]); i++) {
		taking(&r, 5150);
		terminal_answer(&r, PAYMENT_EV_ANSWER, TENDER_APPROVED, 5150);
		posted(&r, down[i], "");
		expect_actions(&r, 2, PAYMENT_ACT_OUTBOX_POST, PAYMENT_ACT_FINISHED);
		assert_int_equal(r.p.state, PAYMENT_APPROVED);
		assert_true(r.p.post_queued);
		assert_int_equal(r.journal, JOURNAL_APPROVED);
	}
}

/* The portal refuses the posting (the account, the amount): the kiosk cannot stand behind the
 * charge, so it is marked refused and reversed; a reversal that fails leaves it in doubt. */
static void test_terminal_portal_refuses(void **state)
{
	struct rig r;

	(void)state;
	taking(&r, 5150);
	terminal_answer(&r, PAYMENT_EV_ANSWER, TENDER_APPROVED, 5150);
	posted(&r, KIOSK_EINVAL, "");
	expect_actions(&r, 2, PAYMENT_ACT_JOURNAL_POST, PAYMENT_ACT_TENDER_REVERSE);
	assert_int_equal(r.acts.a[0].post, JOURNAL_POST_REFUSED);
	assert_int_equal(r.p.state, PAYMENT_REVERSING);
	ev_simple(&r, PAYMENT_EV_REVERSED, 0);
	expect_actions(&r, 2, PAYMENT_ACT_JOURNAL_MARK, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.state, PAYMENT_REVERSED);
	assert_int_equal(r.p.failure, PAYMENT_FAIL_REFUSED);
	assert_int_equal(r.journal, JOURNAL_REVERSED);

	taking(&r, 5150);
	terminal_answer(&r, PAYMENT_EV_ANSWER, TENDER_APPROVED, 5150);
	posted(&r, KIOSK_ENOTFOUND, "");
	assert_int_equal(r.p.state, PAYMENT_REVERSING);
	ev_simple(&r, PAYMENT_EV_REVERSED, KIOSK_ENET);
	expect_actions(&r, 1, PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.state, PAYMENT_IN_DOUBT); /* still charged: retried later */
	assert_int_equal(r.journal, JOURNAL_APPROVED);
}

/* An approval of another amount than asked (a partial approval): given back whole; with a
 * tender that cannot reverse, left in doubt for staff. */
static void test_terminal_partial_approval(void **state)
{
	struct rig r;
	struct payment_caps no_reverse = {.can_abort = true, .must_post = true};
	struct payment_event pending = {.type = PAYMENT_EV_ANSWER, .result.pending = true};

	(void)state;
	taking(&r, 5150);
	terminal_answer(&r, PAYMENT_EV_ANSWER, TENDER_APPROVED, 3000);
	expect_actions(&r, 4, PAYMENT_ACT_JOURNAL_CARD, PAYMENT_ACT_JOURNAL_MARK,
		       PAYMENT_ACT_JOURNAL_POST, PAYMENT_ACT_TENDER_REVERSE);
	assert_int_equal(r.acts.a[2].post, JOURNAL_POST_REFUSED);
	assert_true(r.p.amount_differs);
	ev_simple(&r, PAYMENT_EV_REVERSED, 0);
	assert_int_equal(r.p.state, PAYMENT_REVERSED);

	sent(&r, 5150, no_reverse);
	assert_int_equal(step(&r, &pending), 0);
	terminal_answer(&r, PAYMENT_EV_ANSWER, TENDER_APPROVED, 3000);
	expect_actions(&r, 3, PAYMENT_ACT_JOURNAL_CARD, PAYMENT_ACT_JOURNAL_MARK,
		       PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.state, PAYMENT_IN_DOUBT);
	assert_int_equal(r.journal, JOURNAL_IN_DOUBT);
}

/* A decline is journaled with its card details and nothing is posted. */
static void test_terminal_declined(void **state)
{
	struct rig r;

	(void)state;
	taking(&r, 5150);
	terminal_answer(&r, PAYMENT_EV_ANSWER, TENDER_DECLINED, 5150);
	expect_actions(&r, 3, PAYMENT_ACT_JOURNAL_CARD, PAYMENT_ACT_JOURNAL_MARK,
		       PAYMENT_ACT_FINISHED);
	assert_int_equal(r.p.state, PAYMENT_DECLINED);
	assert_int_equal(r.journal, JOURNAL_DECLINED);
}

/* The resident tapped Cancel but the card was faster: the approval is kept, and posted. */
static void test_terminal_abort_too_late(void **state)
{
	struct rig r;
	struct payment_event abort = {.type = PAYMENT_EV_ABORT};
	struct payment_event pending = {.type = PAYMENT_EV_ANSWER, .result.pending = true};

	(void)state;
	taking(&r, 5150);
	assert_int_equal(step(&r, &abort), 0);
	expect_actions(&r, 1, PAYMENT_ACT_TENDER_ABORT);
	assert_int_equal(step(&r, &pending), 0);
	assert_int_equal(r.p.state, PAYMENT_ABORTING);
	terminal_answer(&r, PAYMENT_EV_ANSWER, TENDER_APPROVED, 5150);
	assert_int_equal(r.p.state, PAYMENT_POSTING);
	posted(&r, 0, "K1");
	assert_int_equal(r.p.state, PAYMENT_APPROVED);
}

/* After a crash: TransactionStatus settles it, and an approval found so is posted. */
static void test_terminal_recovery(void **state)
{
	struct rig r;
	struct payment_event ev = {.type = PAYMENT_EV_RECOVER,
				   .amount_cents = 5150,
				   .journal_state = JOURNAL_SENT,
				   .caps = term};

	(void)state;
	rig_init(&r);
	r.journal = JOURNAL_SENT;
	assert_int_equal(step(&r, &ev), 0);
	expect_actions(&r, 1, PAYMENT_ACT_TENDER_STATUS);
	assert_int_equal(r.acts.a[0].wait_ms, 0);
	terminal_answer(&r, PAYMENT_EV_STATUS, TENDER_APPROVED, 5150);
	expect_actions(&r, 3, PAYMENT_ACT_JOURNAL_CARD, PAYMENT_ACT_JOURNAL_MARK,
		       PAYMENT_ACT_PORTAL_POST);
	posted(&r, KIOSK_ENET, "");
	assert_int_equal(r.p.state, PAYMENT_APPROVED);
	assert_true(r.p.post_queued);
}

/* An approved payment whose posting is pending (a crash before it) is posted; one the portal
 * refused is reversed. Only for a tender that posts, and only when nothing is under way. */
static void test_settle_post(void **state)
{
	struct rig r;
	struct payment_event ev = {
	    .type = PAYMENT_EV_SETTLE_POST, .amount_cents = 5150, .caps = term};

	(void)state;
	ev.result.verdict = TENDER_APPROVED;
	ev.result.amount_cents = 5150;
	ev.post = JOURNAL_POST_PENDING;
	rig_init(&r);
	r.journal = JOURNAL_APPROVED;
	assert_int_equal(step(&r, &ev), 0);
	expect_actions(&r, 1, PAYMENT_ACT_PORTAL_POST);
	posted(&r, 0, "K9");
	assert_int_equal(r.p.state, PAYMENT_APPROVED);

	ev.post = JOURNAL_POST_REFUSED;
	rig_init(&r);
	r.journal = JOURNAL_RECEIPT_PRINTED;
	assert_int_equal(step(&r, &ev), 0);
	expect_actions(&r, 1, PAYMENT_ACT_TENDER_REVERSE);
	ev_simple(&r, PAYMENT_EV_REVERSED, 0);
	assert_int_equal(r.p.state, PAYMENT_REVERSED);
	assert_int_equal(r.journal, JOURNAL_REVERSED);

	/* Refused: queued and done are not the machine's; a tender that does not post, or
	 * cannot reverse a refusal, is not asked; a payment under way is left alone. */
	rig_init(&r);
	ev.post = JOURNAL_POST_QUEUED;
	assert_int_equal(payment_step(&r.p, &ev, &r.acts), KIOSK_ESTATE);
	ev.post = JOURNAL_POST_REFUSED;
	ev.caps.can_reverse = false;
	assert_int_equal(payment_step(&r.p, &ev, &r.acts), KIOSK_ESTATE);
	ev.caps = card;
	ev.post = JOURNAL_POST_PENDING;
	assert_int_equal(payment_step(&r.p, &ev, &r.acts), KIOSK_ESTATE);
	taking(&r, 5150);
	ev.caps = term;
	assert_int_equal(payment_step(&r.p, &ev, &r.acts), KIOSK_ESTATE);
	assert_int_equal(r.p.state, PAYMENT_TAKING);
	/* And the portal's answer means nothing before a posting. */
	struct payment_event early = {.type = PAYMENT_EV_POSTED};
	assert_int_equal(payment_step(&r.p, &early, &r.acts), KIOSK_ESTATE);
}

static void test_events_out_of_place(void **state)
{
	struct rig r;
	struct payment_event start = {.type = PAYMENT_EV_START, .amount_cents = 100};
	struct payment_event zero = {.type = PAYMENT_EV_START, .amount_cents = 0};
	static const enum payment_event_type early[] = {
	    PAYMENT_EV_JOURNALED, PAYMENT_EV_ANSWER,  PAYMENT_EV_PROGRESS, PAYMENT_EV_STATUS,
	    PAYMENT_EV_ABORT,	  PAYMENT_EV_REVERSE, PAYMENT_EV_REVERSED};

	(void)state;
	rig_init(&r);
	for (size_t i = 0; i < sizeof(early) / sizeof(early[0]); i++) {
		struct payment_event ev = {.type = early[i]};
		assert_int_equal(payment_step(&r.p, &ev, &r.acts), KIOSK_ESTATE);
		assert_int_equal(r.p.state, PAYMENT_IDLE);
	}
	assert_int_equal(payment_step(&r.p, &zero, &r.acts), KIOSK_ESTATE);
	assert_int_equal(step(&r, &start), 0);
	assert_int_equal(payment_step(&r.p, &start, &r.acts), KIOSK_ESTATE); /* one at a time */
	assert_int_equal(r.p.state, PAYMENT_JOURNALING);
	assert_string_equal(payment_state_name(PAYMENT_IN_DOUBT), "in_doubt");
	assert_string_equal(payment_state_name(PAYMENT_STATE_COUNT), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_approved),
	    cmocka_unit_test(test_terminal_posted),
	    cmocka_unit_test(test_terminal_portal_down),
	    cmocka_unit_test(test_terminal_portal_refuses),
	    cmocka_unit_test(test_terminal_partial_approval),
	    cmocka_unit_test(test_terminal_declined),
	    cmocka_unit_test(test_terminal_abort_too_late),
	    cmocka_unit_test(test_terminal_recovery),
	    cmocka_unit_test(test_settle_post),
	    cmocka_unit_test(test_declined),
	    cmocka_unit_test(test_journal_fails),
	    cmocka_unit_test(test_refused_and_untrusted),
	    cmocka_unit_test(test_portal_down),
	    cmocka_unit_test(test_terminal_offline),
	    cmocka_unit_test(test_lost_answer_settled),
	    cmocka_unit_test(test_resend_completes),
	    cmocka_unit_test(test_in_doubt),
	    cmocka_unit_test(test_no_resend_without_card),
	    cmocka_unit_test(test_amount_differs),
	    cmocka_unit_test(test_crash_recovery),
	    cmocka_unit_test(test_partial_then_abort),
	    cmocka_unit_test(test_reverse),
	    cmocka_unit_test(test_events_out_of_place),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
