/* The cash box as staff see it, as plain C over a real sqlite file: notes counted as the tender
 * hands them over; the box taken out outside service mode is an alarm that is audited once,
 * turns cash off and outlives a restart until staff clear it; taken out in service mode it is
 * not; stacker full, jam and fraud turn cash off with their own name; a swapped validator is
 * noticed by its serial across a restart; and the core's "Empty cash box" screen asks the
 * worker for the count, records the emptying and clears the alarm. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/core/core.h"
#include "app/service/cash_watch.h"

static char dir[64];
static char path[128];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/kiosk-cashwatch-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/cashbox.sqlite", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[160];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* A validator up, box in, no faults, serial 1234. */
static struct val_status ready(void)
{
	struct val_status st;

	memset(&st, 0, sizeof(st));
	st.up = true;
	st.cashbox_present = true;
	st.serial = 1234;
	memcpy(st.firmware, "0420", 5);
	return st;
}

static bool audited(const struct cash_watch_change *ch, const char *action, const char *detail)
{
	for (int i = 0; i < ch->n_audits; i++)
		if (!strcmp(ch->audits[i].action, action) &&
		    (!detail || strstr(ch->audits[i].detail, detail)))
			return true;
	return false;
}

static void note(struct cash_watch *w, int64_t cents)
{
	struct val_credit c = {.channel = 1, .cents = cents};

	cash_watch_note(w, "pay-1", &c);
}

static void test_counts_notes(void **state)
{
	struct cash_watch *w;
	struct core_cash_count c;

	(void)state;
	assert_int_equal(cash_watch_open(path, &w), 0);
	note(w, 2000);
	note(w, 2000);
	note(w, 500);
	assert_int_equal(cash_watch_count(w, &c), 0);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.d[0].cents, 500);
	assert_int_equal(c.d[0].count, 1);
	assert_int_equal(c.d[1].cents, 2000);
	assert_int_equal(c.d[1].count, 2);
	assert_int_equal(c.cents, 4500);
	assert_int_equal(cash_watch_empty(w, "kioskctl", 100, &c), 0);
	assert_int_equal(c.notes, 3);
	assert_int_equal(cash_watch_count(w, &c), 0);
	assert_int_equal(c.notes, 0);
	assert_int_equal(c.since, 100);
	/* the day still has them */
	assert_int_equal(cash_watch_day(w, 0, &c), 0);
	assert_int_equal(c.notes, 3);
	cash_watch_close(w);
}

static void test_box_removed_outside_service_is_an_alarm(void **state)
{
	struct cash_watch *w;
	struct cash_watch_change ch;
	struct val_status st = ready();
	struct core_service_status ss;
	char had[64];

	(void)state;
	assert_int_equal(cash_watch_open(path, &w), 0);
	assert_int_equal(cash_watch_problem(w), CORE_CASH_OFFLINE);
	cash_watch_device(w, &st, false, 10, &ch);
	assert_int_equal(ch.problem, CORE_CASH_OK);
	assert_true(ch.problem_changed);
	assert_int_equal(ch.n_audits, 0);
	st.cashbox_present = false;
	st.faults |= VAL_FAULT_CASHBOX_REMOVED;
	cash_watch_device(w, &st, false, 20, &ch);
	assert_int_equal(ch.problem, CORE_CASH_BOX_REMOVED);
	assert_true(audited(&ch, "cash_alarm", "outside service mode"));
	assert_string_not_equal(core_cash_problem_resident(ch.problem), "");
	/* the same status again: nothing new to audit */
	cash_watch_device(w, &st, false, 21, &ch);
	assert_int_equal(ch.n_audits, 0);
	assert_false(ch.problem_changed);
	/* put back: still off, the alarm holds until staff clear it */
	st.cashbox_present = true;
	cash_watch_device(w, &st, false, 30, &ch);
	assert_true(audited(&ch, "cashbox_replaced", NULL));
	assert_false(ch.clear_faults);
	assert_int_equal(ch.problem, CORE_CASH_BOX_REMOVED);
	cash_watch_status(w, &ss);
	assert_int_equal(ss.cash_alarm_at, 20);
	cash_watch_close(w);

	/* a restart: the validator comes up clean, the alarm is still on */
	assert_int_equal(cash_watch_open(path, &w), 0);
	st = ready();
	cash_watch_device(w, &st, false, 40, &ch);
	assert_int_equal(ch.problem, CORE_CASH_BOX_REMOVED);
	assert_int_equal(cash_watch_clear(w, had, sizeof(had)), 0);
	assert_string_equal(had, "cashbox_removed");
	assert_int_equal(cash_watch_problem(w), CORE_CASH_OK);
	cash_watch_device(w, &st, false, 50, &ch);
	assert_int_equal(ch.problem, CORE_CASH_OK);
	cash_watch_close(w);
}

