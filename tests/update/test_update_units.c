/* Unit tests of the update modules that need no bundle: path and version rules (bundle.c)
 * and the persisted state (state.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/update/bundle.h"
#include "app/update/ddi.h"
#include "app/common/fsutil.h"
#include "app/update/state.h"

static void test_paths(void **unused)
{
	(void)unused;
	assert_int_equal(bundle_path_ok("bin/kiosk"), 0);
	assert_int_equal(bundle_path_ok("share/kiosk/fonts/DejaVuSans.ttf"), 0);
	assert_int_equal(bundle_path_ok(".hidden"), 0);
	assert_int_equal(bundle_path_ok(""), KIOSK_EINVAL);
	assert_int_equal(bundle_path_ok("/etc/passwd"), KIOSK_EINVAL);
	assert_int_equal(bundle_path_ok("../x"), KIOSK_EINVAL);
	assert_int_equal(bundle_path_ok("a/../../x"), KIOSK_EINVAL);
	assert_int_equal(bundle_path_ok("a/.."), KIOSK_EINVAL);
	assert_int_equal(bundle_path_ok("a/./b"), KIOSK_EINVAL);
	assert_int_equal(bundle_path_ok("a//b"), KIOSK_EINVAL);
	assert_int_equal(bundle_path_ok("a/"), KIOSK_EINVAL);
	assert_int_equal(bundle_path_ok("a b"), KIOSK_EINVAL);
	assert_int_equal(bundle_path_ok("a\\..\\b"), KIOSK_EINVAL);
	assert_int_equal(bundle_path_ok("a\nb"), KIOSK_EINVAL);
}

static void test_versions(void **unused)
{
	char long_version[80];

	(void)unused;
	memset(long_version, '1', sizeof(long_version) - 1);
	long_version[sizeof(long_version) - 1] = '\0';
	assert_int_equal(bundle_version_ok("1.5.0"), 0);
	assert_int_equal(bundle_version_ok("2.0.0-rc1+build.7"), 0);
	assert_int_equal(bundle_version_ok(""), KIOSK_EINVAL);
	assert_int_equal(bundle_version_ok("1.0 beta"), KIOSK_EINVAL);
	assert_int_equal(bundle_version_ok("1.0/../x"), KIOSK_EINVAL);
	assert_int_equal(bundle_version_ok(long_version), KIOSK_EINVAL);
}

static void test_state_roundtrip(void **unused)
{
	char dir[] = "/tmp/update-state.XXXXXX", path[256];
	struct update_state st, back;

	(void)unused;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/update.json", dir);
	assert_int_equal(state_load(path, &back), KIOSK_ENOTFOUND);
	assert_int_equal(back.active, 0);
	assert_int_equal(back.trying, -1);

	state_defaults(&st);
	st.slots[1].state = SLOT_TRYING;
	snprintf(st.slots[1].version, sizeof(st.slots[1].version), "2.0.0");
	st.active = 1;
	st.previous = 0;
	st.trying = 1;
	st.boot_attempts = 2;
	st.switched_at = 1790000000;
	st.ddi_phase = DDI_INSTALLED;
	st.ddi_slot = 1;
	snprintf(st.ddi_action, sizeof(st.ddi_action), "42");
	assert_int_equal(state_save(path, &st), 0);
	assert_int_equal(state_load(path, &back), 0);
	assert_int_equal(back.slots[0].state, SLOT_GOOD);
	assert_string_equal(back.slots[0].version, "factory");
	assert_int_equal(back.slots[1].state, SLOT_TRYING);
	assert_string_equal(back.slots[1].version, "2.0.0");
	assert_int_equal(back.active, 1);
	assert_int_equal(back.trying, 1);
	assert_int_equal(back.boot_attempts, 2);
	assert_int_equal(back.max_attempts, UPDATE_MAX_ATTEMPTS);
	assert_int_equal(back.switched_at, 1790000000);
	assert_int_equal(back.ddi_phase, DDI_INSTALLED);
	assert_int_equal(back.ddi_slot, 1);
	assert_string_equal(back.ddi_action, "42");

	/* A damaged file is reported, not taken for a new device. */
	assert_int_equal(fs_write_atomic(path, "{\"slots\":", 9, 0644), 0);
	assert_int_equal(state_load(path, &back), KIOSK_EINVAL);
	assert_int_equal(
	    fs_write_atomic(path, "{\"slots\":{\"a\":{\"state\":\"weird\"}}}", 33, 0644), 0);
	assert_int_equal(state_load(path, &back), KIOSK_EINVAL);
	assert_int_equal(fs_remove_tree(dir), 0);
	assert_int_equal(access(dir, F_OK), -1);
}

