/* Tests for the payment service (app/payments/payments.c) on a real sqlite journal and outbox,
 * with a canned tender standing in for the party (the portal, a terminal, a validator: the
 * boundary we do not own here; tests/money and tests/crash run the real portal-sim). Every
 * outcome and fault: approved, declined, the portal down, a lost answer left in doubt and
 * settled later, recovery after a crash, no card, a receipt, a tender that answers later. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/common/err.h"
#include "app/common/fsutil.h"
#include "app/i18n.h"
#include "app/payments/admin.h"
#include "app/payments/payments.h"
#include "app/store/journal.h"
#include "app/store/outbox.h"

/* The canned party: scripted answers to start and status, in order; what it was asked. */
struct canned {
	int start_rc[4];
	struct tender_result start_res[4];
	int n_start, starts, resends;
	int status_rc[4];
	struct tender_result status_res[4];
	int n_status, statuses;
	bool ready;
	bool pending;
	char keys[8][40]; /* the key of every start */
};

static struct tender_result verdict(enum tender_verdict v, int64_t cents, const char *ref)
{
	struct tender_result r;

	memset(&r, 0, sizeof(r));
	r.verdict = v;
	r.amount_cents = cents;
	r.taken_cents = v == TENDER_APPROVED ? cents : 0;
	snprintf(r.reference, sizeof(r.reference), "%s", ref);
	return r;
}

static int c_prepare(void *impl, struct tender_result *out)
{
	struct canned *c = impl;

	memset(out, 0, sizeof(*out));
	snprintf(out->brand, sizeof(out->brand), "Visa");
	snprintf(out->last4, sizeof(out->last4), "1111");
	return c->ready ? 0 : KIOSK_ESTATE;
}

static int c_start(void *impl, const struct tender_request *rq, bool resend,
		   struct tender_result *out)
{
	struct canned *c = impl;
	int i = c->starts < c->n_start ? c->starts : c->n_start - 1;

	snprintf(c->keys[c->starts % 8], sizeof(c->keys[0]), "%s", rq->key);
	c->starts++;
	c->resends += resend;
	*out = c->start_res[i];
	out->pending = c->pending;
	return c->start_rc[i];
}

static int c_status(void *impl, const struct tender_request *rq, struct tender_result *out)
{
	struct canned *c = impl;
	int i = c->statuses < c->n_status ? c->statuses : c->n_status - 1;

	(void)rq;
	c->statuses++;
	*out = c->status_res[i];
	return c->status_rc[i];
}

static bool c_can_resend(void *impl)
{
	return ((struct canned *)impl)->ready;
}

static const struct tender_ops canned_tender = {
    .name = "canned",
    .party = "canned party",
    .prepare = c_prepare,
    .start = c_start,
    .status = c_status,
    .can_resend = c_can_resend,
};

struct rig {
	char dir[64];
	struct journal *journal;
	struct outbox *outbox;
	struct sync sync;
	struct payments *ps;
	struct canned party;
	int64_t shown_cents; /* the last progress the resident was shown */
};

static void shown(void *ctx, int64_t taken_cents)
{
	((struct rig *)ctx)->shown_cents = taken_cents;
}

static int setup(void **state)
{
	struct rig *r = calloc(1, sizeof(*r));
	char path[128];
	struct payments_config cfg = {.grace_s = 30};

	snprintf(r->dir, sizeof(r->dir), "/tmp/kiosk-payments-XXXXXX");
	if (!mkdtemp(r->dir))
		return -1;
	snprintf(path, sizeof(path), "%s/journal.sqlite", r->dir);
	if (journal_open(path, &r->journal))
		return -1;
	snprintf(path, sizeof(path), "%s/outbox.sqlite", r->dir);
	if (outbox_open(path, 100, &r->outbox))
		return -1;
	sync_init(&r->sync, r->outbox, NULL, r->journal, NULL, NULL);
	cfg.journal = r->journal;
	cfg.sync = &r->sync;
	cfg.tenders[CORE_TENDER_CARD] =
	    (struct payments_tender){.ops = &canned_tender, .impl = &r->party};
	cfg.on_progress = shown;
	cfg.progress_ctx = r;
	r->party.ready = true;
	if (payments_open(&cfg, &r->ps))
		return -1;
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	struct rig *r = *state;

	payments_close(r->ps);
	outbox_close(r->outbox);
	journal_close(r->journal);
	fs_remove_tree(r->dir);
	free(r);
	return 0;
}

