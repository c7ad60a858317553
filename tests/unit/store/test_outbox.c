/* Tests for app/store/outbox on a real sqlite file: items come back oldest first, a retry
 * waits out its backoff, the bound refuses (and counts) rather than drops, items survive a
 * reopen, and dead items are kept. */
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

#include <dirent.h>

#include "app/common/err.h"
#include "app/store/audit.h"
#include "app/store/cashbox.h"
#include "app/store/journal.h"
#include "app/store/outbox.h"
#include "app/store/staff_pin.h"

static char dir[64];
static char path[128];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/kiosk-outbox-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/outbox.sqlite", dir);
	return 0;
}

static int teardown(void **state)
{
	char cmd[160];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_oldest_first_and_done(void **state)
{
	struct outbox *ob;
	struct outbox_item it;

	(void)state;
	assert_int_equal(outbox_open(path, 10, &ob), 0);
	assert_int_equal(outbox_next_due(ob, 1000, &it), KIOSK_ENOTFOUND);
	assert_int_equal(outbox_add(ob, "confirm", "key-a", "{\"a\":1}", 100), 0);
	assert_int_equal(outbox_add(ob, "confirm", "key-b", "{\"b\":1}", 200), 0);
	assert_int_equal(outbox_next_due(ob, 50, &it), KIOSK_ENOTFOUND); /* not due yet */
	assert_int_equal(outbox_next_due(ob, 1000, &it), 0);
	assert_string_equal(it.key, "key-a");
	assert_string_equal(it.body, "{\"a\":1}");
	assert_int_equal(outbox_done(ob, it.id), 0);
	assert_int_equal(outbox_next_due(ob, 1000, &it), 0);
	assert_string_equal(it.key, "key-b");
	outbox_close(ob);
}

static void test_retry_backs_off(void **state)
{
	struct outbox *ob;
	struct outbox_item it;
	int64_t next;

	(void)state;
	assert_int_equal(outbox_open(path, 10, &ob), 0);
	assert_int_equal(outbox_add(ob, "confirm", "k", "{}", 0), 0);
	assert_int_equal(outbox_next_due(ob, 0, &it), 0);
	assert_int_equal(outbox_retry(ob, it.id, 10000, 0), 0);
	/* First retry: 2 s with no jitter drawn is at least 1 s later. */
	assert_int_equal(outbox_next_due(ob, 10500, &it), KIOSK_ENOTFOUND);
	assert_int_equal(outbox_next_time(ob, &next), 0);
	assert_true(next >= 11000 && next <= 12000);
	assert_int_equal(outbox_next_due(ob, next, &it), 0);
	assert_int_equal(it.attempts, 1);
	outbox_close(ob);
}

static void test_backoff_grows_with_jitter_and_cap(void **state)
{
	(void)state;
	for (int a = 0; a < 40; a++) {
		int64_t lo = outbox_backoff_ms(a, 0), hi = outbox_backoff_ms(a, UINT32_MAX);
		assert_true(lo <= hi);
		assert_true(hi <= 3600 * 1000);
		if (a > 0 && a < 10)
			assert_true(lo > outbox_backoff_ms(a - 1, 0));
	}
	assert_int_equal(outbox_backoff_ms(0, 0), 1000);
	assert_int_equal(outbox_backoff_ms(0, 1000), 2000);
	/* Different random draws spread the same attempt. */
	assert_true(outbox_backoff_ms(5, 1) != outbox_backoff_ms(5, 7777));
}

static void test_bound_refuses_and_counts(void **state)
{
	struct outbox *ob;
	struct outbox_stats st;

	(void)state;
	assert_int_equal(outbox_open(path, 2, &ob), 0);
	assert_int_equal(outbox_add(ob, "confirm", "1", "{}", 0), 0);
	assert_int_equal(outbox_add(ob, "confirm", "2", "{}", 0), 0);
	assert_int_equal(outbox_add(ob, "confirm", "3", "{}", 0), KIOSK_EBUSY);
	assert_int_equal(outbox_get_stats(ob, &st), 0);
	assert_int_equal(st.pending, 2);
	assert_int_equal(st.capacity, 2);
	assert_int_equal(st.refused, 1);
	outbox_close(ob);
}

static void test_survives_reopen_and_keeps_dead(void **state)
{
	struct outbox *ob;
	struct outbox_item it;
	struct outbox_stats st;

	(void)state;
	assert_int_equal(outbox_open(path, 10, &ob), 0);
	assert_int_equal(outbox_add(ob, "confirm", "a", "{}", 0), 0);
	assert_int_equal(outbox_add(ob, "audit", "", "{\"e\":1}", 0), 0);
	outbox_close(ob);
	assert_int_equal(outbox_open(path, 10, &ob), 0);
	assert_int_equal(outbox_next_due(ob, 0, &it), 0);
	assert_int_equal(outbox_dead(ob, it.id), 0);
	assert_int_equal(outbox_get_stats(ob, &st), 0);
	assert_int_equal(st.pending, 1);
	assert_int_equal(st.dead, 1);
	assert_int_equal(outbox_next_due(ob, 0, &it), 0);
	assert_string_equal(it.kind, "audit");
	outbox_close(ob);
}

/* A store that cannot be opened says so and hands back nothing: an empty path (sqlite would
 * open a private temporary file and keep nothing) and a directory that does not exist. */
static void test_open_refuses_bad_paths(void **state)
{
	struct outbox *ob = (struct outbox *)1;
	char missing[200];

	(void)state;
	assert_int_equal(outbox_open("", 10, &ob), KIOSK_EINVAL);
	assert_null(ob);
	snprintf(missing, sizeof(missing), "%s/no-such-dir/outbox.sqlite", dir);
	ob = (struct outbox *)1;
	assert_int_equal(outbox_open(missing, 10, &ob), KIOSK_ESTORE);
	assert_null(ob);
}

/* A path with no directory (what a dangling pointer to a locale name or a stack buffer looks
 * like: sqlite files named "t" and "C.UTF-8" once appeared at the repository root) is refused
 * by every store that creates its file, and nothing appears in the working directory. */
static void test_bare_names_refused(void **state)
{
	const char *names[] = {"t", "C.UTF-8", "outbox.sqlite", "", "dir/"};
	char cwd[512];
	struct outbox *ob = NULL;
	struct journal *j = NULL;
	struct audit *a = NULL;
	struct staff_pin *g = NULL;
	struct cashbox *cb = NULL;
	DIR *d;
	struct dirent *e;
	int entries = 0;

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(dir), 0);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_int_equal(outbox_open(names[i], 10, &ob), KIOSK_EINVAL);
		assert_int_equal(journal_open(names[i], &j), KIOSK_EINVAL);
		assert_int_equal(audit_open(names[i], &a), KIOSK_EINVAL);
		assert_int_equal(staff_pin_open(names[i], &g), KIOSK_EINVAL);
		assert_int_equal(cashbox_open(names[i], &cb), KIOSK_EINVAL);
	}
	assert_null(ob);
	assert_null(j);
	assert_null(a);
	assert_null(g);
	assert_null(cb);
	d = opendir(".");
	assert_non_null(d);
	while ((e = readdir(d)))
		entries += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(entries, 0);
	/* The same names under a directory are stores as before. */
	assert_int_equal(outbox_open(path, 10, &ob), 0);
	outbox_close(ob);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_open_refuses_bad_paths, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_oldest_first_and_done, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_retry_backs_off, setup, teardown),
	    cmocka_unit_test(test_backoff_grows_with_jitter_and_cap),
	    cmocka_unit_test_setup_teardown(test_bound_refuses_and_counts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_survives_reopen_and_keeps_dead, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bare_names_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
