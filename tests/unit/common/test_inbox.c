/* The inbox: order kept per producer with several producers at once, nothing lost or doubled,
 * a full inbox refuses (the poster keeps its data), the fd is readable exactly while messages
 * wait, the second wake is called once per empty-to-waiting, and close hands back what is
 * left. */
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "app/common/err.h"
#include "app/common/inbox.h"

#define PRODUCERS 4
#define EACH 20000

static struct inbox *ib;

static bool readable(void)
{
	struct pollfd p = {.fd = inbox_fd(ib), .events = POLLIN};

	return poll(&p, 1, 0) == 1;
}

static void *produce(void *arg)
{
	intptr_t id = (intptr_t)arg;

	for (intptr_t i = 0; i < EACH; i++) {
		/* data carries (producer, sequence); a full inbox is retried, as a real
		 * producer would drop or answer busy. */
		while (inbox_post(ib, INBOX_RESULT, (void *)(id * EACH + i + 1)) == KIOSK_EBUSY)
			sched_yield();
	}
	return NULL;
}

static void test_many_producers(void **state)
{
	pthread_t t[PRODUCERS];
	intptr_t next[PRODUCERS] = {0};
	long taken = 0;
	struct inbox_msg m;

	(void)state;
	assert_int_equal(inbox_open(64, &ib), 0);
	for (intptr_t i = 0; i < PRODUCERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, produce, (void *)i), 0);
	while (taken < (long)PRODUCERS * EACH) {
		struct pollfd p = {.fd = inbox_fd(ib), .events = POLLIN};
		/* Sleep on the fd as the loop does: a missed wake would hang here. */
		assert_true(poll(&p, 1, 5000) == 1);
		while (inbox_take(ib, &m)) {
			intptr_t v = (intptr_t)m.data - 1, id = v / EACH;
			assert_int_equal(m.tag, INBOX_RESULT);
			assert_true(id >= 0 && id < PRODUCERS);
			assert_int_equal(v % EACH, next[id]); /* in order, none lost or doubled */
			next[id]++;
			taken++;
		}
	}
	for (int i = 0; i < PRODUCERS; i++)
		pthread_join(t[i], NULL);
	assert_false(readable());
	inbox_close(ib, NULL, NULL);
}

static int wakes;
static void count_wake(void *ctx)
{
	(void)ctx;
	wakes++;
}

static int dropped;
static void drop(const struct inbox_msg *m, void *ctx)
{
	(void)ctx;
	assert_int_equal(m->tag, INBOX_ORDER);
	dropped++;
}

static void test_full_wake_close(void **state)
{
	struct inbox_msg m;

	(void)state;
	assert_int_equal(inbox_open(2, &ib), 0);
	inbox_set_wake(ib, count_wake, NULL);
	assert_false(readable());
	assert_int_equal(inbox_post(ib, INBOX_STOP, NULL), 0);
	assert_true(readable());
	assert_int_equal(inbox_post(ib, INBOX_UPDATE, NULL), 0);
	assert_int_equal(inbox_post(ib, INBOX_UPDATE, NULL), KIOSK_EBUSY);
	assert_int_equal(wakes, 1); /* the second post found it waiting: no wake */
	assert_int_equal(inbox_take(ib, &m), 1);
	assert_int_equal(m.tag, INBOX_STOP);
	assert_true(readable()); /* one still waits */
	assert_int_equal(inbox_take(ib, &m), 1);
	assert_int_equal(m.tag, INBOX_UPDATE);
	assert_false(readable());
	assert_int_equal(inbox_take(ib, &m), 0);
	assert_int_equal(inbox_post(ib, INBOX_ORDER, NULL), 0);
	assert_int_equal(wakes, 2);
	assert_int_equal(inbox_post(ib, INBOX_ORDER, NULL), 0);
	inbox_close(ib, drop, NULL);
	assert_int_equal(dropped, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_many_producers),
	    cmocka_unit_test(test_full_wake_close),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