static void pay(struct rig *r, int64_t cents, struct core_event *ev)
{
	struct core_effect fx = {.type = CORE_FX_PAY, .request_id = 42, .amount_cents = cents};

	snprintf(fx.bill.customer_number, sizeof(fx.bill.customer_number), "100200300");
	assert_true(payments_pay(r->ps, &fx, ev));
	assert_int_equal(ev->type, CORE_EV_PAY_DONE);
	assert_int_equal(ev->request_id, 42);
}

static struct journal_payment journaled(struct rig *r)
{
	struct journal_payment p;

	assert_int_equal(journal_get(r->journal, payments_current(r->ps)->key, &p), 0);
	return p;
}

static int64_t pending_items(struct rig *r)
{
	struct outbox_stats st;

	assert_int_equal(outbox_get_stats(r->outbox, &st), 0);
	return st.pending;
}

static void test_approved(void **state)
{
	struct rig *r = *state;
	struct core_event ev;
	struct journal_payment p;

	r->party.start_res[0] = verdict(TENDER_APPROVED, 8417, "K12345678");
	r->party.n_start = 1;
	pay(r, 8417, &ev);
	assert_int_equal(ev.failure, CORE_FAIL_NONE);
	assert_int_equal(ev.outcome, CORE_OUTCOME_APPROVED);
	assert_string_equal(ev.reference, "K12345678");
	p = journaled(r);
	assert_int_equal(p.state, JOURNAL_APPROVED);
	assert_string_equal(p.reference, "K12345678");
	assert_int_equal(p.amount_cents, 8417);
	assert_string_equal(p.last4, "1111");
	assert_string_equal(r->party.keys[0], p.idempotency_key);
	assert_true(payments_current(r->ps)->valid);
	/* The resident leaves without a receipt: the portal hears what was shown, once. */
	payments_end_session(r->ps);
	assert_int_equal(pending_items(r), 1);
	assert_false(payments_current(r->ps)->valid);
	payments_end_session(r->ps);
	assert_int_equal(pending_items(r), 1);
}

static void test_declined(void **state)
{
	struct rig *r = *state;
	struct core_event ev;

	r->party.start_res[0] = verdict(TENDER_DECLINED, 500, "K2");
	snprintf(r->party.start_res[0].message, sizeof(r->party.start_res[0].message),
		 "Insufficient funds");
	r->party.n_start = 1;
	pay(r, 500, &ev);
	assert_int_equal(ev.outcome, CORE_OUTCOME_DECLINED);
	assert_string_equal(ev.text, "Insufficient funds");
	assert_int_equal(journaled(r).state, JOURNAL_DECLINED);
}

/* The portal is down: asked three times, resent twice under the same key, never charged. */
static void test_portal_down(void **state)
{
	struct rig *r = *state;
	struct core_event ev;

	r->party.start_rc[0] = KIOSK_ENET;
	r->party.n_start = 1;
	r->party.status_rc[0] = KIOSK_ENOTFOUND;
	r->party.n_status = 1;
	pay(r, 100, &ev);
	assert_int_equal(ev.failure, CORE_FAIL_UNREACHABLE);
	assert_int_equal(r->party.starts, 3);
	assert_int_equal(r->party.resends, 2);
	assert_int_equal(r->party.statuses, 3);
	assert_string_equal(r->party.keys[1], r->party.keys[0]);
	assert_string_equal(r->party.keys[2], r->party.keys[0]);
	assert_false(payments_current(r->ps)->valid);
	struct journal_payment p;
	assert_int_equal(journal_get(r->journal, r->party.keys[0], &p), 0);
	assert_int_equal(p.state, JOURNAL_FAILED);
	/* The card served its one attempt. */
	assert_null(payments_card(r->ps));
}

