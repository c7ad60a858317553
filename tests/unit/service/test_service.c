/* Staff service mode as plain C: the core's service flow, the corner hold, PIN hashes and the
 * audit store (a real sqlite file). */
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
#include "app/core/core.h"
#include "app/crypto/pin.h"
#include "app/service/corner.h"
#include "app/store/audit.h"
#include "app/store/staff_pin.h"

static struct core_effects fx;

static bool send(struct core_state *s, enum core_event_type t, int64_t now)
{
	struct core_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = t;
	ev.now_ms = now;
	return core_handle(s, &ev, &fx);
}

static void type(struct core_state *s, const char *text, int64_t now)
{
	struct core_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = CORE_EV_KEY;
	ev.now_ms = now;
	snprintf(ev.text, sizeof(ev.text), "%s", text);
	core_handle(s, &ev, &fx);
}

static const struct core_effect *find_fx(enum core_effect_type t)
{
	for (int i = 0; i < fx.count; i++)
		if (fx.fx[i].type == t)
			return &fx.fx[i];
	return NULL;
}

/* The worker's answer to a PIN check: f, with tries left and the lock (app/store/staff_pin). */
static void pin_answer_ex(struct core_state *s, enum core_failure f, int tries_left,
			  int64_t lock_ms, int64_t now)
{
	struct core_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = CORE_EV_SERVICE_DONE;
	ev.op = CORE_SOP_CHECK_PIN;
	ev.failure = f;
	ev.choice = tries_left;
	ev.lock_ms = lock_ms;
	ev.now_ms = now;
	core_handle(s, &ev, &fx);
}

static void pin_answer(struct core_state *s, enum core_failure f, int64_t now)
{
	pin_answer_ex(s, f, 0, 0, now);
}

static void enter_pin(struct core_state *s, const char *pin, enum core_failure answer, int64_t now)
{
	type(s, pin, now);
	send(s, CORE_EV_CONTINUE, now);
	pin_answer(s, answer, now);
}

static void test_hold_asks_for_pin_and_pin_goes_to_worker(void **state)
{
	struct core_state s;
	const struct core_effect *e;

	(void)state;
	core_init(&s, NULL, 0);
	send(&s, CORE_EV_SERVICE_HOLD, 10);
	assert_string_equal(core_screen_id(&s), "service-pin");
	type(&s, "2468", 20);
	assert_string_equal(s.svc.pin, "2468");
	send(&s, CORE_EV_CONTINUE, 30);
	e = find_fx(CORE_FX_SERVICE);
	assert_non_null(e);
	assert_int_equal(e->op, CORE_SOP_CHECK_PIN);
	assert_string_equal(e->text, "2468");
	/* The PIN leaves the state the moment it is handed over. */
	assert_string_equal(s.svc.pin, "");
	assert_int_equal(s.busy, CORE_BUSY_SERVICE);
	pin_answer(&s, CORE_FAIL_NONE, 40);
	assert_string_equal(core_screen_id(&s), "service-home");
}

static void enter_pin_ex(struct core_state *s, const char *pin, enum core_failure answer,
			 int tries_left, int64_t lock_ms, int64_t now)
{
	type(s, pin, now);
	send(s, CORE_EV_CONTINUE, now);
	pin_answer_ex(s, answer, tries_left, lock_ms, now);
}

