/* A bill's barcode scanned on welcome and "Find your bill" (app/core/scan.c), event by
 * event: what is looked up, what the resident reads, and what a scan elsewhere does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/core/core.h"

#define T0 INT64_C(1000000)
#define BILL "UB11002003002026112000000841776"
#define SHOP "4006381333931"

static const char *const MSG_NOT_OURS =
    "This barcode is not from one of our utility bills. Scan the barcode on your city utility "
    "bill, or type your customer number.";
static const char *const MSG_STALE = "This is not your latest bill. Scan your newest bill, or "
				     "type your customer number and the last name on your bill.";
static const char *const MSG_NOT_FOUND =
    "We could not find this bill. Type your customer number and the last name on your bill "
    "instead.";

static struct core_state s;
static struct core_effects fx;
static int64_t now;

static void start(bool wait_for_reconcile)
{
	struct core_config cfg;

	core_config_defaults(&cfg);
	cfg.wait_for_reconcile = wait_for_reconcile;
	now = T0;
	core_init(&s, &cfg, now);
}

static int setup(void **state)
{
	(void)state;
	start(false);
	return 0;
}

static struct core_event mk(enum core_event_type type)
{
	struct core_event e;

	memset(&e, 0, sizeof(e));
	e.type = type;
	e.now_ms = now;
	return e;
}

static bool ev(enum core_event_type type)
{
	struct core_event e = mk(type);

	return core_handle(&s, &e, &fx);
}

static bool scan(const char *text)
{
	struct core_event e = mk(CORE_EV_BARCODE);

	snprintf(e.text, sizeof(e.text), "%s", text);
	return core_handle(&s, &e, &fx);
}

static bool answer(enum core_failure failure)
{
	struct core_event e = mk(CORE_EV_LOOKUP_DONE);

	e.request_id = s.request_id;
	e.failure = failure;
	if (failure == CORE_FAIL_NONE) {
		snprintf(e.bill.customer_number, sizeof(e.bill.customer_number), "100200300");
		snprintf(e.bill.display_number, sizeof(e.bill.display_number), "100-200-300");
		e.bill.balance_cents = 8417;
	}
	return core_handle(&s, &e, &fx);
}

/* The one effect of the last event is the scanned lookup, carrying the text. */
static void expect_scanned_lookup(void)
{
	assert_int_equal(fx.count, 1);
	assert_int_equal(fx.fx[0].type, CORE_FX_LOOKUP_SCANNED);
	assert_int_equal(fx.fx[0].request_id, s.request_id);
	assert_string_equal(fx.fx[0].text, BILL);
	assert_int_equal(s.busy, CORE_BUSY_LOOKUP);
}

static void test_from_welcome(void **state)
{
	(void)state;
	assert_true(scan(BILL));
	assert_int_equal(s.screen, CORE_SCREEN_GUEST_LOOKUP);
	expect_scanned_lookup();
	assert_true(core_in_session(&s));
	assert_true(answer(CORE_FAIL_NONE));
	assert_int_equal(s.screen, CORE_SCREEN_BILL_SUMMARY);
	assert_string_equal(s.bill.customer_number, "100200300");
	assert_int_equal(s.bill.balance_cents, 8417);
	assert_string_equal(s.scanned, ""); /* not kept once answered */
}

/* What was typed does not matter: the barcode names the account and proves it. */
static void test_from_find_your_bill(void **state)
{
	struct core_event k = mk(CORE_EV_KEY);

	(void)state;
	ev(CORE_EV_PAY_BILL);
	assert_int_equal(s.screen, CORE_SCREEN_GUEST_LOOKUP);
	snprintf(k.text, sizeof(k.text), "555");
	core_handle(&s, &k, &fx);
	assert_true(scan("]C0" BILL "\r"));
	assert_int_equal(fx.count, 1);
	assert_int_equal(fx.fx[0].type, CORE_FX_LOOKUP_SCANNED);
	assert_true(answer(CORE_FAIL_NONE));
	assert_int_equal(s.screen, CORE_SCREEN_BILL_SUMMARY);
}

static void test_foreign_barcode(void **state)
{
	(void)state;
	/* On welcome: "Find your bill", saying so, nothing asked of the portal. */
	assert_true(scan(SHOP));
	assert_int_equal(fx.count, 0);
	assert_int_equal(s.screen, CORE_SCREEN_GUEST_LOOKUP);
	assert_string_equal(s.notice.msgid, MSG_NOT_OURS);
	assert_true(s.notice.is_error);
	/* A bill with a digit misread, on "Find your bill". */
	assert_true(scan("UB11002003002026112000000841876"));
	assert_int_equal(fx.count, 0);
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	assert_string_equal(s.notice.msgid, MSG_NOT_OURS);
}