/* The answer is lost and the portal cannot say: in doubt, with a reference the resident can
 * quote; the next recovery pass settles it from the portal's record and the portal hears
 * that the resident was told "in doubt". */
static void test_in_doubt_then_settled(void **state)
{
	struct rig *r = *state;
	struct core_event ev;
	struct journal_payment p;
	char key[40];

	r->party.start_rc[0] = KIOSK_ETIMEDOUT;
	r->party.n_start = 1;
	r->party.status_rc[0] = KIOSK_ESERVER;
	r->party.n_status = 1;
	pay(r, 2500, &ev);
	assert_int_equal(ev.failure, CORE_FAIL_NONE);
	assert_int_equal(ev.outcome, CORE_OUTCOME_IN_DOUBT);
	p = journaled(r);
	snprintf(key, sizeof(key), "%s", p.idempotency_key);
	assert_int_equal(p.state, JOURNAL_IN_DOUBT);
	assert_int_equal(strncmp(ev.reference, "Q-", 2), 0);
	for (int i = 0; i < 8; i++)
		assert_int_equal(ev.reference[2 + i], key[i] >= 'a' ? key[i] - 32 : key[i]);
	assert_true(payments_due_ms(r->ps) > 0); /* a background pass is scheduled */

	/* Still down: stays open. */
	assert_int_equal(payments_recover(r->ps), 1);
	assert_int_equal(journaled(r).state, JOURNAL_IN_DOUBT);

	/* Back: the record says approved. */
	r->party.statuses = 0;
	r->party.status_rc[0] = 0;
	r->party.status_res[0] = verdict(TENDER_APPROVED, 2500, "K55");
	payments_background(r->ps);
	assert_int_equal(payments_due_ms(r->ps), -1);
	assert_int_equal(journal_get(r->journal, key, &p), 0);
	assert_int_equal(p.state, JOURNAL_APPROVED);
	assert_string_equal(p.reference, "K55");
	assert_int_equal(pending_items(r), 1); /* "in_doubt" was shown: the portal hears it */
	/* Recovery never resends. */
	assert_int_equal(r->party.starts, 1);
}

/* What a power cut leaves: a payment journaled but never sent, one sent whose answer was
 * never recorded, one sent that the portal never saw (within and past the grace time). */
static void test_crash_recovery(void **state)
{
	struct rig *r = *state;
	static const char *keys[] = {"crash-created", "crash-sent", "crash-young"};
	struct payments_config later = {
	    .journal = r->journal,
	    .sync = &r->sync,
	    .grace_s = 0,
	    .tenders[CORE_TENDER_CARD] = {.ops = &canned_tender, .impl = &r->party}};
	struct payments *after_grace = NULL;
	struct journal_payment p;

	for (int i = 0; i < 3; i++) {
		memset(&p, 0, sizeof(p));
		snprintf(p.idempotency_key, sizeof(p.idempotency_key), "%s", keys[i]);
		snprintf(p.customer_number, sizeof(p.customer_number), "100200300");
		snprintf(p.tender, sizeof(p.tender), "canned"); /* the tender that took it */
		p.amount_cents = 100;
		assert_int_equal(journal_create(r->journal, &p), 0);
		if (i > 0)
			assert_int_equal(journal_set_state(r->journal, keys[i], JOURNAL_SENT, NULL),
					 0);
	}
	/* The canned record: approved for the second, never seen for the third (asked twice). */
	r->party.status_res[0] = verdict(TENDER_APPROVED, 100, "K77");
	r->party.status_rc[1] = KIOSK_ENOTFOUND;
	r->party.status_rc[2] = KIOSK_ENOTFOUND;
	r->party.n_status = 3;
	/* "crash-young" was sent just now: its request may still arrive. */
	assert_int_equal(payments_recover(r->ps), 1);
	assert_int_equal(journal_get(r->journal, "crash-created", &p), 0);
	assert_int_equal(p.state, JOURNAL_FAILED);
	assert_int_equal(journal_get(r->journal, "crash-sent", &p), 0);
	assert_int_equal(p.state, JOURNAL_APPROVED);
	assert_string_equal(p.reference, "K77");
	assert_int_equal(journal_get(r->journal, "crash-young", &p), 0);
	assert_int_equal(p.state, JOURNAL_SENT);
	assert_int_equal(r->party.starts, 0);
	assert_int_equal(pending_items(r), 0); /* nobody was told "in doubt" about these */

	/* Once the grace time is over, "never saw it" is final: nothing was charged. */
	assert_int_equal(payments_open(&later, &after_grace), 0);
	assert_int_equal(payments_recover(after_grace), 0);
	assert_int_equal(journal_get(r->journal, "crash-young", &p), 0);
	assert_int_equal(p.state, JOURNAL_FAILED);
	assert_int_equal(r->party.starts, 0);
	payments_close(after_grace);
}