static void test_five_wrong_pins_lock_for_five_minutes(void **state)
{
	struct core_state s;

	(void)state;
	core_init(&s, NULL, 0);
	send(&s, CORE_EV_SERVICE_HOLD, 0);
	for (int i = 0; i < 4; i++) {
		enter_pin_ex(&s, "1111", CORE_FAIL_REFUSED, 4 - i, 5 * 60 * 1000, 100 + i);
		assert_string_equal(core_screen_id(&s), "service-pin");
		assert_non_null(strstr(s.notice.msgid, "Wrong PIN"));
		assert_non_null(strstr(s.notice.msgid, "5-minute"));
		char left[2] = {(char)('4' - i), '\0'};
		assert_string_equal(s.notice.arg, left);
	}
	enter_pin_ex(&s, "1111", CORE_FAIL_LOCKED, 0, 5 * 60 * 1000, 200);
	assert_non_null(strstr(s.notice.msgid, "locked"));
	assert_int_equal(s.svc.locked_until_ms, 200 + 5 * 60 * 1000);
	/* Locked: even the right PIN is not sent to the worker. */
	type(&s, "2468", 300);
	send(&s, CORE_EV_CONTINUE, 300);
	assert_null(find_fx(CORE_FX_SERVICE));
	/* Leaving and coming back keeps the lock; it ends after 5 minutes. */
	send(&s, CORE_EV_BACK, 400);
	assert_string_equal(core_screen_id(&s), "welcome");
	send(&s, CORE_EV_SERVICE_HOLD, 500);
	assert_non_null(strstr(s.notice.msgid, "locked"));
	type(&s, "2468", 200 + 5 * 60 * 1000);
	send(&s, CORE_EV_CONTINUE, 200 + 5 * 60 * 1000);
	assert_non_null(find_fx(CORE_FX_SERVICE));
}

/* The worker's lock, however long, is shown as it says: the next lock is named with each wrong
 * PIN; a lock that only IT lifts is always asked about again (IT may have lifted it). */
static void test_longer_locks_as_the_worker_says(void **state)
{
	struct core_state s;

	(void)state;
	core_init(&s, NULL, 0);
	send(&s, CORE_EV_SERVICE_HOLD, 0);
	enter_pin_ex(&s, "1111", CORE_FAIL_REFUSED, 4, 30 * 60 * 1000, 10);
	assert_non_null(strstr(s.notice.msgid, "30-minute"));
	/* After a restart the core knows nothing; the worker says how long is left. */
	enter_pin_ex(&s, "2468", CORE_FAIL_LOCKED, 0, 29 * 60 * 1000, 20);
	assert_int_equal(s.svc.locked_until_ms, 20 + 29 * 60 * 1000);
	assert_non_null(strstr(s.notice.msgid, "locked for %s minutes"));
	assert_string_equal(s.notice.arg, "29");

	core_init(&s, NULL, 0);
	send(&s, CORE_EV_SERVICE_HOLD, 0);
	enter_pin_ex(&s, "1111", CORE_FAIL_REFUSED, 1, CORE_LOCK_FOREVER, 10);
	assert_non_null(strstr(s.notice.msgid, "until IT unlocks it"));
	enter_pin_ex(&s, "1111", CORE_FAIL_LOCKED, 0, CORE_LOCK_FOREVER, 20);
	assert_true(s.svc.locked_for_good);
	assert_non_null(strstr(s.notice.msgid, "until the city's IT department unlocks it"));
	send(&s, CORE_EV_BACK, 30);
	send(&s, CORE_EV_SERVICE_HOLD, 40);
	assert_non_null(strstr(s.notice.msgid, "until the city's IT department unlocks it"));
	type(&s, "2468", 1000000000);
	send(&s, CORE_EV_CONTINUE, 1000000000);
	assert_non_null(find_fx(CORE_FX_SERVICE)); /* asked again: IT may have unlocked it */
	pin_answer(&s, CORE_FAIL_NONE, 1000000001);
	assert_string_equal(core_screen_id(&s), "service-home");
	assert_false(s.svc.locked_for_good);
}

/* The worker refuses a demo or missing PIN: the screen says service mode is not set up. */
static void test_unusable_pin_says_not_set_up(void **state)
{
	struct core_state s;

	(void)state;
	core_init(&s, NULL, 0);
	send(&s, CORE_EV_SERVICE_HOLD, 0);
	enter_pin(&s, "2468", CORE_FAIL_STORE, 10);
	assert_string_equal(core_screen_id(&s), "service-pin");
	assert_non_null(strstr(s.notice.msgid, "not set up"));
}

