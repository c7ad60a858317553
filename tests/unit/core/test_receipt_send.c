/* The receipt by email or text message after a payment (app/core/receipt_send.c): which
 * payments offer it, the address a signed-in resident is offered, the checks before sending,
 * what the effect carries, the answers, and that the address and number are gone afterwards. */
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

static struct core_state s;
static struct core_effects fx;
static int64_t now;

static int setup(void **state)
{
	struct core_config cfg;

	(void)state;
	core_config_defaults(&cfg);
	now = T0;
	core_init(&s, &cfg, now);
	return 0;
}

static struct core_event mk(enum core_event_type type)
{
	struct core_event e;

	memset(&e, 0, sizeof(e));
	e.type = type;
	e.now_ms = now += 1000;
	return e;
}

static bool ev(enum core_event_type type)
{
	struct core_event e = mk(type);
	return core_handle(&s, &e, &fx);
}

static void key(const char *text)
{
	struct core_event e = mk(CORE_EV_KEY);

	snprintf(e.text, sizeof(e.text), "%s", text);
	core_handle(&s, &e, &fx);
}

static void answer(enum core_event_type type, uint32_t id, enum core_failure failure,
		   enum core_outcome outcome)
{
	struct core_event e = mk(type);

	e.request_id = id;
	e.failure = failure;
	e.outcome = outcome;
	if (type == CORE_EV_LOOKUP_DONE) {
		snprintf(e.bill.customer_number, sizeof(e.bill.customer_number), "100200300");
		e.bill.balance_cents = 8417;
	}
	snprintf(e.reference, sizeof(e.reference), "K7Q2M9XH4");
	core_handle(&s, &e, &fx);
}

/* A guest's payment with this outcome, up to the result screen. */
static void pay(enum core_outcome outcome)
{
	struct core_event e;

	assert_true(ev(CORE_EV_PAY_BILL));
	key("100200300");
	e = mk(CORE_EV_FOCUS);
	e.field = CORE_FIELD_LAST_NAME;
	core_handle(&s, &e, &fx);
	key("Rivera");
	ev(CORE_EV_CONTINUE);
	answer(CORE_EV_LOOKUP_DONE, fx.fx[0].request_id, CORE_FAIL_NONE, CORE_OUTCOME_NONE);
	ev(CORE_EV_CONTINUE);
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "pay-card");
	e = mk(CORE_EV_CARD_READ);
	snprintf(e.brand, sizeof(e.brand), "Visa");
	snprintf(e.last4, sizeof(e.last4), "1111");
	core_handle(&s, &e, &fx);
	assert_int_equal(fx.fx[1].type, CORE_FX_PAY);
	answer(CORE_EV_PAY_DONE, fx.fx[1].request_id, CORE_FAIL_NONE, outcome);
	assert_string_equal(core_screen_id(&s), "pay-result");
}

static bool state_holds(const char *text)
{
	return memmem(&s, sizeof(s), text, strlen(text)) != NULL;
}

static void test_email_guest(void **state)
{
	(void)state;
	pay(CORE_OUTCOME_APPROVED);
	assert_true(ev(CORE_EV_EMAIL_RECEIPT));
	assert_string_equal(core_screen_id(&s), "receipt-email");
	assert_int_equal(s.focus, CORE_FIELD_EMAIL);
	assert_string_equal(core_field_text(&s, CORE_FIELD_EMAIL), ""); /* nothing offered */
	assert_int_equal(core_field_kind(s.focus), CORE_KIND_EMAIL);
	/* Empty, then not an address: said at the field, nothing sent. */
	ev(CORE_EV_CONTINUE);
	assert_int_equal(fx.count, 0);
	assert_string_equal(s.notice.msgid, "Enter your email address.");
	key("luis.pena");
	ev(CORE_EV_CONTINUE);
	assert_int_equal(fx.count, 0);
	assert_int_equal(s.notice.field, CORE_FIELD_EMAIL);
	key("@example.net");
	ev(CORE_EV_CONTINUE);
	assert_int_equal(fx.count, 1);
	assert_int_equal(fx.fx[0].type, CORE_FX_EMAIL_RECEIPT);
	assert_string_equal(fx.fx[0].acct.email, "luis.pena@example.net");
	assert_string_equal(fx.fx[0].acct.reference, "K7Q2M9XH4");
	assert_int_equal(s.busy, CORE_BUSY_ACCOUNT);
	/* An answer to an older request changes nothing. */
	answer(CORE_EV_RECEIPT_SENT, fx.fx[0].request_id - 1, CORE_FAIL_NONE, 0);
	assert_string_equal(core_screen_id(&s), "receipt-email");
	{
		struct core_event e = mk(CORE_EV_RECEIPT_SENT);
		e.request_id = s.request_id;
		e.op = CORE_FX_EMAIL_RECEIPT;
		core_handle(&s, &e, &fx);
	}
	assert_string_equal(core_screen_id(&s), "pay-result");
	assert_true(s.receipt_emailed);
	assert_string_equal(s.notice.msgid, "Your receipt is on its way to %s.");
	assert_string_equal(s.notice.arg, "luis.pena@example.net");
	/* Sent once: the button is spent. */
	assert_false(ev(CORE_EV_EMAIL_RECEIPT));
	/* The field is wiped at once; the toast goes when the session ends. */
	assert_string_equal(core_field_text(&s, CORE_FIELD_EMAIL), "");
	ev(CORE_EV_DONE);
	assert_string_equal(core_screen_id(&s), "welcome");
	assert_false(state_holds("luis.pena"));
}