static int count_one(const struct journal_payment *p, void *ctx)
{
	(void)p;
	(*(int *)ctx)++;
	return 0;
}

static void test_no_card(void **state)
{
	struct rig *r = *state;
	struct core_event ev;
	int count = 0;

	r->party.ready = false;
	pay(r, 100, &ev);
	assert_int_equal(ev.failure, CORE_FAIL_BAD_SWIPE);
	assert_int_equal(r->party.starts, 0);
	assert_false(payments_current(r->ps)->valid);
	/* Nothing was journaled either. */
	assert_int_equal(journal_each_payment(r->journal, count_one, &count), 0);
	assert_int_equal(count, 0);
}

/* A printer that keeps the last receipt it was given. */
struct paper {
	struct receipt last;
	int printed;
	int rc;
};

static int p_print(void *impl, const struct receipt *rcpt, receipt_tr_fn tr)
{
	struct paper *pp = impl;

	(void)tr;
	if (pp->rc)
		return pp->rc;
	pp->last = *rcpt;
	pp->printed++;
	return 0;
}

static int p_status(void *impl, struct printer_status *st)
{
	(void)impl;
	memset(st, 0, sizeof(*st));
	st->present = st->online = true;
	return 0;
}

static const struct printer_ops paper_ops = {.print = p_print, .status = p_status};

static void test_receipt(void **state)
{
	struct rig *r = *state;
	struct paper paper = {.rc = KIOSK_EPAPER};
	struct receipts_env env = {
	    .pops = &paper_ops, .pimpl = &paper, .header = "CITY", .kiosk_id = "KIOSK-1"};
	struct core_event ev;

	r->party.start_res[0] = verdict(TENDER_APPROVED, 1999, "K31");
	r->party.n_start = 1;
	pay(r, 1999, &ev);
	payments_print(r->ps, &env, &ev);
	assert_int_equal(ev.type, CORE_EV_PRINT_DONE);
	assert_int_equal(ev.failure, CORE_FAIL_PAPER_OUT);
	assert_int_equal(journaled(r).state, JOURNAL_APPROVED);
	assert_int_equal(pending_items(r), 0);

	paper.rc = 0;
	payments_print(r->ps, &env, &ev);
	assert_int_equal(ev.failure, CORE_FAIL_NONE);
	assert_int_equal(paper.printed, 1);
	assert_int_equal(paper.last.amount_cents, 1999);
	assert_string_equal(paper.last.last4, "1111");
	assert_string_equal(paper.last.reference, "K31");
	assert_int_equal(paper.last.outcome, RECEIPT_APPROVED);
	assert_int_equal(journaled(r).state, JOURNAL_RECEIPT_PRINTED);
	assert_int_equal(pending_items(r), 1);
	/* A second copy is not news to the journal or the portal. */
	payments_print(r->ps, &env, &ev);
	assert_int_equal(paper.printed, 2);
	assert_int_equal(journaled(r).state, JOURNAL_RECEIPT_PRINTED);
	payments_end_session(r->ps);
	assert_int_equal(pending_items(r), 1);
	/* No payment, no receipt. */
	payments_print(r->ps, &env, &ev);
	assert_int_equal(ev.failure, CORE_FAIL_PRINTER);
	assert_int_equal(paper.printed, 2);
}