/* Out and back in between two statuses the worker sees: the latched removal still counts. */
static void test_quick_out_and_in_is_an_alarm(void **state)
{
	struct cash_watch *w;
	struct cash_watch_change ch;
	struct val_status st = ready();

	(void)state;
	assert_int_equal(cash_watch_open(path, &w), 0);
	cash_watch_device(w, &st, false, 10, &ch);
	st.faults |= VAL_FAULT_CASHBOX_REMOVED;
	cash_watch_device(w, &st, false, 20, &ch);
	assert_true(audited(&ch, "cash_alarm", NULL));
	assert_true(audited(&ch, "cashbox_replaced", NULL));
	assert_int_equal(ch.problem, CORE_CASH_BOX_REMOVED);
	cash_watch_close(w);
}

static void test_box_out_in_service_mode_is_no_alarm(void **state)
{
	struct cash_watch *w;
	struct cash_watch_change ch;
	struct val_status st = ready();

	(void)state;
	assert_int_equal(cash_watch_open(path, &w), 0);
	cash_watch_device(w, &st, true, 10, &ch);
	st.cashbox_present = false;
	st.faults |= VAL_FAULT_CASHBOX_REMOVED;
	cash_watch_device(w, &st, true, 20, &ch);
	assert_int_equal(ch.problem, CORE_CASH_BOX_OUT);
	assert_false(audited(&ch, "cash_alarm", NULL));
	assert_true(audited(&ch, "cashbox_out", NULL));
	st.cashbox_present = true;
	cash_watch_device(w, &st, true, 30, &ch);
	/* back in: the validator may forget the removal */
	assert_true(ch.clear_faults);
	st.faults = 0;
	cash_watch_device(w, &st, true, 31, &ch);
	assert_int_equal(ch.problem, CORE_CASH_OK);
	cash_watch_close(w);
}

static void test_faults_turn_cash_off(void **state)
{
	static const struct {
		unsigned fault;
		enum core_cash_problem problem;
		const char *name;
	} cases[] = {
	    {VAL_FAULT_STACKER_FULL, CORE_CASH_STACKER_FULL, "stacker_full"},
	    {VAL_FAULT_JAM, CORE_CASH_JAM, "jam"},
	    {VAL_FAULT_FRAUD, CORE_CASH_FRAUD, "fraud"},
	};
	struct cash_watch *w;
	struct cash_watch_change ch;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct val_status st = ready();

		assert_int_equal(cash_watch_open(path, &w), 0);
		cash_watch_device(w, &st, false, 10, &ch);
		st.faults = cases[i].fault;
		cash_watch_device(w, &st, false, 20, &ch);
		assert_int_equal(ch.problem, cases[i].problem);
		assert_true(ch.problem_changed);
		assert_true(audited(&ch, "cash_disabled", cases[i].name));
		assert_string_equal(core_cash_problem_name(ch.problem), cases[i].name);
		assert_non_null(core_cash_problem_resident(ch.problem));
		/* staff cleared it and the validator agrees */
		st.faults = 0;
		cash_watch_device(w, &st, false, 30, &ch);
		assert_int_equal(ch.problem, CORE_CASH_OK);
		cash_watch_close(w);
	}
}

static void test_swapped_validator(void **state)
{
	struct cash_watch *w;
	struct cash_watch_change ch;
	struct val_status st = ready();
	char had[64];

	(void)state;
	assert_int_equal(cash_watch_open(path, &w), 0);
	cash_watch_device(w, &st, false, 10, &ch);
	assert_false(audited(&ch, "validator_swapped", NULL));
	cash_watch_close(w);
	/* after a restart, another serial answers */
	assert_int_equal(cash_watch_open(path, &w), 0);
	st.serial = 9999;
	cash_watch_device(w, &st, false, 20, &ch);
	assert_true(audited(&ch, "validator_swapped", "serial 9999, was 1234"));
	assert_int_equal(ch.problem, CORE_CASH_SWAPPED);
	cash_watch_device(w, &st, false, 21, &ch);
	assert_false(audited(&ch, "validator_swapped", NULL));
	assert_int_equal(cash_watch_clear(w, had, sizeof(had)), 0);
	assert_string_equal(had, "validator_swapped");
	cash_watch_device(w, &st, false, 30, &ch);
	assert_int_equal(ch.problem, CORE_CASH_OK);
	cash_watch_close(w);
}

/* ---- the core's Empty cash box screen ---- */

static struct core_effects fx;

static void send(struct core_state *s, const struct core_event *ev)
{
	core_handle(s, ev, &fx);
}