static void test_two_minutes_idle_returns_to_residents(void **state)
{
	struct core_state s;

	(void)state;
	core_init(&s, NULL, 0);
	send(&s, CORE_EV_SERVICE_HOLD, 0);
	enter_pin(&s, "2468", CORE_FAIL_NONE, 10);
	assert_int_equal(core_next_deadline(&s, 10), 10 + 120000);
	send(&s, CORE_EV_TICK, 60000);
	assert_string_equal(core_screen_id(&s), "service-home");
	send(&s, CORE_EV_TICK, 10 + 120000);
	assert_string_equal(core_screen_id(&s), "welcome");
	assert_non_null(find_fx(CORE_FX_SERVICE)); /* the timeout is audited */
}

static void test_out_of_service_shows_to_residents(void **state)
{
	struct core_state s;
	struct core_event ev;

	(void)state;
	core_init(&s, NULL, 0);
	memset(&ev, 0, sizeof(ev));
	ev.type = CORE_EV_OUT_OF_SERVICE;
	ev.choice = 1;
	core_handle(&s, &ev, &fx);
	assert_string_equal(core_screen_id(&s), "out-of-service");
	assert_int_equal(core_next_deadline(&s, 0), -1); /* idles like the welcome screen */
	send(&s, CORE_EV_PAY_BILL, 10);
	assert_string_equal(core_screen_id(&s), "out-of-service");
	/* A resident mid-session finishes; the change shows when the session ends. */
	ev.choice = 0;
	core_handle(&s, &ev, &fx);
	send(&s, CORE_EV_PAY_BILL, 20);
	assert_string_equal(core_screen_id(&s), "guest-lookup");
	ev.choice = 1;
	core_handle(&s, &ev, &fx);
	assert_string_equal(core_screen_id(&s), "guest-lookup");
	send(&s, CORE_EV_CANCEL, 30);
	assert_string_equal(core_screen_id(&s), "out-of-service");
}

static void test_hold_ignored_while_paying(void **state)
{
	struct core_state s;

	(void)state;
	core_init(&s, NULL, 0);
	s.screen = CORE_SCREEN_PAY_CARD;
	s.busy = CORE_BUSY_PAYING;
	send(&s, CORE_EV_SERVICE_HOLD, 10);
	assert_string_equal(core_screen_id(&s), "pay-card");
}

static void test_corner_hold(void **state)
{
	struct service_corner c = {0};

	(void)state;
	service_corner_down(&c, 40, 40, 1000);
	assert_int_equal(service_corner_deadline(&c, -1), 4000);
	assert_false(service_corner_due(&c, 3999));
	assert_true(service_corner_due(&c, 4000));
	assert_false(service_corner_due(&c, 5000)); /* once per hold */
	assert_true(service_corner_up(&c));	    /* that release is no tap */
	service_corner_down(&c, 40, 40, 0);
	service_corner_motion(&c, 400, 40); /* slid out: no hold */
	assert_false(service_corner_due(&c, 5000));
	assert_false(service_corner_up(&c));
	service_corner_down(&c, 500, 900, 0); /* elsewhere on the screen */
	assert_false(service_corner_due(&c, 5000));
}

static void test_pin_hash_round_trip(void **state)
{
	char h1[PIN_HASH_MAX], h2[PIN_HASH_MAX];
	bool match;

	(void)state;
	assert_int_equal(pin_hash("2468", 1000, h1, sizeof(h1)), 0);
	assert_int_equal(pin_hash("2468", 1000, h2, sizeof(h2)), 0);
	assert_string_not_equal(h1, h2); /* a fresh salt each time */
	assert_non_null(strstr(h1, "pbkdf2-sha256$1000$"));
	assert_null(strstr(h1, "2468"));
	assert_int_equal(pin_verify("2468", h1, &match), 0);
	assert_true(match);
	assert_int_equal(pin_verify("2469", h1, &match), 0);
	assert_false(match);
	assert_int_equal(pin_hash_check_format(h1), 0);
	assert_int_equal(pin_hash_check_format("2468"), KIOSK_EINVAL);
	assert_int_equal(pin_hash_check_format("pbkdf2-sha256$10$AAAA$AAAA"), KIOSK_EINVAL);
	assert_int_equal(pin_verify("2468", "sha1$x", &match), KIOSK_EINVAL);
	assert_false(match);
}