/* The portal's answers for a scanned bill, each in plain words on "Find your bill". */
static void test_portal_refusals(void **state)
{
	static const struct {
		enum core_failure failure;
		const char *const *msg;
	} cases[] = {
	    {CORE_FAIL_STALE_BILL, &MSG_STALE},
	    {CORE_FAIL_NOT_FOUND, &MSG_NOT_FOUND},
	    {CORE_FAIL_NOT_A_BILL, &MSG_NOT_OURS},
	};

	(void)state;
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		start(false);
		assert_true(scan(BILL));
		expect_scanned_lookup();
		assert_true(answer(cases[k].failure));
		assert_int_equal(s.screen, CORE_SCREEN_GUEST_LOOKUP);
		assert_int_equal(s.busy, CORE_BUSY_NONE);
		assert_string_equal(s.notice.msgid, *cases[k].msg);
		/* Typing the number afterwards is a typed lookup again. */
		assert_false(s.by_scan);
	}
	start(false);
	scan(BILL);
	answer(CORE_FAIL_UNREACHABLE);
	assert_non_null(strstr(s.notice.msgid, "We can't reach the city's payment system"));
}

/* Elsewhere a scan does nothing; nor while a lookup is in flight. */
static void test_ignored(void **state)
{
	(void)state;
	assert_true(scan(BILL));
	assert_false(scan(BILL)); /* busy */
	assert_int_equal(fx.count, 0);
	answer(CORE_FAIL_NONE);
	assert_int_equal(s.screen, CORE_SCREEN_BILL_SUMMARY);
	assert_false(scan(BILL));
	assert_int_equal(fx.count, 0);
	assert_int_equal(s.screen, CORE_SCREEN_BILL_SUMMARY);
	ev(CORE_EV_CONTINUE);
	assert_int_equal(s.screen, CORE_SCREEN_PAY_AMOUNT);
	assert_false(scan(BILL));
	assert_int_equal(s.screen, CORE_SCREEN_PAY_AMOUNT);
}

/* As "Pay a Bill", a scan waits for earlier payments to be settled, then goes on by itself. */
static void test_waits_for_reconcile(void **state)
{
	(void)state;
	start(true);
	assert_true(scan(BILL));
	assert_int_equal(fx.count, 0);
	assert_int_equal(s.screen, CORE_SCREEN_WELCOME);
	assert_false(scan(BILL)); /* one is waiting already */
	assert_true(ev(CORE_EV_RECONCILED));
	assert_int_equal(s.screen, CORE_SCREEN_GUEST_LOOKUP);
	expect_scanned_lookup();
	answer(CORE_FAIL_NONE);
	assert_int_equal(s.screen, CORE_SCREEN_BILL_SUMMARY);
}

/* A scan during the idle warning is someone at the kiosk: the warning ends, the scan counts. */
static void test_ends_warning(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	now += s.cfg.idle_ms;
	ev(CORE_EV_TICK);
	assert_true(s.warning);
	assert_true(scan(BILL));
	assert_false(s.warning);
	expect_scanned_lookup();
}

/* Cancel wipes the scan with the rest of the session; an answer after it is ignored. */
static void test_session_end_wipes(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	scan(BILL);
	assert_string_equal(s.scanned, BILL);
	ev(CORE_EV_CANCEL);
	assert_int_equal(s.screen, CORE_SCREEN_WELCOME);
	assert_string_equal(s.scanned, "");
	{
		struct core_event e = mk(CORE_EV_LOOKUP_DONE);

		e.request_id = s.request_id - 1;
		assert_false(core_handle(&s, &e, &fx));
	}
	assert_int_equal(s.screen, CORE_SCREEN_WELCOME);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_from_welcome, setup),
	    cmocka_unit_test_setup(test_from_find_your_bill, setup),
	    cmocka_unit_test_setup(test_foreign_barcode, setup),
	    cmocka_unit_test_setup(test_portal_refusals, setup),
	    cmocka_unit_test_setup(test_ignored, setup),
	    cmocka_unit_test_setup(test_waits_for_reconcile, setup),
	    cmocka_unit_test_setup(test_ends_warning, setup),
	    cmocka_unit_test_setup(test_session_end_wipes, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
