/* Out of service, remote configuration in core: entered only between sessions, left on word
 * from the portal; the maximum payment and the one-language setting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/core/core.h"

static struct core_state s;
static struct core_effects fx;
static int64_t now = 1000000;

static int setup(void **state)
{
	struct core_config cfg;

	(void)state;
	core_config_defaults(&cfg);
	core_init(&s, &cfg, now);
	return 0;
}

static bool ev(enum core_event_type type)
{
	struct core_event e;

	memset(&e, 0, sizeof(e));
	e.type = type;
	e.now_ms = now;
	return core_handle(&s, &e, &fx);
}

static void out_of_service(bool on, const char *reason)
{
	struct core_event e;

	memset(&e, 0, sizeof(e));
	e.type = CORE_EV_OUT_OF_SERVICE;
	e.now_ms = now;
	e.choice = on;
	snprintf(e.text, sizeof(e.text), "%s", reason);
	core_handle(&s, &e, &fx);
}

static void test_on_at_welcome_takes_over_and_off_gives_back(void **state)
{
	(void)state;
	out_of_service(true, "paper jam");
	assert_string_equal(core_screen_id(&s), "out-of-service");
	assert_string_equal(s.out_of_service_reason, "paper jam");
	assert_false(core_in_session(&s));
	/* Residents cannot start anything, and an idle out-of-service kiosk has no deadline. */
	assert_false(ev(CORE_EV_PAY_BILL));
	assert_false(ev(CORE_EV_SIGN_IN));
	assert_string_equal(core_screen_id(&s), "out-of-service");
	assert_int_equal(core_next_deadline(&s, now), -1);
	now += 3600 * 1000;
	ev(CORE_EV_TICK);
	assert_false(s.warning);
	out_of_service(false, "");
	assert_string_equal(core_screen_id(&s), "welcome");
	assert_int_equal(fx.count, 0);
}

static void test_never_interrupts_a_session(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	assert_string_equal(core_screen_id(&s), "guest-lookup");
	out_of_service(true, "maintenance");
	assert_string_equal(core_screen_id(&s), "guest-lookup");
	assert_true(core_in_session(&s));
	/* The session ends as usual; only then does the kiosk go out of service. */
	ev(CORE_EV_CANCEL);
	assert_string_equal(core_screen_id(&s), "out-of-service");
	assert_true(s.out_of_service);
}

static void test_off_before_the_session_ends_is_never_seen(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	out_of_service(true, "x");
	out_of_service(false, "");
	ev(CORE_EV_CANCEL);
	assert_string_equal(core_screen_id(&s), "welcome");
}

static void test_idle_timeout_ends_into_out_of_service(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	out_of_service(true, "x");
	now += s.cfg.idle_ms;
	ev(CORE_EV_TICK);
	assert_true(s.warning);
	now += s.cfg.warning_ms;
	ev(CORE_EV_TICK);
	assert_string_equal(core_screen_id(&s), "out-of-service");
}

static void test_config_waits_for_the_end_of_a_session(void **state)
{
	struct core_config cfg = s.cfg;

	(void)state;
	cfg.idle_ms = 7000;
	ev(CORE_EV_PAY_BILL);
	assert_false(core_set_config(&s, &cfg, now));
	assert_int_equal(s.cfg.idle_ms, 60000);
	ev(CORE_EV_CANCEL);
	assert_true(core_set_config(&s, &cfg, now));
	assert_int_equal(s.cfg.idle_ms, 7000);
}

static void test_single_language_has_no_switch(void **state)
{
	struct core_config cfg = s.cfg;

	(void)state;
	cfg.single_lang = true;
	cfg.default_lang = CORE_LANG_ES;
	assert_true(core_set_config(&s, &cfg, now));
	assert_int_equal(s.lang, CORE_LANG_ES);
	assert_false(ev(CORE_EV_TOGGLE_LANG));
	assert_int_equal(s.lang, CORE_LANG_ES);
}

/* Walks a guest to the amount step of a bill of `balance` cents. */
static void to_amount_step(int64_t balance)
{
	ev(CORE_EV_PAY_BILL);
	s.screen = CORE_SCREEN_PAY_AMOUNT; /* the lookup itself is test_core's business */
	memset(&s.bill, 0, sizeof(s.bill));
	snprintf(s.bill.customer_number, sizeof(s.bill.customer_number), "100200300");
	s.bill.balance_cents = balance;
}

static void test_max_payment_enforced_on_the_amount_step(void **state)
{
	struct core_config cfg = s.cfg;

	(void)state;
	cfg.max_payment_cents = 50000;
	assert_true(core_set_config(&s, &cfg, now));
	to_amount_step(482315);
	/* The full balance is over the maximum: refused with the maximum named. */
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "pay-amount");
	assert_non_null(s.notice.msgid);
	assert_non_null(strstr(s.notice.msgid, "The most you can pay"));
	assert_string_equal(s.notice.arg, "$500.00");
	/* Another amount above it too; one within it goes on to the card. */
	ev(CORE_EV_PAY_OTHER);
	snprintf(s.amount_text, sizeof(s.amount_text), "500.01");
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "pay-amount");
	snprintf(s.amount_text, sizeof(s.amount_text), "500.00");
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "pay-card");
	assert_int_equal(s.amount_cents, 50000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_on_at_welcome_takes_over_and_off_gives_back, setup),
	    cmocka_unit_test_setup(test_never_interrupts_a_session, setup),
	    cmocka_unit_test_setup(test_off_before_the_session_ends_is_never_seen, setup),
	    cmocka_unit_test_setup(test_idle_timeout_ends_into_out_of_service, setup),
	    cmocka_unit_test_setup(test_config_waits_for_the_end_of_a_session, setup),
	    cmocka_unit_test_setup(test_single_language_has_no_switch, setup),
	    cmocka_unit_test_setup(test_max_payment_enforced_on_the_amount_step, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