static void action(struct core_state *s, enum core_service_action a, int64_t now)
{
	struct core_event ev = {.type = CORE_EV_SERVICE_ACTION, .choice = (int)a, .now_ms = now};

	send(s, &ev);
}

static const struct core_effect *service_fx(void)
{
	for (int i = 0; i < fx.count; i++)
		if (fx.fx[i].type == CORE_FX_SERVICE)
			return &fx.fx[i];
	return NULL;
}

static void test_core_empty_cash_box(void **state)
{
	struct core_state s;
	struct core_event ev;
	struct core_config cfg;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.cash = true;
	cfg.service_idle_ms = 120000;
	cfg.idle_ms = 60000;
	cfg.warning_ms = 20000;
	cfg.toast_ms = 6000;
	core_init(&s, &cfg, 0);
	memset(&ev, 0, sizeof(ev));
	ev.type = CORE_EV_SERVICE_HOLD;
	ev.now_ms = 10;
	send(&s, &ev);
	ev.type = CORE_EV_SERVICE_DONE;
	ev.op = CORE_SOP_CHECK_PIN;
	s.busy = CORE_BUSY_SERVICE;
	send(&s, &ev);
	assert_string_equal(core_screen_id(&s), "service-home");
	/* Recording before the count is on screen does nothing */
	action(&s, CORE_SVC_CASHBOX_EMPTIED, 20);
	assert_null(service_fx());
	action(&s, CORE_SVC_CASHBOX, 30);
	assert_string_equal(core_screen_id(&s), "service-cashbox");
	assert_non_null(service_fx());
	assert_int_equal(service_fx()->op, CORE_SOP_CASHBOX);
	memset(&ev, 0, sizeof(ev));
	ev.type = CORE_EV_SERVICE_DONE;
	ev.op = CORE_SOP_CASHBOX;
	ev.now_ms = 40;
	ev.report.cash.n = 1;
	ev.report.cash.d[0].cents = 2000;
	ev.report.cash.d[0].count = 3;
	ev.report.cash.notes = 3;
	ev.report.cash.cents = 6000;
	ev.status.cash = CORE_CASH_STACKER_FULL;
	send(&s, &ev);
	assert_true(s.svc.cashbox_loaded);
	assert_int_equal(s.svc.cashbox.d[0].count, 3);
	assert_int_equal(s.svc.status.cash, CORE_CASH_STACKER_FULL);
	action(&s, CORE_SVC_CASHBOX_EMPTIED, 50);
	assert_non_null(service_fx());
	assert_int_equal(service_fx()->op, CORE_SOP_EMPTY_CASHBOX);
	ev.op = CORE_SOP_EMPTY_CASHBOX;
	ev.now_ms = 60;
	ev.status.cash = CORE_CASH_OK;
	send(&s, &ev);
	assert_true(s.svc.cashbox_emptied);
	assert_non_null(s.notice.msgid);
	assert_non_null(strstr(s.notice.arg, "$60.00"));
	/* recorded once: a second tap does nothing */
	action(&s, CORE_SVC_CASHBOX_EMPTIED, 70);
	assert_null(service_fx());
	/* the problem reaches the core wherever it is */
	memset(&ev, 0, sizeof(ev));
	ev.type = CORE_EV_CASH_PROBLEM;
	ev.choice = CORE_CASH_JAM;
	send(&s, &ev);
	assert_int_equal(s.cash_problem, CORE_CASH_JAM);
	assert_false(core_cash_usable(&s));
	/* it outlives a resident's session, wiped when it ends */
	action(&s, CORE_SVC_EXIT, 80);
	assert_string_equal(core_screen_id(&s), "welcome");
	s.screen = CORE_SCREEN_GUEST_LOOKUP;
	memset(&ev, 0, sizeof(ev));
	ev.type = CORE_EV_SERVICE_HOLD; /* wipes what the resident left */
	ev.now_ms = 90;
	send(&s, &ev);
	assert_string_equal(core_screen_id(&s), "service-pin");
	assert_int_equal(s.cash_problem, CORE_CASH_JAM);
	memset(&ev, 0, sizeof(ev));
	ev.type = CORE_EV_CASH_PROBLEM;
	ev.choice = CORE_CASH_OK;
	send(&s, &ev);
	assert_false(core_cash_usable(&s)); /* the validator has not said it is ready */
	memset(&ev, 0, sizeof(ev));
	ev.type = CORE_EV_CASH_AVAILABLE;
	ev.choice = 1;
	send(&s, &ev);
	assert_true(core_cash_usable(&s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_counts_notes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_box_removed_outside_service_is_an_alarm, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_quick_out_and_in_is_an_alarm, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_box_out_in_service_mode_is_no_alarm, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_faults_turn_cash_off, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_swapped_validator, setup, teardown),
	    cmocka_unit_test(test_core_empty_cash_box),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