static void test_text_number(void **state)
{
	struct core_event e;

	(void)state;
	pay(CORE_OUTCOME_APPROVED);
	assert_true(ev(CORE_EV_TEXT_RECEIPT));
	assert_string_equal(core_screen_id(&s), "receipt-text");
	assert_int_equal(core_field_kind(s.focus), CORE_KIND_DIGITS);
	/* An exchange starting with 0, and too few digits: refused before sending. */
	key("5550100123");
	ev(CORE_EV_CONTINUE);
	assert_int_equal(fx.count, 0);
	assert_int_equal(s.notice.field, CORE_FIELD_MOBILE);
	ev(CORE_EV_CLEAR);
	key("312555");
	ev(CORE_EV_CONTINUE);
	assert_int_equal(fx.count, 0);
	key("0147");
	ev(CORE_EV_CONTINUE);
	assert_int_equal(fx.count, 1);
	assert_int_equal(fx.fx[0].type, CORE_FX_TEXT_RECEIPT);
	assert_string_equal(fx.fx[0].acct.mobile, "+13125550147");
	/* The portal is down: the resident stays, told to try again or print. */
	e = mk(CORE_EV_RECEIPT_SENT);
	e.request_id = s.request_id;
	e.op = CORE_FX_TEXT_RECEIPT;
	e.failure = CORE_FAIL_UNREACHABLE;
	core_handle(&s, &e, &fx);
	assert_string_equal(core_screen_id(&s), "receipt-text");
	assert_true(s.notice.is_error);
	assert_false(s.receipt_texted);
	ev(CORE_EV_CONTINUE);
	e.request_id = s.request_id;
	e.failure = CORE_FAIL_NONE;
	core_handle(&s, &e, &fx);
	assert_true(s.receipt_texted);
	assert_string_equal(s.notice.arg, "(312) 555-0147");
	/* The idle timeout ends the session: nothing of the number is left. */
	now += 61000;
	ev(CORE_EV_TICK);
	now += 21000;
	ev(CORE_EV_TICK);
	assert_string_equal(core_screen_id(&s), "welcome");
	assert_false(state_holds("3125550147"));
	assert_false(state_holds("555-0147"));
}

static void test_back_forgets(void **state)
{
	(void)state;
	pay(CORE_OUTCOME_APPROVED);
	ev(CORE_EV_TEXT_RECEIPT);
	key("3125550147");
	ev(CORE_EV_BACK);
	assert_string_equal(core_screen_id(&s), "pay-result");
	assert_false(state_holds("3125550147"));
	ev(CORE_EV_EMAIL_RECEIPT);
	key("a@b.co");
	ev(CORE_EV_BACK);
	assert_false(state_holds("a@b.co"));
}

/* Only an approved payment has a receipt the portal can send. */
static void test_only_approved(void **state)
{
	(void)state;
	pay(CORE_OUTCOME_DECLINED);
	assert_false(ev(CORE_EV_EMAIL_RECEIPT));
	assert_false(ev(CORE_EV_TEXT_RECEIPT));
	assert_string_equal(core_screen_id(&s), "pay-result");
	setup(NULL);
	pay(CORE_OUTCOME_IN_DOUBT);
	assert_false(ev(CORE_EV_EMAIL_RECEIPT));
	/* Nor anywhere but the result screen. */
	setup(NULL);
	assert_false(ev(CORE_EV_TEXT_RECEIPT));
	assert_string_equal(core_screen_id(&s), "welcome");
}

/* A refused address is named at the field. */
static void test_refused(void **state)
{
	struct core_event e;

	(void)state;
	pay(CORE_OUTCOME_APPROVED);
	ev(CORE_EV_EMAIL_RECEIPT);
	key("x@y.zz");
	ev(CORE_EV_CONTINUE);
	e = mk(CORE_EV_RECEIPT_SENT);
	e.request_id = s.request_id;
	e.op = CORE_FX_EMAIL_RECEIPT;
	e.failure = CORE_FAIL_REFUSED;
	core_handle(&s, &e, &fx);
	assert_string_equal(core_screen_id(&s), "receipt-email");
	assert_int_equal(s.notice.field, CORE_FIELD_EMAIL);
	assert_int_equal(s.busy, CORE_BUSY_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_email_guest, setup),
	    cmocka_unit_test_setup(test_text_number, setup),
	    cmocka_unit_test_setup(test_back_forgets, setup),
	    cmocka_unit_test_setup(test_only_approved, setup),
	    cmocka_unit_test_setup(test_refused, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
