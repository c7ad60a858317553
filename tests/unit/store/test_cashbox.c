/* Tests for app/store/cashbox on a real sqlite file: counts by denomination since the last
 * emptying, a note named twice counted once, counts that survive a reopen (a power cut after a
 * commit), an emptying that records who and when and starts from zero, the day's notes across
 * an emptying, the validator's serial (a swap reported once), the alarm latch, and two threads
 * writing at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/store/cashbox.h"

static char dir[64];
static char path[128];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/kiosk-cashbox-XXXXXX");
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

static void stack(struct cashbox *cb, const char *key, int64_t cents, int64_t at, bool want_added)
{
	bool added = !want_added;

	assert_int_equal(cashbox_note_stacked(cb, key, cents, at, &added), 0);
	assert_int_equal(added, want_added);
}

/* The count of one denomination, -1 when there is none. */
static int count_of(const struct cashbox_count *c, int64_t cents)
{
	for (int i = 0; i < c->n; i++)
		if (c->d[i].cents == cents)
			return c->d[i].count;
	return -1;
}

static void test_counts_by_denomination(void **state)
{
	struct cashbox *cb;
	struct cashbox_count c;

	(void)state;
	assert_int_equal(cashbox_open(path, &cb), 0);
	assert_int_equal(cashbox_count(cb, &c), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(c.since, 0);
	stack(cb, "pay-1:1", 2000, 100, true);
	stack(cb, "pay-1:2", 500, 101, true);
	stack(cb, "pay-1:3", 2000, 102, true);
	stack(cb, NULL, 0, 103, true); /* a channel the setup did not list */
	assert_int_equal(cashbox_count(cb, &c), 0);
	assert_int_equal(c.n, 3);
	/* smallest first: the unknown note, then $5, then $20 */
	assert_int_equal(c.d[0].cents, 0);
	assert_int_equal(c.d[1].cents, 500);
	assert_int_equal(c.d[2].cents, 2000);
	assert_int_equal(count_of(&c, 2000), 2);
	assert_int_equal(count_of(&c, 500), 1);
	assert_int_equal(count_of(&c, 0), 1);
	assert_int_equal(c.notes, 4);
	assert_int_equal(c.cents, 4500);
	assert_int_equal(cashbox_note_stacked(cb, NULL, -1, 104, &(bool){false}), KIOSK_EINVAL);
	cashbox_close(cb);
}

/* A credit offered again after a restart carries the same key: one note in the box. */
static void test_same_key_once(void **state)
{
	struct cashbox *cb;
	struct cashbox_count c;

	(void)state;
	assert_int_equal(cashbox_open(path, &cb), 0);
	stack(cb, "pay-7:1", 1000, 100, true);
	stack(cb, "pay-7:1", 1000, 200, false);
	stack(cb, NULL, 1000, 300, true);
	stack(cb, "", 1000, 300, true); /* "" names nothing: two notes */
	assert_int_equal(cashbox_count(cb, &c), 0);
	assert_int_equal(count_of(&c, 1000), 3);
	cashbox_close(cb);
}

/* Each note is committed when it is recorded: a reopen (the process died) finds them all. */
static void test_survives_reopen(void **state)
{
	struct cashbox *cb;
	struct cashbox_count c;

	(void)state;
	assert_int_equal(cashbox_open(path, &cb), 0);
	stack(cb, "a", 100, 1, true);
	stack(cb, "b", 10000, 2, true);
	cashbox_close(cb);
	assert_int_equal(cashbox_open(path, &cb), 0);
	stack(cb, "b", 10000, 3, false);
	assert_int_equal(cashbox_count(cb, &c), 0);
	assert_int_equal(c.notes, 2);
	assert_int_equal(c.cents, 10100);
	cashbox_close(cb);
}

static void test_empty_records_and_restarts(void **state)
{
	struct cashbox *cb;
	struct cashbox_count c, e;

	(void)state;
	assert_int_equal(cashbox_open(path, &cb), 0);
	stack(cb, "a", 2000, 100, true);
	stack(cb, "b", 100, 110, true);
	assert_int_equal(cashbox_empty(cb, "screen (staff PIN)", 500, &e), 0);
	/* what was expected in the box when it was emptied */
	assert_int_equal(e.notes, 2);
	assert_int_equal(e.cents, 2100);
	assert_int_equal(count_of(&e, 2000), 1);
	assert_int_equal(e.since, 0);
	assert_int_equal(cashbox_count(cb, &c), 0);
	assert_int_equal(c.n, 0);
	assert_int_equal(c.notes, 0);
	assert_int_equal(c.since, 500);
	assert_string_equal(c.last_who, "screen (staff PIN)");
	stack(cb, "c", 500, 600, true);
	/* a key the emptied box already had is still the same note */
	stack(cb, "a", 2000, 601, false);
	assert_int_equal(cashbox_empty(cb, "kioskctl", 700, &e), 0);
	assert_int_equal(e.notes, 1);
	assert_int_equal(e.since, 500);
	assert_string_equal(e.last_who, "screen (staff PIN)");
	/* an empty box emptied again: recorded, nothing in it */
	assert_int_equal(cashbox_empty(cb, "kioskctl", 800, &e), 0);
	assert_int_equal(e.notes, 0);
	cashbox_close(cb);
	assert_int_equal(cashbox_open(path, &cb), 0);
	assert_int_equal(cashbox_count(cb, &c), 0);
	assert_int_equal(c.since, 800);
	assert_string_equal(c.last_who, "kioskctl");
	cashbox_close(cb);
}

/* The day's cash counts every note stacked since the last close, emptied or not. */
static void test_stacked_since(void **state)
{
	struct cashbox *cb;
	struct cashbox_count c, e;

	(void)state;
	assert_int_equal(cashbox_open(path, &cb), 0);
	stack(cb, "yesterday", 2000, 50, true);
	stack(cb, "a", 2000, 150, true);
	assert_int_equal(cashbox_empty(cb, "screen", 160, &e), 0);
	stack(cb, "b", 500, 170, true);
	assert_int_equal(cashbox_stacked_since(cb, 100, &c), 0);
	assert_int_equal(c.since, 100);
	assert_int_equal(c.notes, 2);
	assert_int_equal(count_of(&c, 2000), 1);
	assert_int_equal(count_of(&c, 500), 1);
	assert_int_equal(c.cents, 2500);
	cashbox_close(cb);
}

static void test_serial_swap(void **state)
{
	struct cashbox *cb;
	bool swapped = true;
	uint32_t prev = 1;

	(void)state;
	assert_int_equal(cashbox_open(path, &cb), 0);
	assert_int_equal(cashbox_check_serial(cb, 1234567, 10, &swapped, &prev), 0);
	assert_false(swapped); /* the first one seen is kept */
	assert_int_equal(cashbox_check_serial(cb, 1234567, 11, &swapped, &prev), 0);
	assert_false(swapped);
	cashbox_close(cb);
	assert_int_equal(cashbox_open(path, &cb), 0);
	assert_int_equal(cashbox_check_serial(cb, 7654321, 12, &swapped, &prev), 0);
	assert_true(swapped);
	assert_int_equal(prev, 1234567);
	/* reported once: the new one is the one kept now */
	assert_int_equal(cashbox_check_serial(cb, 7654321, 13, &swapped, &prev), 0);
	assert_false(swapped);
	cashbox_close(cb);
}

static void test_alarm_latches(void **state)
{
	struct cashbox *cb;
	char what[CASHBOX_ALARM_LEN];
	int64_t at = -1;

	(void)state;
	assert_int_equal(cashbox_open(path, &cb), 0);
	assert_int_equal(cashbox_alarm(cb, what, sizeof(what), &at), 0);
	assert_string_equal(what, "");
	assert_int_equal(at, 0);
	assert_int_equal(cashbox_raise_alarm(cb, "cashbox_removed", 40), 0);
	assert_int_equal(cashbox_raise_alarm(cb, "something_else", 50), 0); /* the first stays */
	cashbox_close(cb);
	assert_int_equal(cashbox_open(path, &cb), 0);
	assert_int_equal(cashbox_alarm(cb, what, sizeof(what), &at), 0);
	assert_string_equal(what, "cashbox_removed");
	assert_int_equal(at, 40);
	assert_int_equal(cashbox_clear_alarm(cb), 0);
	assert_int_equal(cashbox_alarm(cb, what, sizeof(what), &at), 0);
	assert_string_equal(what, "");
	cashbox_close(cb);
}

struct writer {
	struct cashbox *cb;
	char prefix[8];
};

static void *write_notes(void *arg)
{
	struct writer *w = arg;
	char key[32];
	bool added;

	for (int i = 0; i < 200; i++) {
		snprintf(key, sizeof(key), "%s%d", w->prefix, i);
		if (cashbox_note_stacked(w->cb, key, 100, i, &added) || !added)
			return (void *)1;
	}
	return NULL;
}

/* The device thread stacks while the worker empties: nothing lost, nothing counted twice. */
static void test_threads(void **state)
{
	struct cashbox *cb;
	struct cashbox_count c, e1, e2;
	struct writer w;
	pthread_t t;
	void *res;

	(void)state;
	assert_int_equal(cashbox_open(path, &cb), 0);
	w.cb = cb;
	snprintf(w.prefix, sizeof(w.prefix), "t");
	assert_int_equal(pthread_create(&t, NULL, write_notes, &w), 0);
	assert_int_equal(cashbox_empty(cb, "screen", 1000, &e1), 0);
	assert_int_equal(pthread_join(t, &res), 0);
	assert_null(res);
	assert_int_equal(cashbox_empty(cb, "screen", 2000, &e2), 0);
	assert_int_equal(e1.notes + e2.notes, 200);
	assert_int_equal(cashbox_count(cb, &c), 0);
	assert_int_equal(c.notes, 0);
	cashbox_close(cb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_counts_by_denomination, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_same_key_once, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_survives_reopen, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_empty_records_and_restarts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stacked_since, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_serial_swap, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_alarm_latches, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