static void test_demo_hash_is_2468(void **state)
{
	bool match;

	(void)state;
	assert_int_equal(pin_verify("2468",
				    "pbkdf2-sha256$100000$ml+MdsErezSVYT7NP3onBg==$"
				    "57l2j6k3vvIx6DIE5FLK3AH/jdGCt8ke7kksnd6bl3w=",
				    &match),
			 0);
	assert_true(match);
}

/* New PINs: 6 to 8 digits, hashed at the full cost; what a configured hash is worth. */
static void test_new_pins_are_long_and_costly(void **state)
{
	char h[PIN_HASH_MAX], want[64];

	(void)state;
	assert_true(PIN_DEFAULT_ITERATIONS >=
		    600000); /* >= 250 ms a guess: tests/bench/bench_pin */
	assert_int_equal(pin_make("2468", h, sizeof(h)), KIOSK_EINVAL);
	assert_int_equal(pin_make("12345", h, sizeof(h)), KIOSK_EINVAL);
	assert_int_equal(pin_make("123456789", h, sizeof(h)), KIOSK_EINVAL);
	assert_int_equal(pin_make("12345a", h, sizeof(h)), KIOSK_EINVAL);
	assert_int_equal(pin_make("135790", h, sizeof(h)), 0);
	snprintf(want, sizeof(want), "pbkdf2-sha256$%u$", (unsigned)PIN_DEFAULT_ITERATIONS);
	assert_non_null(strstr(h, want));
	assert_int_equal(pin_assess(h), PIN_STATE_OK);
	assert_int_equal(pin_assess(""), PIN_STATE_MISSING);
	assert_int_equal(pin_assess(NULL), PIN_STATE_MISSING);
	assert_int_equal(pin_assess("pbkdf2-sha256$x"), PIN_STATE_INVALID);
	assert_int_equal(pin_assess("pbkdf2-sha256$100000$ml+MdsErezSVYT7NP3onBg==$"
				    "57l2j6k3vvIx6DIE5FLK3AH/jdGCt8ke7kksnd6bl3w="),
			 PIN_STATE_DEMO);
	assert_int_equal(pin_hash("135790", 1000, h, sizeof(h)), 0);
	assert_int_equal(pin_assess(h), PIN_STATE_WEAK);
	assert_string_equal(pin_state_name(PIN_STATE_DEMO), "demo");
}

static void tmp_db(char *path)
{
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
}

/* Tries and locks live in sqlite: a restart (a new handle) keeps them, and each lockout in a
 * row is longer: 5 minutes, 30 minutes, then until unlocked. */
