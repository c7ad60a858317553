/* Tests for the cash tender (app/payments/cash_tender): the real validator state machine against
 * the emulated ITL device (byte for byte, eSSP with encryption, a simulated clock) and a real
 * sqlite journal and outbox. Limits at escrow with the reason for the resident; every credited
 * note journaled before the device hears it was taken; a credit the device offers again after
 * the kiosk restarted counted once; a credit the journal could not take offered again and
 * counted once; Done answers with what the notes came to, and the posting is made of them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/fsutil.h"
#include "app/payments/cash_tender.h"
#include "app/store/cash_notes.h"
#include "app/store/journal.h"
#include "drivers/cash/essp_emu.h"
#include "drivers/cash/ssp.h"
#include "drivers/cash/validator.h"

#define KEY "cafe0000cafe0000cafe0000cafe0001"

struct rig {
	char dir[256];
	char journal_path[300];
	struct journal *journal;
	struct essp_emu *emu;
	struct validator *v;
	struct cash_tender *ct;
	struct val_out out;
	int64_t now;
	/* what the tender told the kiosk */
	int reports;
	int64_t reported_cents;
	int64_t journaled_at_report; /* taken_cents in the journal when the report came */
	enum core_cash_refusal refused[8];
	char refused_arg[8][24];
	int n_refused;
	uint8_t device_last_at_report; /* the device's last command when the report came */
	bool drop_ack; /* the kiosk "dies" before the next EVENT ACK reaches the device */
};

static int64_t journal_taken(struct rig *r)
{
	struct journal_payment p;

	assert_int_equal(journal_get(r->journal, KEY, &p), 0);
	return p.taken_cents;
}

static void on_report(void *ctx, const struct tender_event *ev)
{
	struct rig *r = ctx;
	struct essp_emu_stats es;

	r->reports++;
	r->reported_cents = ev->result.taken_cents;
	/* Written and committed before anyone hears of it (the hook still holds the device's
	 * acknowledgement back: it returns after this). */
	r->journaled_at_report = journal_taken(r);
	essp_emu_stats(r->emu, &es);
	r->device_last_at_report = es.last_command;
}

static void on_refused(void *ctx, enum core_cash_refusal why, const char *arg)
{
	struct rig *r = ctx;

	r->refused[r->n_refused] = why;
	snprintf(r->refused_arg[r->n_refused], sizeof(r->refused_arg[0]), "%s", arg);
	r->n_refused++;
}

/* The wire and the clock for ms. */
static void pump(struct rig *r, int64_t ms)
{
	int64_t until = r->now + ms;

	while (r->now < until) {
		struct val_event ev = {.now_ms = r->now};
		uint8_t reply[SSP_MAX_WIRE];
		size_t n = 0;

		if (r->out.tx_len) {
			if (r->drop_ack && r->out.tx_len &&
			    validator_state(r->v) == VAL_EVENT_ACK) {
				/* The process died here: the ack never left. */
				r->out.tx_len = 0;
				return;
			}
			assert_int_equal(essp_emu_feed(r->emu, r->now, r->out.tx, r->out.tx_len,
						       reply, sizeof(reply), &n),
					 0);
			r->out.tx_len = 0;
		}
		if (n) {
			ev.kind = VAL_EV_BYTES;
			ev.bytes = reply;
			ev.len = n;
		} else {
			r->now = r->out.wake_ms > r->now ? r->out.wake_ms : r->now + 1;
			if (r->now > until)
				r->now = until;
			ev.now_ms = r->now;
			ev.kind = VAL_EV_TICK;
		}
		validator_event(r->v, &ev, &r->out);
	}
}

/* The cash_ops the tender drives: straight into the validator, then the wire runs a while. */
static int o_accepting(void *impl, bool on)
{
	struct rig *r = impl;
	struct val_event ev = {.kind = VAL_EV_ACCEPTING, .now_ms = r->now, .on = on};

	validator_event(r->v, &ev, &r->out);
	pump(r, 1500);
	return 0;
}

static int o_status(void *impl, struct val_status *out)
{
	validator_status(((struct rig *)impl)->v, out);
	return 0;
}

static const struct cash_ops rig_ops = {.accepting = o_accepting, .status = o_status};

/* A kiosk process: the tender and the validator, on the device that outlives it. */
static void kiosk_up(struct rig *r, const struct cash_limits *limits)
{
	struct cash_tender_config cc = {.journal_path = r->journal_path,
					.report = on_report,
					.report_ctx = r,
					.refused = on_refused,
					.refused_ctx = r,
					.finish_wait_ms = 50};
	struct val_config vc = {.reply_ms = 100, .retries = 3, .reconnect_ms = 500};
	struct val_hooks hooks;
	struct val_event ev = {.kind = VAL_EV_START};

	if (limits)
		cc.limits = *limits;
	assert_int_equal(cash_tender_open(&cc, &r->ct), 0);
	cash_tender_hooks(r->ct, &hooks);
	assert_int_equal(validator_new(&vc, &hooks, &r->v), 0);
	cash_tender_attach(r->ct, &rig_ops, r);
	memset(&r->out, 0, sizeof(r->out));
	ev.now_ms = r->now;
	validator_event(r->v, &ev, &r->out);
	pump(r, 2000);
}