/* A receipt states its date as residents read it, in the resident's language, with the time:
 * the printed one (from the payment's own moment) and a staff reprint (from the journal). */
static void test_receipt_date(void **state)
{
	static const char *const en[12] = {"January",	"February", "March",	"April",
					   "May",	"June",	    "July",	"August",
					   "September", "October",  "November", "December"};
	struct rig *r = *state;
	struct paper paper = {0};
	struct receipts_env env = {
	    .pops = &paper_ops, .pimpl = &paper, .header = "CITY", .kiosk_id = "KIOSK-1"};
	struct journal_payment jp;
	struct receipt copy;
	struct core_event ev;
	char want[64];
	struct tm tm;
	time_t when;

	r->party.start_res[0] = verdict(TENDER_APPROVED, 1999, "K32");
	r->party.n_start = 1;
	pay(r, 1999, &ev);
	payments_print(r->ps, &env, &ev);
	assert_int_equal(paper.printed, 1);
	when = payments_current(r->ps)->when;
	localtime_r(&when, &tm);
	snprintf(want, sizeof(want), "%s %d, %d %02d:%02d", en[tm.tm_mon], tm.tm_mday,
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
	assert_string_equal(paper.last.when, want);

	/* In Spanish, and a reprint from the journal in either language (local time: UTC). */
	assert_int_equal(i18n_init(KIOSK_LOCALE_DIR), 0);
	env.lang = I18N_ES;
	payments_print(r->ps, &env, &ev);
	assert_non_null(strstr(paper.last.when, " de 20"));
	assert_null(strstr(paper.last.when, en[tm.tm_mon]));
	setenv("TZ", "UTC", 1);
	tzset();
	memset(&jp, 0, sizeof(jp));
	jp.state = JOURNAL_APPROVED;
	jp.created_at = 1797354300; /* 2026-12-15 17:05 UTC */
	assert_int_equal(admin_copy_receipt(&jp, "CITY", "KIOSK-1", I18N_EN, &copy), 0);
	assert_string_equal(copy.when, "December 15, 2026 17:05");
	jp.created_at = 1788422640; /* 2026-09-03 08:04 UTC */
	assert_int_equal(admin_copy_receipt(&jp, "CITY", "KIOSK-1", I18N_ES, &copy), 0);
	assert_string_equal(copy.when, "3 de septiembre de 2026 08:04");
}

/* A tender whose answer comes later (a terminal, a validator): reported as tender events. */
static void test_answer_later(void **state)
{
	struct rig *r = *state;
	struct core_effect fx = {.type = CORE_FX_PAY, .request_id = 7, .amount_cents = 5000};
	struct tender_event tev = {.type = TENDER_EV_PROGRESS};
	struct core_event ev;

	r->party.pending = true;
	r->party.n_start = 1;
	assert_false(payments_pay(r->ps, &fx, &ev));
	assert_int_equal(journaled(r).state, JOURNAL_SENT);
	tev.result.taken_cents = 2000;
	assert_false(payments_tender_event(r->ps, &tev, &ev));
	/* Journaled before the resident is told. */
	assert_int_equal(journaled(r).taken_cents, 2000);
	assert_int_equal(r->shown_cents, 2000);
	assert_string_equal(journaled(r).tender, "canned");
	tev.type = TENDER_EV_ANSWER;
	tev.result = verdict(TENDER_APPROVED, 5000, "C9");
	assert_true(payments_tender_event(r->ps, &tev, &ev));
	assert_int_equal(ev.type, CORE_EV_PAY_DONE);
	assert_int_equal(ev.request_id, 7);
	assert_int_equal(ev.outcome, CORE_OUTCOME_APPROVED);
	assert_int_equal(journaled(r).state, JOURNAL_APPROVED);
	/* A late report with nothing under way changes nothing. */
	assert_false(payments_tender_event(r->ps, &tev, &ev));
}

/* A second way to pay, in the registry beside the card: each payment uses the tender its
 * effect names, and is journaled under that tender's name; a way this kiosk does not offer
 * is refused with nothing journaled; recovery asks each payment's own tender. */
static const struct tender_ops canned_cash = {
    .name = "canned-cash",
    .party = "canned validator",
    .start = c_start,
    .status = c_status,
};

static void test_tender_per_payment(void **state)
{
	struct rig *r = *state;
	struct canned cash = {.n_start = 1, .n_status = 1};
	struct payments_config cfg = {.journal = r->journal, .sync = &r->sync, .grace_s = 0};
	struct payments *ps;
	struct core_effect fx = {.type = CORE_FX_PAY, .request_id = 9, .amount_cents = 2000};
	struct journal_payment p;
	struct core_event ev;

	cfg.tenders[CORE_TENDER_CARD] =
	    (struct payments_tender){.ops = &canned_tender, .impl = &r->party};
	cfg.tenders[CORE_TENDER_CASH] =
	    (struct payments_tender){.ops = &canned_cash, .impl = &cash};
	assert_int_equal(payments_open(&cfg, &ps), 0);
	assert_ptr_equal(payments_tender_for(ps, CORE_TENDER_CASH)->ops, &canned_cash);
	cash.start_res[0] = verdict(TENDER_APPROVED, 2000, "C1");
	r->party.start_res[0] = verdict(TENDER_APPROVED, 3000, "K1");
	r->party.n_start = 1;

	fx.tender = CORE_TENDER_CASH;
	assert_true(payments_pay(ps, &fx, &ev));
	assert_int_equal(ev.outcome, CORE_OUTCOME_APPROVED);
	assert_int_equal(cash.starts, 1);
	assert_int_equal(r->party.starts, 0);
	assert_int_equal(journal_get(r->journal, payments_current(ps)->key, &p), 0);
	assert_string_equal(p.tender, "canned-cash");

	fx.tender = CORE_TENDER_CARD;
	fx.amount_cents = 3000;
	assert_true(payments_pay(ps, &fx, &ev));
	assert_int_equal(ev.outcome, CORE_OUTCOME_APPROVED);
	assert_int_equal(r->party.starts, 1);
	assert_int_equal(journal_get(r->journal, payments_current(ps)->key, &p), 0);
	assert_string_equal(p.tender, "canned");
	payments_close(ps);

	/* Without cash in the registry, a cash payment is refused before anything is written. */
	cfg.tenders[CORE_TENDER_CASH] = (struct payments_tender){0};
	assert_int_equal(payments_open(&cfg, &ps), 0);
	assert_null(payments_tender_for(ps, CORE_TENDER_CASH));
	fx.tender = CORE_TENDER_CASH;
	assert_true(payments_pay(ps, &fx, &ev));
	assert_int_equal(ev.failure, CORE_FAIL_REFUSED);
	assert_int_equal(cash.starts, 1);
	payments_close(ps);

	/* A cash payment left "sent" by a crash is asked about through the cash tender only. */
	memset(&p, 0, sizeof(p));
	snprintf(p.idempotency_key, sizeof(p.idempotency_key), "crash-cash");
	snprintf(p.customer_number, sizeof(p.customer_number), "100200300");
	snprintf(p.tender, sizeof(p.tender), "canned-cash");
	p.amount_cents = 500;
	assert_int_equal(journal_create(r->journal, &p), 0);
	assert_int_equal(journal_set_state(r->journal, "crash-cash", JOURNAL_SENT, NULL), 0);
	cash.status_res[0] = verdict(TENDER_APPROVED, 500, "C9");
	cfg.tenders[CORE_TENDER_CASH] =
	    (struct payments_tender){.ops = &canned_cash, .impl = &cash};
	assert_int_equal(payments_open(&cfg, &ps), 0);
	r->party.statuses = 0;
	assert_int_equal(payments_recover(ps), 0);
	assert_int_equal(cash.statuses, 1);
	assert_int_equal(r->party.statuses, 0);
	assert_int_equal(journal_get(r->journal, "crash-cash", &p), 0);
	assert_int_equal(p.state, JOURNAL_APPROVED);
	payments_close(ps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_approved, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_declined, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_portal_down, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_in_doubt_then_settled, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_crash_recovery, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_card, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_receipt, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_receipt_date, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_answer_later, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_tender_per_payment, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
