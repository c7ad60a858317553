/* Tests for drivers/sim/sim_cash: the simulated validator journeys will use, through the same
 * cash interface the USB validator has: notes credited, refused by the validator and by the
 * kiosk, held until the kiosk decides, a jam, the cash box taken out and cleared by staff. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include "app/common/err.h"
#include "drivers/sim/sim_cash.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SETTLE_MS 5000

struct record {
	pthread_mutex_t lock;
	enum val_decision decision;
	int64_t credits[8];
	int n_credits;
	int64_t rejected[8];
	char reasons[8][96];
	int n_rejected;
};

static enum val_decision on_escrow(void *ctx, int channel, int64_t cents, char *reason, size_t cap)
{
	struct record *r = ctx;
	enum val_decision d;

	(void)channel;
	pthread_mutex_lock(&r->lock);
	d = r->decision;
	pthread_mutex_unlock(&r->lock);
	if (d == VAL_REJECT_NOTE)
		snprintf(reason, cap, "Only $%lld notes today", (long long)(cents / 100 - 1));
	return d;
}

static int on_credit(void *ctx, const struct val_credit *c)
{
	struct record *r = ctx;

	pthread_mutex_lock(&r->lock);
	r->credits[r->n_credits++] = c->cents;
	pthread_mutex_unlock(&r->lock);
	return 0;
}

static void on_rejected(void *ctx, int64_t cents, const char *reason)
{
	struct record *r = ctx;

	pthread_mutex_lock(&r->lock);
	r->rejected[r->n_rejected] = cents;
	snprintf(r->reasons[r->n_rejected], sizeof(r->reasons[0]), "%s", reason);
	r->n_rejected++;
	pthread_mutex_unlock(&r->lock);
}

static struct sim_cash *open_sim(struct record *r)
{
	struct val_config cfg = {.poll_ms = 20, .idle_poll_ms = 50, .hold_ms = 100};
	struct val_hooks hooks = {
	    .escrow = on_escrow, .credit = on_credit, .rejected = on_rejected, .ctx = r};
	struct sim_cash *s;

	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&r->lock, NULL);
	assert_int_equal(sim_cash_open(&cfg, &hooks, NULL, &s), 0);
	assert_int_equal(sim_cash_settle(s, SETTLE_MS), 0);
	assert_int_equal(sim_cash_ops.accepting(s, true), 0);
	assert_int_equal(sim_cash_settle(s, SETTLE_MS), 0);
	return s;
}

static void close_sim(struct sim_cash *s, struct record *r)
{
	sim_cash_close(s);
	pthread_mutex_destroy(&r->lock);
}

static void test_notes(void **state)
{
	struct record r;
	struct sim_cash *s = open_sim(&r);
	struct val_status st;
	struct essp_emu_stats es;

	(void)state;
	assert_int_equal(sim_cash_ops.status(s, &st), 0);
	assert_true(st.up);
	assert_true(st.accepting);
	assert_int_equal(sim_cash_insert(s, 20, false), 0);
	assert_int_equal(sim_cash_settle(s, SETTLE_MS), 0);
	assert_int_equal(sim_cash_insert(s, 5, true), 0);
	assert_int_equal(sim_cash_settle(s, SETTLE_MS), 0);
	pthread_mutex_lock(&r.lock);
	r.decision = VAL_REJECT_NOTE;
	pthread_mutex_unlock(&r.lock);
	assert_int_equal(sim_cash_insert(s, 50, false), 0);
	assert_int_equal(sim_cash_settle(s, SETTLE_MS), 0);
	assert_int_equal(r.n_credits, 1);
	assert_int_equal(r.credits[0], 2000);
	assert_int_equal(r.n_rejected, 2);
	assert_non_null(strstr(r.reasons[0], "refused by the validator"));
	assert_int_equal(r.rejected[1], 5000);
	assert_string_equal(r.reasons[1], "Only $49 notes today");
	sim_cash_device_stats(s, &es);
	assert_int_equal(es.stacked_cents, 2000);
	assert_true(es.keyed);
	assert_int_equal(es.refused_plain, 0);
	close_sim(s, &r);
}

static void test_hold_then_decide(void **state)
{
	struct record r;
	struct sim_cash *s = open_sim(&r);
	struct essp_emu_stats es;

	(void)state;
	r.decision = VAL_WAIT;
	assert_int_equal(sim_cash_insert(s, 10, false), 0);
	/* Held: the note stays in escrow and nothing is credited while the kiosk thinks. */
	assert_int_equal(sim_cash_settle(s, 300), KIOSK_ETIMEDOUT);
	sim_cash_device_stats(s, &es);
	assert_true(es.escrow);
	assert_int_equal(r.n_credits, 0);
	assert_int_equal(sim_cash_ops.decide(s, true, NULL), 0);
	assert_int_equal(sim_cash_settle(s, SETTLE_MS), 0);
	assert_int_equal(r.n_credits, 1);
	assert_int_equal(r.credits[0], 1000);
	close_sim(s, &r);
}

static void test_jam_and_cashbox(void **state)
{
	struct record r;
	struct sim_cash *s = open_sim(&r);
	struct val_status st;

	(void)state;
	sim_cash_jam(s);
	assert_int_equal(sim_cash_settle(s, SETTLE_MS), 0);
	sim_cash_ops.status(s, &st);
	assert_true(st.faults & VAL_FAULT_JAM);
	assert_false(st.accepting);
	assert_int_equal(sim_cash_insert(s, 10, false), KIOSK_EBUSY);
	sim_cash_clear_jam(s);
	assert_int_equal(sim_cash_settle(s, SETTLE_MS), 0);
	sim_cash_ops.clear_faults(s);
	assert_int_equal(sim_cash_settle(s, SETTLE_MS), 0);
	sim_cash_ops.status(s, &st);
	assert_int_equal(st.faults, 0);
	assert_true(st.accepting);

	sim_cash_cashbox(s, false);
	assert_int_equal(sim_cash_settle(s, SETTLE_MS), 0);
	sim_cash_ops.status(s, &st);
	assert_true(st.faults & VAL_FAULT_CASHBOX_REMOVED);
	assert_false(st.accepting);
	/* Staff put it back; cash stays off until they say so in service mode. */
	sim_cash_cashbox(s, true);
	assert_int_equal(sim_cash_settle(s, SETTLE_MS), 0);
	sim_cash_ops.status(s, &st);
	assert_true(st.cashbox_present);
	assert_false(st.accepting);
	sim_cash_ops.clear_faults(s);
	assert_int_equal(sim_cash_settle(s, SETTLE_MS), 0);
	sim_cash_ops.status(s, &st);
	assert_int_equal(st.faults, 0);
	assert_true(st.accepting);
	assert_int_equal(sim_cash_insert(s, 100, false), 0);
	assert_int_equal(sim_cash_settle(s, SETTLE_MS), 0);
	assert_int_equal(r.n_credits, 1);
	assert_int_equal(r.credits[0], 10000);
	close_sim(s, &r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_notes),
	    cmocka_unit_test(test_hold_then_decide),
	    cmocka_unit_test(test_jam_and_cashbox),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