static void kiosk_down(struct rig *r)
{
	validator_free(r->v);
	r->v = NULL;
	cash_tender_close(r->ct);
	r->ct = NULL;
}

static int setup(void **state)
{
	struct rig *r = calloc(1, sizeof(*r));
	struct journal_payment p = {.amount_cents = 2500};
	const char *tmp = getenv("TMPDIR");

	snprintf(r->dir, sizeof(r->dir), "%s/kiosk-cash-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(r->dir))
		return -1;
	snprintf(r->journal_path, sizeof(r->journal_path), "%s/journal.sqlite", r->dir);
	if (journal_open(r->journal_path, &r->journal) ||
	    essp_emu_new(&(struct essp_emu_config){0}, &r->emu))
		return -1;
	/* The payment the notes count in, journaled and sent as the payment service does. */
	snprintf(p.idempotency_key, sizeof(p.idempotency_key), KEY);
	snprintf(p.customer_number, sizeof(p.customer_number), "100200300");
	snprintf(p.tender, sizeof(p.tender), "cash");
	if (journal_create(r->journal, &p) ||
	    journal_set_state(r->journal, KEY, JOURNAL_SENT, NULL))
		return -1;
	r->now = 1000;
	*state = r;
	return 0;
}

static int teardown(void **state)
{
	struct rig *r = *state;

	if (r->ct)
		kiosk_down(r);
	essp_emu_free(r->emu);
	journal_close(r->journal);
	fs_remove_tree(r->dir);
	free(r);
	return 0;
}

static void start(struct rig *r)
{
	struct tender_request rq = {
	    .key = KEY, .customer_number = "100200300", .amount_cents = 2500};
	struct tender_result res;

	assert_int_equal(cash_tender_ops.prepare(r->ct, &res), 0);
	assert_int_equal(cash_tender_ops.start(r->ct, &rq, false, &res), 0);
	assert_true(res.pending);
}

static void insert(struct rig *r, int dollars)
{
	assert_int_equal(essp_emu_insert(r->emu, dollars, false), 0);
	pump(r, 3000);
}

static int64_t notes_total(struct rig *r)
{
	struct portal_cash_note notes[8];
	int64_t total = 0;
	int n = 0;

	assert_int_equal(cash_tender_notes(r->ct, KEY, notes, 8, &n), 0);
	for (int i = 0; i < n; i++)
		total += notes[i].cents * notes[i].count;
	return total;
}

/* Denominations, the most per payment and the most credit: each note outside them goes back
 * with its reason; the rest are journaled before they are reported. Done answers with the
 * notes, and the posting carries them and the credit. */
static void test_limits_and_done(void **state)
{
	struct rig *r = *state;
	struct cash_limits l = {.denominations = {100, 500, 1000, 2000},
				.n_denominations = 4,
				.max_payment_cents = 4000,
				.max_credit_cents = 500};
	struct tender_request rq = {
	    .key = KEY, .customer_number = "100200300", .amount_cents = 2500};
	struct tender_result res;
	char body[512];
	struct essp_emu_stats es;

	kiosk_up(r, &l);
	start(r);
	insert(r, 50); /* not a denomination this kiosk takes */
	assert_int_equal(r->n_refused, 1);
	assert_int_equal(r->refused[0], CORE_CASH_REFUSED_DENOMINATION);
	assert_string_equal(r->refused_arg[0], "50.00");
	insert(r, 20);
	assert_int_equal(r->reports, 1);
	assert_int_equal(r->reported_cents, 2000);
	assert_int_equal(r->journaled_at_report, 2000);
	/* The device had only been polled: its EVENT ACK came after the journal had the note. */
	assert_int_equal(r->device_last_at_report, SSP_CMD_POLL_ACK);
	insert(r, 10); /* $30 of $25: $5 over, the most credit */
	assert_int_equal(r->reports, 2);
	assert_int_equal(r->journaled_at_report, 3000);
	insert(r, 5); /* $10 over */
	assert_int_equal(r->n_refused, 2);
	assert_int_equal(r->refused[1], CORE_CASH_REFUSED_MAX_CREDIT);
	assert_string_equal(r->refused_arg[1], "5.00");
	essp_emu_stats(r->emu, &es);
	assert_int_equal(es.stacked, 2);
	assert_int_equal(es.rejected, 2);

	assert_int_equal(cash_tender_ops.abort(r->ct, &rq, &res), 0);
	assert_int_equal(res.verdict, TENDER_APPROVED);
	assert_int_equal(res.taken_cents, 3000);
	assert_int_equal(res.amount_cents, 2500); /* the amount asked: the machine posts it */
	assert_true(cash_tender_ops.post_to_portal);
	assert_int_equal(cash_tender_ops.posting(r->ct, &rq, body, sizeof(body)), 0);
	assert_non_null(strstr(body, "\"tender\":\"cash\""));
	assert_non_null(strstr(body, "\"amount_cents\":3000"));
	assert_non_null(strstr(body, "\"amount_due_cents\":2500"));
	assert_non_null(strstr(body, "\"credit_cents\":500"));
	assert_non_null(strstr(body, "{\"cents\":1000,\"count\":1}"));
	assert_non_null(strstr(body, "{\"cents\":2000,\"count\":1}"));
	/* After a crash the journal's notes are the answer: the same approval. */
	assert_int_equal(cash_tender_ops.status(r->ct, &rq, &res), 0);
	assert_int_equal(res.verdict, TENDER_APPROVED);
	assert_int_equal(res.taken_cents, 3000);
	/* Closed: a note now goes back. */
	essp_emu_insert(r->emu, 1, false);
	pump(r, 3000);
	assert_int_equal(notes_total(r), 3000);
}

/* The most per payment. */
static void test_max_payment(void **state)
{
	struct rig *r = *state;
	struct cash_limits l = {.max_payment_cents = 2000, .max_credit_cents = 10000};

	kiosk_up(r, &l);
	start(r);
	insert(r, 20);
	insert(r, 1);
	assert_int_equal(r->reports, 1);
	assert_int_equal(r->n_refused, 1);
	assert_int_equal(r->refused[0], CORE_CASH_REFUSED_MAX_PAYMENT);
	assert_string_equal(r->refused_arg[0], "20.00");
	assert_int_equal(journal_taken(r), 2000);
}

/* The kiosk dies after journaling a note and before its EVENT ACK reaches the device; the
 * device offers the credit again to the next process, which finds it in the journal, and dies
 * too before its ack; the third finds it again: the note counts once. A new note after that
 * counts as usual. */
static void test_restart_dedup(void **state)
{
	struct rig *r = *state;
	struct cash_limits l = {.max_credit_cents = 10000};

	kiosk_up(r, &l);
	start(r);
	r->drop_ack = true;
	assert_int_equal(essp_emu_insert(r->emu, 20, false), 0);
	pump(r, 3000);
	assert_int_equal(r->reports, 1);
	assert_int_equal(journal_taken(r), 2000);
	kiosk_down(r); /* the crash */

	kiosk_up(r, &l); /* offered again, recognised, and the kiosk dies again before the ack */
	assert_int_equal(notes_total(r), 2000);
	kiosk_down(r);
	r->drop_ack = false;
	kiosk_up(r, &l); /* the device offers the credit a third time */
	assert_int_equal(r->reports, 1);
	assert_int_equal(notes_total(r), 2000);
	assert_int_equal(journal_taken(r), 2000);
	start(r);
	insert(r, 5);
	assert_int_equal(notes_total(r), 2500);
}

/* A credit the device made while no process knew of it (the kiosk died between the device's
 * credit and the journal): offered again after the restart, it is not in the journal, so it
 * is journaled then, into the payment that was under way. */
static void test_restart_unjournaled(void **state)
{
	struct rig *r = *state;
	struct cash_limits l = {.max_credit_cents = 10000};

	kiosk_up(r, &l);
	start(r);
	insert(r, 10);
	assert_int_equal(notes_total(r), 1000);
	kiosk_down(r);
	/* A second note goes in and is credited by the device, but nobody journals it: the
	 * process is gone before the poll's answer is read. Simulated by polling the device
	 * directly with a validator whose hooks are someone else's (dropped). */
	{
		struct val_config vc = {.reply_ms = 100, .retries = 3, .reconnect_ms = 500};
		struct val_hooks none = {0};
		struct val_event ev = {.kind = VAL_EV_START, .now_ms = r->now};

		assert_int_equal(validator_new(&vc, &none, &r->v), 0);
		validator_event(r->v, &ev, &r->out);
		pump(r, 2000);
		ev.kind = VAL_EV_ACCEPTING;
		ev.on = true;
		ev.now_ms = r->now;
		validator_event(r->v, &ev, &r->out);
		pump(r, 1000);
		assert_int_equal(essp_emu_insert(r->emu, 5, false), 0);
		r->drop_ack = true; /* dies before the ack: the device keeps offering it */
		pump(r, 3000);
		r->drop_ack = false;
		validator_free(r->v);
		r->v = NULL;
	}
	kiosk_up(r, &l);
	assert_int_equal(notes_total(r), 1500);
	assert_int_equal(journal_taken(r), 1500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_limits_and_done, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_max_payment, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_restart_dedup, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_restart_unjournaled, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