static void test_pin_lock_survives_restart_and_grows(void **state)
{
	char path[] = "/tmp/test-staff-pin-XXXXXX", hash[PIN_HASH_MAX];
	struct staff_pin *g;
	struct staff_pin_verdict v;
	int64_t t = 1800000000000, left;
	static const int64_t locks[] = {5 * 60 * 1000, 30 * 60 * 1000};

	(void)state;
	tmp_db(path);
	assert_int_equal(staff_pin_open(path, &g), 0);
	for (int round = 0; round < 2; round++) {
		for (int i = 1; i < STAFF_PIN_TRIES; i++) {
			assert_int_equal(staff_pin_may_try(g, t, &left), 0);
			assert_int_equal(staff_pin_wrong(g, t, &v), 0);
			assert_int_equal(v.tries_left, STAFF_PIN_TRIES - i);
			assert_int_equal(v.lock_ms, locks[round]);
			/* A restart between tries forgets nothing. */
			staff_pin_close(g);
			assert_int_equal(staff_pin_open(path, &g), 0);
		}
		assert_int_equal(staff_pin_wrong(g, t, &v), 0);
		assert_int_equal(v.tries_left, 0);
		assert_int_equal(v.lock_ms, locks[round]);
		assert_int_equal(v.lockouts, round + 1);
		staff_pin_close(g);
		assert_int_equal(staff_pin_open(path, &g), 0);
		assert_int_equal(staff_pin_may_try(g, t + 1000, &left), KIOSK_EBUSY);
		assert_int_equal(left, locks[round] - 1000);
		t += locks[round];
		assert_int_equal(staff_pin_may_try(g, t, &left), 0);
	}
	for (int i = 0; i < STAFF_PIN_TRIES; i++)
		assert_int_equal(staff_pin_wrong(g, t, &v), 0);
	assert_int_equal(v.lockouts, 3);
	assert_true(v.lock_ms == STAFF_PIN_FOREVER);
	assert_int_equal(staff_pin_may_try(g, t + 365LL * 86400 * 1000, &left), KIOSK_EBUSY);
	assert_true(left == STAFF_PIN_FOREVER);
	/* The portal's unlock; then the right PIN starts every count again. */
	assert_int_equal(staff_pin_unlock(g), 0);
	assert_int_equal(staff_pin_may_try(g, t, &left), 0);
	assert_int_equal(staff_pin_wrong(g, t, &v), 0);
	assert_int_equal(v.lock_ms, locks[0]);
	assert_int_equal(staff_pin_right(g), 0);
	assert_int_equal(staff_pin_wrong(g, t, &v), 0);
	assert_int_equal(v.tries_left, STAFF_PIN_TRIES - 1);
	/* The PIN IT set with kioskctl. */
	assert_int_equal(staff_pin_stored_hash(g, hash, sizeof(hash)), KIOSK_ENOTFOUND);
	assert_int_equal(staff_pin_store_hash(g, "pbkdf2-sha256$1000$AAAA$BBBB", t), 0);
	staff_pin_close(g);
	assert_int_equal(staff_pin_open(path, &g), 0);
	assert_int_equal(staff_pin_stored_hash(g, hash, sizeof(hash)), 0);
	assert_string_equal(hash, "pbkdf2-sha256$1000$AAAA$BBBB");
	assert_int_not_equal(staff_pin_store_hash(g, "2468", t), 0); /* never a PIN itself */
	staff_pin_close(g);
	unlink(path);
}

static int count_entry(const char *id, int64_t at, const char *source, const char *action,
		       const char *detail, void *ctx)
{
	(void)id, (void)at, (void)source, (void)detail;
	if (!strcmp(action, "test_print"))
		++*(int *)ctx;
	return 0;
}

static void test_audit_and_day_closes(void **state)
{
	char path[] = "/tmp/test-audit-XXXXXX";
	char id1[AUDIT_ID_LEN], id2[AUDIT_ID_LEN];
	struct audit *a;
	struct audit_day d = {.closed_at = 1800000000, .approved_count = 2, .approved_cents = 9651};
	int64_t since, at;
	int fd = mkstemp(path), n = 0;

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(audit_open(path, &a), 0);
	assert_int_equal(audit_last_close(a, &since), 0);
	assert_int_equal(since, 0);
	assert_int_equal(audit_add(a, "screen", "test_print", "", id1, &at), 0);
	assert_int_equal(audit_add(a, "kioskctl", "test_print", "", id2, NULL), 0);
	assert_int_equal(strlen(id1), 32);
	assert_string_not_equal(id1, id2);
	assert_int_equal(audit_each_recent(a, 10, count_entry, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(audit_store_close(a, &d), 0);
	assert_int_equal(audit_last_close(a, &since), 0);
	assert_int_equal(since, 1800000000);
	audit_close(a);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hold_asks_for_pin_and_pin_goes_to_worker),
	    cmocka_unit_test(test_five_wrong_pins_lock_for_five_minutes),
	    cmocka_unit_test(test_longer_locks_as_the_worker_says),
	    cmocka_unit_test(test_unusable_pin_says_not_set_up),
	    cmocka_unit_test(test_new_pins_are_long_and_costly),
	    cmocka_unit_test(test_pin_lock_survives_restart_and_grows),
	    cmocka_unit_test(test_two_minutes_idle_returns_to_residents),
	    cmocka_unit_test(test_out_of_service_shows_to_residents),
	    cmocka_unit_test(test_hold_ignored_while_paying),
	    cmocka_unit_test(test_corner_hold),
	    cmocka_unit_test(test_pin_hash_round_trip),
	    cmocka_unit_test(test_demo_hash_is_2468),
	    cmocka_unit_test(test_audit_and_day_closes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
