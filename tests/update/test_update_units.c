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

#include "app/common/err.h"
#include "app/update/bundle.h"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_paths),
	    cmocka_unit_test(test_versions),
	    cmocka_unit_test(test_state_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