/* Issue 15: anti-rollback needs an order of versions that does not trip on "1.10". */
static void test_version_order(void **unused)
{
	(void)unused;
	assert_true(bundle_version_cmp("1.0.0", "2.0.0") < 0);
	assert_true(bundle_version_cmp("1.10.0", "1.9.0") > 0);
	assert_true(bundle_version_cmp("1.2", "1.2.1") < 0);
	assert_true(bundle_version_cmp("2.0.0-rc1", "2.0.0") < 0);
	assert_true(bundle_version_cmp("2.0.0-rc.2", "2.0.0-rc.10") < 0);
	assert_true(bundle_version_cmp("2.0.0+build.7", "2.0.0") == 0);
	assert_true(bundle_version_cmp("1.0.0", "1.0.0") == 0);
	assert_true(bundle_version_cmp("factory", "0.0.1") < 0);
	assert_true(bundle_version_cmp("0.0.1", "factory") > 0);
	assert_true(bundle_version_cmp("007", "7") == 0);
	assert_true(bundle_version_cmp("99999999999999999999999", "2") > 0);
}

/* Issue 15: the server's polling sleep, parsed without overflow and capped at a day. */
static void test_parse_sleep(void **unused)
{
	(void)unused;
	assert_int_equal(ddi_parse_sleep("00:05:00"), 300);
	assert_int_equal(ddi_parse_sleep("00:00:01"), 1);
	assert_int_equal(ddi_parse_sleep("00:00:00"), 1);
	assert_int_equal(ddi_parse_sleep("24:00:00"), DDI_MAX_SLEEP_S);
	assert_int_equal(ddi_parse_sleep("596523:00:00"), DDI_MAX_SLEEP_S);
	assert_int_equal(ddi_parse_sleep("99999999999999999999999:00:00"), DDI_MAX_SLEEP_S);
	assert_int_equal(ddi_parse_sleep("-1:00:00"), 0);
	assert_int_equal(ddi_parse_sleep("00:61:00"), 0);
	assert_int_equal(ddi_parse_sleep("00:05"), 0);
	assert_int_equal(ddi_parse_sleep("00:05:00x"), 0);
	assert_int_equal(ddi_parse_sleep("::"), 0);
	assert_int_equal(ddi_parse_sleep(""), 0);
	assert_int_equal(ddi_parse_sleep(NULL), 0);
}

/* Issue 15: polls jitter around the server's sleep; failures back off, bounded, jittered. */
static void test_next_sleep(void **unused)
{
	struct ddi_config cfg = {.interval_s = 300};
	int64_t lo = INT64_MAX, hi = 0, ms;

	(void)unused;
	cfg.server_sleep_s = 300;
	for (int i = 0; i < 2000; i++) {
		ms = ddi_next_sleep_ms(&cfg);
		assert_true(ms >= 150000 && ms <= 450000);
		lo = ms < lo ? ms : lo;
		hi = ms > hi ? ms : hi;
	}
	/* Spread over the range, not one value for every kiosk. */
	assert_true(lo < 170000 && hi > 430000);
	for (int f = 1; f <= 20; f++) {
		cfg.failures = f;
		for (int i = 0; i < 200; i++) {
			int64_t full = (int64_t)300 << (f < 4 ? f : 4);
			ms = ddi_next_sleep_ms(&cfg);
			if (full > 3600)
				full = 3600;
			assert_true(ms >= full * 1000 / 2 && ms <= full * 1000);
		}
	}
	/* A server asking for a day keeps that bound even after failures. */
	cfg.server_sleep_s = DDI_MAX_SLEEP_S;
	cfg.failures = 3;
	assert_true(ddi_next_sleep_ms(&cfg) <= (int64_t)DDI_MAX_SLEEP_S * 1000);
	cfg.server_sleep_s = 1;
	cfg.failures = 0;
	ms = ddi_first_delay_ms(&cfg);
	assert_true(ms >= 0 && ms <= 1000);
}

static void test_window(void **unused)
{
	(void)unused;
	assert_int_equal(clock_in_window(NULL, 600), 1);
	assert_true(clock_in_window("02:00-05:00", -1) >= 0); /* now */
	assert_int_equal(clock_in_window("", 600), 1);
	assert_int_equal(clock_in_window("02:00-05:00", 2 * 60), 1);
	assert_int_equal(clock_in_window("02:00-05:00", 5 * 60), 0);
	assert_int_equal(clock_in_window("02:00-05:00", 12 * 60), 0);
	assert_int_equal(clock_in_window("22:00-05:00", 23 * 60), 1);
	assert_int_equal(clock_in_window("22:00-05:00", 1 * 60), 1);
	assert_int_equal(clock_in_window("22:00-05:00", 12 * 60), 0);
	assert_int_equal(clock_in_window("2:00-5:00", 0), -1);
	assert_int_equal(clock_in_window("25:00-05:00", 0), -1);
	assert_int_equal(clock_in_window("02:00-05:00x", 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_paths),
	    cmocka_unit_test(test_versions),
	    cmocka_unit_test(test_state_roundtrip),
	    cmocka_unit_test(test_version_order),
	    cmocka_unit_test(test_parse_sleep),
	    cmocka_unit_test(test_next_sleep),
	    cmocka_unit_test(test_window),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
