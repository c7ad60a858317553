/* The guest bill-payment flow, driven event by event through core_handle. */
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
#define IDLE_MS 60000
#define WARN_MS 20000
#define TOAST_MS 6000

static struct core_state s;
static struct core_effects fx;
static int64_t now;

static const char *const MSG_CUSTOMER =
    "Enter the customer number from the top of your bill, digits only.";
static const char *const MSG_NAME = "Enter the last name on the account.";
static const char *const MSG_LAST_BILL = "Enter the amount of your last bill, for example 84.17.";
static const char *const MSG_AMOUNT = "Enter an amount, for example 20.00.";
static const char *const MSG_TOO_MUCH = "The amount can't be more than the amount due, %s.";
static const char *const MSG_NOT_FOUND_NAME =
    "We could not find that account. Check the customer number and the last name on your bill.";
static const char *const MSG_NOT_FOUND_BILL =
    "We could not find that account. Check the customer number and the last bill amount.";
static const char *const MSG_GARBLED =
    "The city's payment system sent an answer we could not read. Please try again.";
static const char *const MSG_UNREACHABLE =
    "We can't reach the city's payment system right now. Please try again in a few minutes, or "
    "pay at the cashier's window.";
static const char *const MSG_BAD_SWIPE = "We couldn't read your card. Please swipe again.";
static const char *const MSG_EXPIRED = "This card has expired. Please use another card.";
static const char *const MSG_READER = "The card reader is not working. Please ask staff for help.";
static const char *const MSG_PAY_STORE = "This kiosk can't take payments right now. No money was "
					 "taken. Please ask staff for help.";
static const char *const MSG_PAY_UNREACHABLE =
    "We can't reach the city's payment system right now. No money was taken. Please try again in "
    "a few minutes.";
static const char *const MSG_RECEIPT = "Please take your receipt.";
static const char *const MSG_PAPER_OUT =
    "The printer is out of paper. Please write down your reference number: %s.";
static const char *const MSG_PRINTER =
    "The receipt could not be printed. Please write down your reference number: %s.";
static const char *const MSG_FORGOT =
    "If an account uses %s, we have emailed it a link to reset the password.";

/* ---- helpers ---------------------------------------------------------------------------- */

static int setup(void **state)
{
	struct core_config cfg;

	(void)state;
	core_config_defaults(&cfg);
	now = T0;
	memset(&fx, 0xA5, sizeof(fx)); /* core_handle must clear it */
	core_init(&s, &cfg, now);
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

static bool send(const struct core_event *e)
{
	return core_handle(&s, e, &fx);
}

static bool ev(enum core_event_type type)
{
	struct core_event e = mk(type);
	return send(&e);
}

static bool key(const char *text)
{
	struct core_event e = mk(CORE_EV_KEY);

	snprintf(e.text, sizeof(e.text), "%s", text);
	return send(&e);
}

/* Types text one byte-character at a time, as the on-screen keypad does for ASCII. */
static void key_each(const char *text)
{
	char one[2] = {0, 0};

	for (; *text; text++) {
		one[0] = *text;
		key(one);
	}
}

static bool focus(enum core_field f)
{
	struct core_event e = mk(CORE_EV_FOCUS);

	e.field = f;
	return send(&e);
}

static bool set_verify(enum core_verify v)
{
	struct core_event e = mk(CORE_EV_SET_VERIFY);

	e.verify = v;
	return send(&e);
}

static bool tick_at(int64_t t)
{
	now = t;
	return ev(CORE_EV_TICK);
}

static struct core_bill demo_bill(int64_t balance)
{
	struct core_bill b;

	memset(&b, 0, sizeof(b));
	snprintf(b.customer_number, sizeof(b.customer_number), "100200300");
	snprintf(b.display_number, sizeof(b.display_number), "100-200-300");
	snprintf(b.last_name, sizeof(b.last_name), "Peña");
	b.balance_cents = balance;
	b.last_bill_cents = 8417;
	snprintf(b.due_date, sizeof(b.due_date), "2024-07-15");
	return b;
}

static bool lookup_answer(uint32_t id, enum core_failure failure, int64_t balance)
{
	struct core_event e = mk(CORE_EV_LOOKUP_DONE);

	e.request_id = id;
	e.failure = failure;
	if (failure == CORE_FAIL_NONE)
		e.bill = demo_bill(balance);
	return send(&e);
}

static bool swipe(enum core_failure failure, const char *brand, const char *last4)
{
	struct core_event e = mk(CORE_EV_CARD_READ);

	e.failure = failure;
	snprintf(e.brand, sizeof(e.brand), "%s", brand);
	snprintf(e.last4, sizeof(e.last4), "%s", last4);
	return send(&e);
}

static bool pay_answer(uint32_t id, enum core_failure failure, enum core_outcome outcome,
		       const char *ref, const char *reason)
{
	struct core_event e = mk(CORE_EV_PAY_DONE);

	e.request_id = id;
	e.failure = failure;
	e.outcome = outcome;
	snprintf(e.reference, sizeof(e.reference), "%s", ref);
	snprintf(e.text, sizeof(e.text), "%s", reason);
	return send(&e);
}

static bool print_answer(enum core_failure failure)
{
	struct core_event e = mk(CORE_EV_PRINT_DONE);

	e.failure = failure;
	return send(&e);
}

static void assert_screen(const char *id)
{
	assert_string_equal(core_screen_id(&s), id);
}

static void assert_no_fx(void)
{
	assert_int_equal(fx.count, 0);
}

static void assert_fx(int i, enum core_effect_type type)
{
	assert_true(i < fx.count);
	assert_int_equal(fx.fx[i].type, type);
}

static bool has_fx(enum core_effect_type type)
{
	for (int i = 0; i < fx.count; i++)
		if (fx.fx[i].type == type)
			return true;
	return false;
}

static void assert_notice(const char *msgid, bool is_error)
{
	assert_non_null(s.notice.msgid);
	assert_string_equal(s.notice.msgid, msgid);
	assert_int_equal(s.notice.is_error, is_error);
}

static void assert_no_notice(void)
{
	assert_null(s.notice.msgid);
}

static void assert_session_ended(void)
{
	assert_int_equal(fx.count, 2);
	assert_fx(0, CORE_FX_READER_OFF);
	assert_fx(1, CORE_FX_END_SESSION);
	assert_screen("welcome");
	assert_int_equal(s.screen, CORE_SCREEN_WELCOME);
	assert_string_equal(s.customer_number, "");
	assert_string_equal(s.last_name, "");
	assert_string_equal(s.last_bill, "");
	assert_string_equal(s.amount_text, "");
	assert_string_equal(s.last4, "");
	assert_string_equal(s.brand, "");
	assert_string_equal(s.bill.customer_number, "");
	assert_int_equal(s.bill.balance_cents, 0);
	assert_int_equal(s.amount_cents, 0);
	assert_string_equal(s.reference, "");
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	assert_false(s.warning);
	assert_no_notice();
}

/* welcome -> guest-lookup with "100-200-300" and "Peña " typed. */
static void fill_lookup(void)
{
	assert_true(ev(CORE_EV_PAY_BILL));
	key("100-200-300");
	focus(CORE_FIELD_LAST_NAME);
	key("Peña ");
}

/* ... -> bill-summary with the given balance. Returns the lookup's request id. */
static uint32_t to_summary(int64_t balance)
{
	uint32_t id;

	fill_lookup();
	assert_true(ev(CORE_EV_CONTINUE));
	assert_fx(0, CORE_FX_LOOKUP);
	id = fx.fx[0].request_id;
	assert_true(lookup_answer(id, CORE_FAIL_NONE, balance));
	assert_screen("bill-summary");
	return id;
}

static void to_amount(int64_t balance)
{
	to_summary(balance);
	assert_true(ev(CORE_EV_CONTINUE));
	assert_screen("pay-amount");
}

static void to_card(int64_t balance)
{
	to_amount(balance);
	assert_true(ev(CORE_EV_CONTINUE));
	assert_screen("pay-card");
	assert_fx(0, CORE_FX_READER_ON);
}

/* ... -> pay-card with a card swiped: the payment is in flight. Returns its request id. */
static uint32_t to_paying(int64_t balance)
{
	to_card(balance);
	swipe(CORE_FAIL_NONE, "VISA", "4242");
	assert_int_equal(s.busy, CORE_BUSY_PAYING);
	assert_fx(1, CORE_FX_PAY);
	return fx.fx[1].request_id;
}

/* ---- the payment terminal ---------------------------------------------------------------- */

static int setup_terminal(void **state)
{
	struct core_config cfg;

	(void)state;
	core_config_defaults(&cfg);
	cfg.card = CORE_CARD_TERMINAL;
	now = T0;
	core_init(&s, &cfg, now);
	return 0;
}

static bool terminal_answer(uint32_t id, enum core_failure failure, enum core_outcome outcome,
			    enum core_decline decline)
{
	struct core_event e = mk(CORE_EV_PAY_DONE);

	e.request_id = id;
	e.failure = failure;
	e.outcome = outcome;
	e.decline = decline;
	snprintf(e.brand, sizeof(e.brand), "visa");
	snprintf(e.last4, sizeof(e.last4), "1111");
	snprintf(e.reference, sizeof(e.reference), "%s",
		 outcome == CORE_OUTCOME_APPROVED ? "9915645187654321" : "");
	return send(&e);
}

/* With a terminal, Continue on the amount asks the terminal at once: no reader, no swipe; the
 * card step stays live (taking) for the terminal's prompt and Cancel. Returns the request id. */
static uint32_t to_terminal(int64_t balance)
{
	to_amount(balance);
	assert_true(ev(CORE_EV_CONTINUE));
	assert_screen("pay-card");
	assert_int_equal(fx.count, 1);
	assert_fx(0, CORE_FX_PAY);
	assert_int_equal(fx.fx[0].tender, CORE_TENDER_CARD);
	assert_int_equal(fx.fx[0].amount_cents, balance);
	assert_int_equal(s.busy, CORE_BUSY_PAYING);
	assert_true(s.taking);
	return fx.fx[0].request_id;
}

static void test_terminal_approved(void **state)
{
	uint32_t id;

	(void)state;
	id = to_terminal(8417);
	assert_false(has_fx(CORE_FX_READER_ON));
	assert_true(terminal_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, 0));
	assert_screen("pay-result");
	assert_int_equal(s.outcome, CORE_OUTCOME_APPROVED);
	assert_string_equal(s.last4, "1111"); /* from the terminal's answer */
	assert_string_equal(s.reference, "9915645187654321");
	assert_false(s.taking);
}

/* A decline says so in plain words and the terminal is asked again at once, under a new
 * request; "no card in time" does not ask again by itself, Try again does. */
static void test_terminal_decline_asks_again(void **state)
{
	uint32_t id;

	(void)state;
	id = to_terminal(5000);
	assert_true(terminal_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_DECLINED, CORE_DECLINE_FUNDS));
	assert_screen("pay-card");
	assert_notice("Your card was declined: not enough funds. No money was taken. You can use "
		      "another card now.",
		      true);
	assert_int_equal(fx.count, 1);
	assert_fx(0, CORE_FX_PAY);
	assert_int_equal(fx.fx[0].request_id, id + 1);
	assert_int_equal(s.busy, CORE_BUSY_PAYING);
	assert_true(
	    terminal_answer(id + 1, CORE_FAIL_NONE, CORE_OUTCOME_DECLINED, CORE_DECLINE_PIN_TRIES));
	assert_notice(
	    "The PIN was entered wrong too many times, so this card can't be used now. No "
	    "money was taken. You can use another card.",
	    true);
	assert_true(terminal_answer(id + 2, CORE_FAIL_NONE, CORE_OUTCOME_DECLINED,
				    CORE_DECLINE_CARD_REMOVED));
	assert_notice("The card was removed too early. No money was taken. Please insert it again "
		      "and leave it in until the terminal says to remove it.",
		      true);
	assert_true(
	    terminal_answer(id + 3, CORE_FAIL_NONE, CORE_OUTCOME_DECLINED, CORE_DECLINE_NO_CARD));
	assert_no_fx();
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	assert_notice("No card was presented. No money was taken. Tap Try again to pay by card.",
		      true);
	assert_true(ev(CORE_EV_TRY_ANOTHER_CARD));
	assert_fx(0, CORE_FX_PAY);
	assert_int_equal(fx.fx[0].request_id, id + 4);
	assert_true(terminal_answer(id + 4, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, 0));
	assert_screen("pay-result");
}

/* Cancel while the terminal waits sends Abort (once); the stopped payment goes back to the
 * amount, saying nothing was taken. If the card was faster, the approval stands. */
static void test_terminal_cancel(void **state)
{
	uint32_t id;

	(void)state;
	id = to_terminal(2500);
	assert_true(ev(CORE_EV_CANCEL));
	assert_int_equal(fx.count, 1);
	assert_fx(0, CORE_FX_PAY_ABORT);
	assert_int_equal(fx.fx[0].request_id, id);
	assert_true(s.cancelling);
	assert_false(ev(CORE_EV_CANCEL)); /* once */
	assert_false(ev(CORE_EV_BACK));
	assert_true(terminal_answer(id, CORE_FAIL_CANCELLED, CORE_OUTCOME_NONE, 0));
	assert_screen("pay-amount");
	assert_notice("The payment was cancelled. No money was taken.", false);
	assert_int_equal(s.busy, CORE_BUSY_NONE);

	assert_true(ev(CORE_EV_CONTINUE));
	id = fx.fx[0].request_id;
	assert_true(ev(CORE_EV_CANCEL));
	assert_true(terminal_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, 0));
	assert_screen("pay-result");
	assert_int_equal(s.outcome, CORE_OUTCOME_APPROVED);
}

/* The terminal rebooting (not reached, nothing sent): "back in a minute", nothing taken, the
 * resident may try again; never "not yet confirmed". */
static void test_terminal_offline(void **state)
{
	uint32_t id;

	(void)state;
	id = to_terminal(2500);
	assert_true(terminal_answer(id, CORE_FAIL_OFFLINE, CORE_OUTCOME_NONE, 0));
	assert_screen("pay-card");
	assert_notice("Card payments will be back in a minute: the card terminal is restarting. No "
		      "money was taken. Please try again shortly.",
		      true);
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	assert_int_equal(s.outcome, CORE_OUTCOME_NONE);
	assert_no_fx();
	assert_true(ev(CORE_EV_TRY_ANOTHER_CARD));
	assert_fx(0, CORE_FX_PAY);
}

/* The terminal rebooting with a bill validator ready: the card step offers cash, the other
 * way to pay, for the amount already chosen. Without cash configured, nothing happens. */
static void test_terminal_offline_offers_cash(void **state)
{
	struct core_event e;
	uint32_t id;

	(void)state;
	id = to_terminal(2500);
	assert_true(terminal_answer(id, CORE_FAIL_OFFLINE, CORE_OUTCOME_NONE, 0));
	assert_false(ev(CORE_EV_PAY_BY_CASH)); /* no validator here */
	assert_screen("pay-card");

	s.cfg.cash = true;
	e = mk(CORE_EV_CASH_AVAILABLE);
	e.choice = 1;
	send(&e);
	e = mk(CORE_EV_CASH_PROBLEM); /* and the cash box's word: no alarm, no fault */
	e.choice = CORE_CASH_OK;
	send(&e);
	assert_true(ev(CORE_EV_PAY_BY_CASH));
	assert_screen("pay-cash");
	assert_int_equal(s.tender, CORE_TENDER_CASH);
	assert_int_equal(fx.count, 1);
	assert_fx(0, CORE_FX_PAY);
	assert_int_equal(fx.fx[0].tender, CORE_TENDER_CASH);
	assert_int_equal(fx.fx[0].amount_cents, 2500);
}

/* ---- start ------------------------------------------------------------------------------ */

static void test_defaults_and_init(void **state)
{
	struct core_config cfg;

	(void)state;
	core_config_defaults(&cfg);
	assert_int_equal(cfg.idle_ms, IDLE_MS);
	assert_int_equal(cfg.warning_ms, WARN_MS);
	assert_int_equal(cfg.toast_ms, TOAST_MS);

	assert_int_equal(s.screen, CORE_SCREEN_WELCOME);
	assert_screen("welcome");
	assert_int_equal(s.lang, CORE_LANG_EN);
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	assert_false(s.warning);
	assert_no_notice();
	assert_int_equal(core_next_deadline(&s, now), -1);

	core_init(&s, NULL, 5);
	assert_int_equal(s.cfg.idle_ms, IDLE_MS);
	assert_int_equal(s.last_activity_ms, 5);
}

static void test_field_kinds_and_text(void **state)
{
	(void)state;
	assert_int_equal(core_field_kind(CORE_FIELD_CUSTOMER), CORE_KIND_DIGITS);
	assert_int_equal(core_field_kind(CORE_FIELD_LAST_BILL), CORE_KIND_MONEY);
	assert_int_equal(core_field_kind(CORE_FIELD_AMOUNT), CORE_KIND_MONEY);
	assert_int_equal(core_field_kind(CORE_FIELD_LAST_NAME), CORE_KIND_TEXT);
	assert_string_equal(core_field_text(&s, CORE_FIELD_NONE), "");
	fill_lookup();
	assert_string_equal(core_field_text(&s, CORE_FIELD_CUSTOMER), "100200300");
	assert_string_equal(core_field_text(&s, CORE_FIELD_LAST_NAME), "Peña ");
	assert_string_equal(core_field_text(&s, CORE_FIELD_LAST_BILL), "");
	assert_string_equal(core_field_text(&s, CORE_FIELD_AMOUNT), "");
}

static void test_normalize_customer(void **state)
{
	char out[16];

	(void)state;
	core_normalize_customer("100-200-300", out, sizeof(out));
	assert_string_equal(out, "100200300");
	core_normalize_customer("100 200.300", out, sizeof(out));
	assert_string_equal(out, "100200300");
	core_normalize_customer(" -.", out, sizeof(out));
	assert_string_equal(out, "");
	core_normalize_customer(NULL, out, sizeof(out));
	assert_string_equal(out, "");
	core_normalize_customer("123456", out, 4);
	assert_string_equal(out, "123");
}

/* ---- the happy path --------------------------------------------------------------------- */

static void test_happy_path(void **state)
{
	const struct core_effect *e;
	uint32_t lookup_id, pay_id;

	(void)state;
	/* welcome -> guest-lookup */
	assert_true(ev(CORE_EV_PAY_BILL));
	assert_no_fx();
	assert_screen("guest-lookup");
	assert_int_equal(s.focus, CORE_FIELD_CUSTOMER);
	assert_int_equal(s.verify, CORE_VERIFY_LAST_NAME);

	assert_true(key("100-200-300"));
	assert_string_equal(s.customer_number, "100200300");
	assert_true(focus(CORE_FIELD_LAST_NAME));
	assert_int_equal(s.focus, CORE_FIELD_LAST_NAME);
	key_each("Pe");
	assert_true(key("ñ"));
	key_each("a  ");
	assert_string_equal(s.last_name, "Peña  ");

	/* Continue: one LOOKUP with the digits only and the trimmed name. */
	assert_true(ev(CORE_EV_CONTINUE));
	assert_int_equal(fx.count, 1);
	e = &fx.fx[0];
	assert_int_equal(e->type, CORE_FX_LOOKUP);
	assert_int_equal(e->verify, CORE_VERIFY_LAST_NAME);
	assert_string_equal(e->bill.customer_number, "100200300");
	assert_string_equal(e->bill.last_name, "Peña");
	assert_int_equal(e->bill.last_bill_cents, 0);
	assert_int_equal(e->request_id, s.request_id);
	lookup_id = e->request_id;
	assert_int_equal(lookup_id, 1);
	assert_int_equal(s.busy, CORE_BUSY_LOOKUP);
	assert_screen("guest-lookup");
	assert_no_notice();

	/* The answer: bill summary. */
	assert_true(lookup_answer(lookup_id, CORE_FAIL_NONE, 8417));
	assert_no_fx();
	assert_screen("bill-summary");
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	assert_int_equal(s.bill.balance_cents, 8417);
	assert_string_equal(s.bill.display_number, "100-200-300");
	assert_string_equal(s.bill.due_date, "2024-07-15");
	assert_no_notice();

	/* bill-summary -> pay-amount: the full balance is preselected. */
	assert_true(ev(CORE_EV_CONTINUE));
	assert_no_fx();
	assert_screen("pay-amount");
	assert_false(s.other_amount);
	assert_int_equal(s.focus, CORE_FIELD_NONE);

	/* pay-amount -> pay-card: the reader turns on. */
	assert_true(ev(CORE_EV_CONTINUE));
	assert_screen("pay-card");
	assert_int_equal(fx.count, 1);
	assert_fx(0, CORE_FX_READER_ON);
	assert_int_equal(s.amount_cents, 8417);

	/* A swipe: reader off, then PAY with a fresh request id. */
	assert_true(swipe(CORE_FAIL_NONE, "VISA", "4242"));
	assert_int_equal(fx.count, 2);
	assert_fx(0, CORE_FX_READER_OFF);
	assert_fx(1, CORE_FX_PAY);
	e = &fx.fx[1];
	pay_id = e->request_id;
	assert_int_equal(pay_id, lookup_id + 1);
	assert_int_equal(e->amount_cents, 8417);
	assert_string_equal(e->bill.customer_number, "100200300");
	assert_int_equal(s.busy, CORE_BUSY_PAYING);
	assert_string_equal(s.brand, "VISA");
	assert_string_equal(s.last4, "4242");
	assert_screen("pay-card");

	/* Approved. */
	now += 3000;
	assert_true(pay_answer(pay_id, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, "R-0001", ""));
	assert_no_fx();
	assert_screen("pay-result");
	assert_int_equal(s.outcome, CORE_OUTCOME_APPROVED);
	assert_string_equal(s.reference, "R-0001");
	assert_string_equal(s.decline_reason, "");
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	assert_false(s.receipt_printed);

	/* Receipt. */
	assert_true(ev(CORE_EV_PRINT_RECEIPT));
	assert_int_equal(fx.count, 1);
	assert_fx(0, CORE_FX_PRINT);
	assert_int_equal(fx.fx[0].amount_cents, 8417);
	assert_int_equal(s.busy, CORE_BUSY_PRINTING);
	assert_false(ev(CORE_EV_PRINT_RECEIPT)); /* not twice at once */
	assert_no_fx();
	now += 2000;
	assert_true(print_answer(CORE_FAIL_NONE));
	assert_true(s.receipt_printed);
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	assert_notice(MSG_RECEIPT, false);
	assert_int_equal(s.notice.until_ms, now + TOAST_MS);

	/* Done: the session ends. */
	assert_true(ev(CORE_EV_DONE));
	assert_session_ended();
	assert_true(s.request_id > pay_id);
	assert_int_equal(core_next_deadline(&s, now), -1);
}

static void test_pay_other_amount(void **state)
{
	(void)state;
	to_amount(8417);
	assert_true(ev(CORE_EV_PAY_OTHER));
	assert_true(s.other_amount);
	assert_int_equal(s.focus, CORE_FIELD_AMOUNT);
	key("20.5");
	assert_string_equal(s.amount_text, "20.5");
	assert_true(ev(CORE_EV_CONTINUE));
	assert_screen("pay-card");
	assert_int_equal(s.amount_cents, 2050);
	assert_fx(0, CORE_FX_READER_ON);
	assert_int_equal(fx.fx[0].amount_cents, 2050);

	swipe(CORE_FAIL_NONE, "MC", "5454");
	assert_fx(1, CORE_FX_PAY);
	assert_int_equal(fx.fx[1].amount_cents, 2050);
}

static void test_focus_amount_selects_other(void **state)
{
	(void)state;
	to_amount(8417);
	assert_true(focus(CORE_FIELD_AMOUNT));
	assert_true(s.other_amount);
	key("84.17");
	assert_true(ev(CORE_EV_CONTINUE));
	assert_screen("pay-card");
	assert_int_equal(s.amount_cents, 8417); /* exactly the balance is fine */
}

static void test_pay_full_after_other(void **state)
{
	(void)state;
	to_amount(8417);
	ev(CORE_EV_PAY_OTHER);
	key("1");
	assert_true(ev(CORE_EV_PAY_FULL));
	assert_false(s.other_amount);
	assert_int_equal(s.focus, CORE_FIELD_NONE);
	assert_true(ev(CORE_EV_CONTINUE));
	assert_int_equal(s.amount_cents, 8417);
	/* PAY_FULL / PAY_OTHER only mean something on pay-amount. */
	assert_false(ev(CORE_EV_PAY_OTHER));
	assert_false(ev(CORE_EV_PAY_FULL));
}

static void test_last_bill_verify(void **state)
{
	const struct core_effect *e;

	(void)state;
	ev(CORE_EV_PAY_BILL);
	key("100 200 300");
	assert_true(set_verify(CORE_VERIFY_LAST_BILL));
	assert_int_equal(s.verify, CORE_VERIFY_LAST_BILL);
	assert_int_equal(s.focus, CORE_FIELD_LAST_BILL);
	key("84.17");
	assert_string_equal(s.last_bill, "84.17");
	assert_true(ev(CORE_EV_CONTINUE));
	assert_int_equal(fx.count, 1);
	e = &fx.fx[0];
	assert_int_equal(e->type, CORE_FX_LOOKUP);
	assert_int_equal(e->verify, CORE_VERIFY_LAST_BILL);
	assert_string_equal(e->bill.customer_number, "100200300");
	assert_int_equal(e->bill.last_bill_cents, 8417);
	assert_string_equal(e->bill.last_name, "");

	/* A miss names what to check for this way of verifying. */
	assert_true(lookup_answer(e->request_id, CORE_FAIL_NOT_FOUND, 0));
	assert_screen("guest-lookup");
	assert_notice(MSG_NOT_FOUND_BILL, true);

	/* Back to the name: the focus follows. */
	assert_true(set_verify(CORE_VERIFY_LAST_NAME));
	assert_int_equal(s.focus, CORE_FIELD_LAST_NAME);
	assert_no_notice();
}

static void test_last_bill_invalid(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	key("100200300");
	set_verify(CORE_VERIFY_LAST_BILL);
	assert_true(ev(CORE_EV_CONTINUE));
	assert_no_fx();
	assert_notice(MSG_LAST_BILL, true);
	assert_int_equal(s.focus, CORE_FIELD_LAST_BILL);
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	assert_int_equal(s.request_id, 0);

	key(".");
	assert_true(ev(CORE_EV_CONTINUE));
	assert_no_fx();
	assert_notice(MSG_LAST_BILL, true);
}

static void test_set_verify_only_on_lookup(void **state)
{
	(void)state;
	assert_false(set_verify(CORE_VERIFY_LAST_BILL));
	assert_int_equal(s.verify, CORE_VERIFY_LAST_NAME);
	fill_lookup();
	ev(CORE_EV_CONTINUE);
	assert_false(set_verify(CORE_VERIFY_LAST_BILL)); /* busy */
	assert_int_equal(s.verify, CORE_VERIFY_LAST_NAME);
}

/* ---- keypad filters --------------------------------------------------------------------- */

static void test_customer_filter(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	assert_true(key("12-34 5.6a/"));
	assert_string_equal(s.customer_number, "123456");
	assert_false(key("-")); /* nothing kept: nothing changed */
	assert_false(key("x"));
	assert_string_equal(s.customer_number, "123456");
	key_each("7-8-9");
	assert_string_equal(s.customer_number, "123456789");
	/* At most 12 digits. */
	key("0123456");
	assert_string_equal(s.customer_number, "123456789012");
	/* A 13th digit is refused at the field, and the field says why. */
	assert_true(key("9"));
	assert_string_equal(s.customer_number, "123456789012");
	assert_notice("A customer number has 6 to 12 digits.", true);
	assert_int_equal(s.notice.field, CORE_FIELD_CUSTOMER);
	assert_int_equal(strlen(core_field_text(&s, CORE_FIELD_CUSTOMER)), 12);
}

static void test_money_filter(void **state)
{
	(void)state;
	to_amount(1000000);
	ev(CORE_EV_PAY_OTHER);

	key("12.345");
	assert_string_equal(s.amount_text, "12.34"); /* two decimals */
	ev(CORE_EV_CLEAR);
	assert_string_equal(s.amount_text, "");

	key("1.2.3");
	assert_string_equal(s.amount_text, "1.23"); /* one point */
	assert_false(key("."));
	assert_false(key("5"));
	ev(CORE_EV_CLEAR);

	key("a-1,5$");
	assert_string_equal(s.amount_text, "15"); /* digits and a point only */
	ev(CORE_EV_CLEAR);

	key("05");
	assert_string_equal(s.amount_text, "0"); /* no leading zero */
	key(".5");
	assert_string_equal(s.amount_text, "0.5");
	ev(CORE_EV_CLEAR);

	key(".75");
	assert_string_equal(s.amount_text, ".75");
	ev(CORE_EV_CLEAR);

	key("123456789");
	assert_string_equal(s.amount_text, "1234567"); /* bounded */
	key(".999");
	assert_string_equal(s.amount_text, "1234567.99");
	assert_true(strlen(s.amount_text) < sizeof(s.amount_text));
}

static void test_last_bill_filter(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	set_verify(CORE_VERIFY_LAST_BILL);
	key("$84.179");
	assert_string_equal(s.last_bill, "84.17");
	assert_string_equal(s.customer_number, ""); /* nothing leaked into another field */
}

static void test_name_filter(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	focus(CORE_FIELD_LAST_NAME);
	assert_true(key("Peña"));
	assert_string_equal(s.last_name, "Peña");
	assert_string_equal(core_field_text(&s, CORE_FIELD_LAST_NAME), "Pe\xc3\xb1"
								       "a");
	ev(CORE_EV_CLEAR);
	assert_string_equal(s.last_name, "");

	assert_false(key(" ")); /* no leading space */
	key("O'Brien-Smith Jr.");
	assert_string_equal(s.last_name, "O'Brien-Smith Jr.");
	ev(CORE_EV_CLEAR);

	key("Sm1th2");
	assert_string_equal(s.last_name, "Smth"); /* digits are not a name */
	ev(CORE_EV_CLEAR);

	key("Müller-Łukasz Nguyễn");
	assert_string_equal(s.last_name, "Müller-Łukasz Nguyễn");
	assert_string_equal(s.customer_number, "");
}

static void test_name_max_length(void **state)
{
	char want[64];

	(void)state;
	ev(CORE_EV_PAY_BILL);
	focus(CORE_FIELD_LAST_NAME);
	for (int i = 0; i < 60; i++)
		key("a");
	assert_int_equal(strlen(s.last_name), sizeof(s.last_name) - 1);
	assert_false(key("b"));
	assert_int_equal(strlen(s.last_name), sizeof(s.last_name) - 1);

	/* A multi-byte character goes in whole or not at all: never half of one. */
	ev(CORE_EV_CLEAR);
	for (size_t i = 0; i < sizeof(s.last_name) - 2; i++)
		key("a"); /* one byte left */
	assert_false(key("ñ"));
	memset(want, 'a', sizeof(s.last_name) - 2);
	want[0] = 'A'; /* the first letter of a name is a capital unless Shift says not */
	want[sizeof(s.last_name) - 2] = '\0';
	assert_string_equal(s.last_name, want);

	ev(CORE_EV_BACKSPACE); /* two bytes left */
	assert_true(key("ñ"));
	snprintf(want + sizeof(s.last_name) - 3, sizeof(want) - (sizeof(s.last_name) - 3), "ñ");
	assert_string_equal(s.last_name, want);
	assert_int_equal(strlen(s.last_name), sizeof(s.last_name) - 1);
}

static void test_name_rejects_broken_utf8(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	focus(CORE_FIELD_LAST_NAME);
	key("Pe");
	assert_false(key("\xc3"));     /* a lead byte without its continuation */
	assert_false(key("\xb1"));     /* a stray continuation byte */
	assert_false(key("\xe2\x82")); /* a truncated three-byte character */
	assert_string_equal(s.last_name, "Pe");
	key("\xc3\xb1"
	    "a");
	assert_string_equal(s.last_name, "Peña");
}

static void test_backspace_utf8(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	focus(CORE_FIELD_LAST_NAME);
	key("Peña");
	assert_true(ev(CORE_EV_BACKSPACE));
	assert_string_equal(s.last_name, "Peñ");
	assert_true(ev(CORE_EV_BACKSPACE)); /* both bytes of ñ */
	assert_string_equal(s.last_name, "Pe");
	ev(CORE_EV_CLEAR);

	key("Lee李"); /* three bytes */
	ev(CORE_EV_BACKSPACE);
	assert_string_equal(s.last_name, "Lee");
	ev(CORE_EV_CLEAR);

	key("ñ");
	assert_true(ev(CORE_EV_BACKSPACE));
	assert_string_equal(s.last_name, "");
	assert_false(ev(CORE_EV_BACKSPACE)); /* empty: nothing to remove */

	focus(CORE_FIELD_CUSTOMER);
	key("123");
	ev(CORE_EV_BACKSPACE);
	assert_string_equal(s.customer_number, "12");
}

static void test_keys_without_field(void **state)
{
	(void)state;
	to_amount(8417); /* full amount: no field focused */
	assert_int_equal(s.focus, CORE_FIELD_NONE);
	assert_false(key("5"));
	assert_false(ev(CORE_EV_BACKSPACE));
	assert_false(ev(CORE_EV_CLEAR));
	assert_string_equal(s.amount_text, "");
}

/* ---- validation ------------------------------------------------------------------------- */

static void test_short_customer_number(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	key("12-345");
	focus(CORE_FIELD_LAST_NAME);
	key("Peña");
	assert_true(ev(CORE_EV_CONTINUE));
	assert_no_fx();
	assert_screen("guest-lookup");
	/* Five digits: refused at the field, with the length a number has. */
	assert_notice("A customer number has 6 to 12 digits.", true);
	assert_int_equal(s.notice.field, CORE_FIELD_CUSTOMER);
	assert_int_equal(s.notice.until_ms, 0);
	assert_int_equal(s.focus, CORE_FIELD_CUSTOMER);
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	assert_int_equal(s.request_id, 0);

	/* Typing a digit clears the error; six digits are enough. */
	assert_true(key("6"));
	assert_no_notice();
	assert_true(ev(CORE_EV_CONTINUE));
	assert_fx(0, CORE_FX_LOOKUP);
	assert_string_equal(fx.fx[0].bill.customer_number, "123456");
}

static void test_empty_customer_number(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	assert_true(ev(CORE_EV_CONTINUE));
	assert_no_fx();
	assert_notice(MSG_CUSTOMER, true);
}

static void test_empty_name(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	key("100200300");
	assert_true(ev(CORE_EV_CONTINUE));
	assert_no_fx();
	assert_notice(MSG_NAME, true);
	assert_int_equal(s.focus, CORE_FIELD_LAST_NAME);
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	assert_int_equal(s.request_id, 0);
}

static void test_zero_amount(void **state)
{
	(void)state;
	to_amount(8417);
	ev(CORE_EV_PAY_OTHER);
	assert_true(ev(CORE_EV_CONTINUE)); /* empty */
	assert_no_fx();
	assert_screen("pay-amount");
	assert_notice(MSG_AMOUNT, true);

	key("0");
	assert_no_notice(); /* typing clears the error */
	ev(CORE_EV_CONTINUE);
	assert_no_fx();
	/* An amount of nothing says what is wrong with it. */
	assert_notice("The amount must be more than zero.", true);
	assert_int_equal(s.focus, CORE_FIELD_AMOUNT);

	key(".00");
	assert_string_equal(s.amount_text, "0.00");
	ev(CORE_EV_CONTINUE);
	assert_no_fx();
	assert_screen("pay-amount");
	assert_notice("The amount must be more than zero.", true);
	assert_int_equal(s.amount_cents, 0);
}

static void test_amount_above_balance(void **state)
{
	(void)state;
	to_amount(8417);
	ev(CORE_EV_PAY_OTHER);
	key("84.18");
	assert_true(ev(CORE_EV_CONTINUE));
	assert_no_fx();
	assert_screen("pay-amount");
	assert_notice(MSG_TOO_MUCH, true);
	assert_string_equal(s.notice.arg, "$84.17");
	assert_int_equal(s.focus, CORE_FIELD_AMOUNT);
}

static void test_amount_above_balance_thousands(void **state)
{
	(void)state;
	to_amount(123456);
	ev(CORE_EV_PAY_OTHER);
	key("2000");
	ev(CORE_EV_CONTINUE);
	assert_notice(MSG_TOO_MUCH, true);
	assert_string_equal(s.notice.arg, "$1,234.56");
	assert_screen("pay-amount");
}

static void test_nothing_due(void **state)
{
	(void)state;
	to_summary(0);
	/* The summary says so itself; no notice doubles it. */
	assert_no_notice();
	ev(CORE_EV_CONTINUE);
	assert_no_fx();
	assert_screen("bill-summary");
	assert_int_equal(s.screen, CORE_SCREEN_BILL_SUMMARY);
	assert_false(ev(CORE_EV_PAY_OTHER));
}

static void test_credit_balance_nothing_due(void **state)
{
	(void)state;
	to_summary(-2500);
	assert_no_notice();
	ev(CORE_EV_CONTINUE);
	assert_screen("bill-summary");
}

/* ---- lookup failures and stale answers -------------------------------------------------- */

static void check_lookup_failure(enum core_failure failure, const char *msgid)
{
	uint32_t id;

	setup(NULL);
	fill_lookup();
	ev(CORE_EV_CONTINUE);
	id = fx.fx[0].request_id;
	now += 1500;
	assert_true(lookup_answer(id, failure, 0));
	assert_no_fx();
	assert_screen("guest-lookup");
	assert_notice(msgid, true);
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	/* What was typed stays, so the resident can fix it and try again. */
	assert_string_equal(s.customer_number, "100200300");
	assert_string_equal(s.last_name, "Peña ");
	assert_true(ev(CORE_EV_CONTINUE));
	assert_fx(0, CORE_FX_LOOKUP);
	assert_int_equal(fx.fx[0].request_id, id + 1);
	assert_no_notice();
}

static void test_lookup_failures(void **state)
{
	(void)state;
	check_lookup_failure(CORE_FAIL_NOT_FOUND, MSG_NOT_FOUND_NAME);
	check_lookup_failure(CORE_FAIL_UNREACHABLE, MSG_UNREACHABLE);
	check_lookup_failure(CORE_FAIL_TIMEOUT, MSG_UNREACHABLE);
	check_lookup_failure(CORE_FAIL_GARBLED, MSG_GARBLED);
}

static void test_busy_lookup_blocks_input(void **state)
{
	(void)state;
	fill_lookup();
	ev(CORE_EV_CONTINUE);
	assert_int_equal(s.busy, CORE_BUSY_LOOKUP);
	assert_false(ev(CORE_EV_CONTINUE)); /* no second lookup */
	assert_no_fx();
	assert_int_equal(s.request_id, 1);
	assert_false(key("9"));
	assert_false(ev(CORE_EV_BACKSPACE));
	assert_false(ev(CORE_EV_CLEAR));
	assert_string_equal(s.customer_number, "100200300");
}

static void test_stale_lookup_ignored(void **state)
{
	uint32_t id;

	(void)state;
	fill_lookup();
	ev(CORE_EV_CONTINUE);
	id = fx.fx[0].request_id;
	/* An answer to some older request changes nothing. */
	assert_false(lookup_answer(id - 1, CORE_FAIL_NONE, 8417));
	assert_no_fx();
	assert_screen("guest-lookup");
	assert_int_equal(s.busy, CORE_BUSY_LOOKUP);
	assert_false(lookup_answer(id + 1, CORE_FAIL_NONE, 8417));
	assert_screen("guest-lookup");

	/* The resident gives up; the answer arrives afterwards. */
	ev(CORE_EV_CANCEL);
	assert_session_ended();
	assert_false(lookup_answer(id, CORE_FAIL_NONE, 8417));
	assert_screen("welcome");
	assert_string_equal(s.bill.customer_number, "");

	/* A new session's lookup is not confused with the old one. */
	fill_lookup();
	ev(CORE_EV_CONTINUE);
	assert_true(fx.fx[0].request_id != id);
	assert_false(lookup_answer(id, CORE_FAIL_NONE, 8417));
	assert_int_equal(s.busy, CORE_BUSY_LOOKUP);
	assert_true(lookup_answer(fx.fx[0].request_id, CORE_FAIL_NONE, 8417));
	assert_screen("bill-summary");
}

static void test_duplicate_lookup_answer_ignored(void **state)
{
	uint32_t id;

	(void)state;
	id = to_summary(8417);
	ev(CORE_EV_CONTINUE);
	assert_screen("pay-amount");
	assert_false(lookup_answer(id, CORE_FAIL_NOT_FOUND, 0));
	assert_screen("pay-amount");
	assert_no_notice();
}

/* ---- back and cancel -------------------------------------------------------------------- */

static void test_back_each_step(void **state)
{
	(void)state;
	to_card(8417);

	/* pay-card -> pay-amount: the reader goes off. */
	assert_true(ev(CORE_EV_BACK));
	assert_int_equal(fx.count, 1);
	assert_fx(0, CORE_FX_READER_OFF);
	assert_screen("pay-amount");

	/* pay-amount -> bill-summary */
	assert_true(ev(CORE_EV_BACK));
	assert_no_fx();
	assert_screen("bill-summary");
	assert_int_equal(s.bill.balance_cents, 8417);

	/* bill-summary -> guest-lookup, with what was typed kept. */
	assert_true(ev(CORE_EV_BACK));
	assert_no_fx();
	assert_screen("guest-lookup");
	assert_int_equal(s.focus, CORE_FIELD_CUSTOMER);
	assert_string_equal(s.customer_number, "100200300");
	assert_string_equal(s.last_name, "Peña ");

	/* guest-lookup -> welcome: the session ends. */
	assert_true(ev(CORE_EV_BACK));
	assert_session_ended();
}

static void test_back_from_other_amount_keeps_it(void **state)
{
	(void)state;
	to_amount(8417);
	ev(CORE_EV_PAY_OTHER);
	key("20");
	ev(CORE_EV_CONTINUE);
	assert_screen("pay-card");
	ev(CORE_EV_BACK);
	assert_screen("pay-amount");
	assert_true(s.other_amount);
	assert_int_equal(s.focus, CORE_FIELD_AMOUNT);
	assert_string_equal(s.amount_text, "20");
}

static void test_back_refused_on_result(void **state)
{
	uint32_t id;

	(void)state;
	id = to_paying(8417);
	pay_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, "R-1", "");
	assert_false(ev(CORE_EV_BACK));
	assert_no_fx();
	assert_screen("pay-result");
}

static void check_cancel(int step)
{
	setup(NULL);
	switch (step) {
	case 0: fill_lookup(); break;
	case 1:
		fill_lookup();
		ev(CORE_EV_CONTINUE); /* lookup in flight */
		break;
	case 2: to_summary(8417); break;
	case 3: to_amount(8417); break;
	case 4: to_card(8417); break;
	case 5: {
		uint32_t id = to_paying(8417);
		pay_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_DECLINED, "", "Declined");
		assert_screen("pay-result");
		break;
	}
	}
	assert_true(ev(CORE_EV_CANCEL));
	assert_session_ended();
	assert_int_equal(core_next_deadline(&s, now), -1);
}

static void test_cancel_each_step(void **state)
{
	(void)state;
	for (int step = 0; step <= 5; step++)
		check_cancel(step);
}

static void test_back_cancel_refused_while_paying(void **state)
{
	uint32_t id;

	(void)state;
	id = to_paying(8417);
	assert_false(ev(CORE_EV_BACK));
	assert_no_fx();
	assert_false(ev(CORE_EV_CANCEL));
	assert_no_fx();
	assert_false(ev(CORE_EV_DONE));
	assert_no_fx();
	assert_screen("pay-card");
	assert_int_equal(s.busy, CORE_BUSY_PAYING);
	assert_string_equal(s.last4, "4242");
	/* A second swipe while paying starts nothing. */
	swipe(CORE_FAIL_NONE, "MC", "5454");
	assert_no_fx();
	assert_string_equal(s.last4, "4242");
	/* And the answer still lands. */
	assert_true(pay_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, "R-9", ""));
	assert_screen("pay-result");
}

/* ---- card and payment ------------------------------------------------------------------- */

static void test_card_read_failures(void **state)
{
	(void)state;
	to_card(8417);

	swipe(CORE_FAIL_BAD_SWIPE, "", "");
	assert_no_fx();
	assert_screen("pay-card");
	assert_notice(MSG_BAD_SWIPE, true);
	assert_int_equal(s.busy, CORE_BUSY_NONE);

	swipe(CORE_FAIL_EXPIRED, "VISA", "1111");
	assert_no_fx();
	assert_screen("pay-card");
	assert_notice(MSG_EXPIRED, true);
	assert_string_equal(s.last4, "");

	swipe(CORE_FAIL_PRINTER, "", ""); /* any other failure: the reader itself */
	assert_no_fx();
	assert_notice(MSG_READER, true);

	/* A good swipe then pays, and clears the notice. */
	swipe(CORE_FAIL_NONE, "VISA", "4242");
	assert_fx(0, CORE_FX_READER_OFF);
	assert_fx(1, CORE_FX_PAY);
	assert_no_notice();
}

static void test_swipe_outside_pay_card_ignored(void **state)
{
	(void)state;
	swipe(CORE_FAIL_NONE, "VISA", "4242");
	assert_no_fx();
	assert_screen("welcome");
	to_amount(8417);
	swipe(CORE_FAIL_NONE, "VISA", "4242");
	assert_no_fx();
	assert_screen("pay-amount");
	assert_string_equal(s.last4, "");
	assert_int_equal(s.busy, CORE_BUSY_NONE);
}

static void test_decline_try_another_card(void **state)
{
	uint32_t id;

	(void)state;
	id = to_paying(8417);
	assert_true(
	    pay_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_DECLINED, "", "Insufficient funds"));
	assert_no_fx();
	assert_screen("pay-result");
	assert_int_equal(s.outcome, CORE_OUTCOME_DECLINED);
	assert_string_equal(s.decline_reason, "Insufficient funds");

	assert_true(ev(CORE_EV_TRY_ANOTHER_CARD));
	assert_screen("pay-card");
	assert_int_equal(fx.count, 1);
	assert_fx(0, CORE_FX_READER_ON);
	assert_false(has_fx(CORE_FX_PAY));
	assert_int_equal(fx.fx[0].amount_cents, 8417);
	assert_int_equal(s.outcome, CORE_OUTCOME_NONE);

	swipe(CORE_FAIL_NONE, "MC", "5454");
	assert_fx(1, CORE_FX_PAY);
	assert_int_equal(fx.fx[1].request_id, id + 1);
	assert_string_equal(s.last4, "5454");
	/* The first attempt's answer repeated is ignored. */
	assert_false(pay_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, "R-X", ""));
	assert_int_equal(s.busy, CORE_BUSY_PAYING);
	assert_true(pay_answer(id + 1, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, "R-2", ""));
	assert_int_equal(s.outcome, CORE_OUTCOME_APPROVED);
	assert_string_equal(s.reference, "R-2");
	assert_string_equal(s.decline_reason, "");
}

static void test_try_another_card_only_after_decline(void **state)
{
	uint32_t id;

	(void)state;
	assert_false(ev(CORE_EV_TRY_ANOTHER_CARD));
	id = to_paying(8417);
	assert_false(ev(CORE_EV_TRY_ANOTHER_CARD));
	pay_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, "R-1", "");
	assert_false(ev(CORE_EV_TRY_ANOTHER_CARD));
	assert_no_fx();
	assert_screen("pay-result");
}

static void test_pay_timeout_in_doubt(void **state)
{
	uint32_t id;

	(void)state;
	id = to_paying(8417);
	assert_true(pay_answer(id, CORE_FAIL_TIMEOUT, CORE_OUTCOME_NONE, "", ""));
	assert_screen("pay-result");
	assert_int_equal(s.outcome, CORE_OUTCOME_IN_DOUBT);
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	assert_false(ev(CORE_EV_TRY_ANOTHER_CARD)); /* never a second charge on a maybe */
}

static void test_pay_in_doubt_outcome_and_garbled(void **state)
{
	uint32_t id;

	(void)state;
	id = to_paying(8417);
	pay_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_IN_DOUBT, "R-7", "");
	assert_int_equal(s.outcome, CORE_OUTCOME_IN_DOUBT);
	assert_screen("pay-result");

	setup(NULL);
	id = to_paying(8417);
	/* A garbled answer claiming approval is not trusted. */
	pay_answer(id, CORE_FAIL_GARBLED, CORE_OUTCOME_APPROVED, "", "");
	assert_int_equal(s.outcome, CORE_OUTCOME_IN_DOUBT);
	assert_screen("pay-result");
}

static void check_pay_not_sent(enum core_failure failure, const char *msgid)
{
	uint32_t id;

	setup(NULL);
	id = to_paying(8417);
	assert_true(pay_answer(id, failure, CORE_OUTCOME_NONE, "", ""));
	assert_screen("pay-card");
	assert_notice(msgid, true);
	assert_non_null(strstr(s.notice.msgid, "No money was taken"));
	assert_int_equal(s.busy, CORE_BUSY_NONE);
	assert_int_equal(s.outcome, CORE_OUTCOME_NONE);
	/* The reader went off for the attempt; it must be back on to swipe again. */
	assert_int_equal(fx.count, 1);
	assert_fx(0, CORE_FX_READER_ON);
	/* Swiping again starts a new attempt. */
	swipe(CORE_FAIL_NONE, "VISA", "4242");
	assert_fx(1, CORE_FX_PAY);
	assert_int_equal(fx.fx[1].request_id, id + 1);
	/* Back and Cancel work again once nothing is in flight. */
	pay_answer(id + 1, failure, CORE_OUTCOME_NONE, "", "");
	assert_true(ev(CORE_EV_CANCEL));
	assert_session_ended();
}

static void test_pay_not_sent_keeps_card_step(void **state)
{
	(void)state;
	check_pay_not_sent(CORE_FAIL_STORE, MSG_PAY_STORE);
	check_pay_not_sent(CORE_FAIL_UNREACHABLE, MSG_PAY_UNREACHABLE);
}

static void test_stale_pay_done_ignored(void **state)
{
	uint32_t id;

	(void)state;
	id = to_paying(8417);
	assert_false(pay_answer(id - 1, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, "R-old", ""));
	assert_no_fx();
	assert_screen("pay-card");
	assert_int_equal(s.busy, CORE_BUSY_PAYING);
	assert_int_equal(s.outcome, CORE_OUTCOME_NONE);
	assert_string_equal(s.reference, "");

	/* Not paying at all: a PAY_DONE is ignored even with the current id. */
	setup(NULL);
	to_card(8417);
	assert_false(pay_answer(s.request_id, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, "R", ""));
	assert_screen("pay-card");
}

static void test_print_failures(void **state)
{
	uint32_t id;

	(void)state;
	id = to_paying(8417);
	pay_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, "R-0042", "");

	assert_false(print_answer(CORE_FAIL_NONE)); /* nothing printing */
	assert_false(s.receipt_printed);

	ev(CORE_EV_PRINT_RECEIPT);
	assert_true(print_answer(CORE_FAIL_PAPER_OUT));
	assert_notice(MSG_PAPER_OUT, true);
	assert_string_equal(s.notice.arg, "R-0042");
	assert_false(s.receipt_printed);
	assert_int_equal(s.busy, CORE_BUSY_NONE);

	ev(CORE_EV_PRINT_RECEIPT);
	assert_no_notice();
	print_answer(CORE_FAIL_PRINTER);
	assert_notice(MSG_PRINTER, true);
	assert_string_equal(s.notice.arg, "R-0042");
	assert_screen("pay-result");
}

static void test_print_only_on_result(void **state)
{
	(void)state;
	to_card(8417);
	assert_false(ev(CORE_EV_PRINT_RECEIPT));
	assert_no_fx();
	assert_int_equal(s.busy, CORE_BUSY_NONE);
}

/* ---- idle timeout ----------------------------------------------------------------------- */

static void test_no_deadline_on_welcome(void **state)
{
	(void)state;
	assert_int_equal(core_next_deadline(&s, now), -1);
	assert_false(tick_at(T0 + 10 * IDLE_MS));
	assert_no_fx();
	assert_false(s.warning);
	assert_screen("welcome");
	assert_int_equal(core_next_deadline(&s, now), -1);
	assert_int_equal(core_warning_seconds_left(&s, now), 0);
	/* The language toggle on welcome starts no timer either. */
	ev(CORE_EV_TOGGLE_LANG);
	assert_int_equal(core_next_deadline(&s, now), -1);
}

static void test_idle_warning_and_countdown(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	key("123");
	assert_int_equal(core_next_deadline(&s, now), T0 + IDLE_MS);

	assert_false(tick_at(T0 + IDLE_MS - 1));
	assert_false(s.warning);
	assert_screen("guest-lookup");

	assert_true(tick_at(T0 + IDLE_MS));
	assert_no_fx();
	assert_true(s.warning);
	assert_screen("timeout-warning");
	assert_int_equal(s.screen, CORE_SCREEN_GUEST_LOOKUP); /* underneath, unchanged */
	assert_int_equal(core_warning_seconds_left(&s, now), 20);
	assert_int_equal(core_next_deadline(&s, now), now + 1000);

	assert_true(tick_at(T0 + IDLE_MS + 5500));
	assert_true(s.warning);
	assert_int_equal(core_warning_seconds_left(&s, now), 15);
	assert_int_equal(core_next_deadline(&s, now), T0 + IDLE_MS + 6000);

	assert_true(tick_at(T0 + IDLE_MS + 19500));
	assert_int_equal(core_warning_seconds_left(&s, now), 1);
	assert_int_equal(core_next_deadline(&s, now), T0 + IDLE_MS + WARN_MS);
	assert_true(s.warning);
	assert_no_fx();
	assert_string_equal(s.customer_number, "123");
}

static void test_activity_postpones_warning(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	now = T0 + 50000;
	key("1");
	assert_int_equal(core_next_deadline(&s, now), T0 + 50000 + IDLE_MS);
	assert_false(tick_at(T0 + IDLE_MS));
	assert_false(s.warning);
	now = T0 + 100000;
	ev(CORE_EV_TOUCH);
	assert_false(tick_at(T0 + 50000 + IDLE_MS));
	assert_false(s.warning);
	assert_true(tick_at(T0 + 100000 + IDLE_MS));
	assert_true(s.warning);
}

static void test_more_time_dismisses(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	key("123");
	tick_at(T0 + IDLE_MS);
	assert_screen("timeout-warning");

	/* Keys behind the warning do nothing. */
	now += 3000;
	assert_false(key("4"));
	assert_string_equal(s.customer_number, "123");
	assert_false(ev(CORE_EV_CONTINUE));
	assert_false(ev(CORE_EV_CANCEL));
	assert_no_fx();
	assert_screen("timeout-warning");

	assert_true(ev(CORE_EV_MORE_TIME));
	assert_no_fx();
	assert_false(s.warning);
	assert_screen("guest-lookup");
	assert_string_equal(s.customer_number, "123");
	assert_int_equal(core_next_deadline(&s, now), now + IDLE_MS);
	assert_int_equal(core_warning_seconds_left(&s, now), 0);
	/* Well past the old countdown's end: nothing is wiped. */
	assert_false(tick_at(T0 + IDLE_MS + WARN_MS + 1));
	assert_screen("guest-lookup");
	assert_false(ev(CORE_EV_MORE_TIME)); /* no warning to dismiss */
}

static void test_touch_dismisses_warning(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	tick_at(T0 + IDLE_MS);
	assert_true(s.warning);
	assert_true(ev(CORE_EV_TOUCH));
	assert_false(s.warning);
	assert_screen("guest-lookup");
}

static void test_expiry_wipes_session_and_language(void **state)
{
	uint32_t id;
	int64_t t;

	(void)state;
	id = to_paying(8417);
	pay_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_DECLINED, "", "Do not honor");
	ev(CORE_EV_TRY_ANOTHER_CARD);
	ev(CORE_EV_BACK);
	ev(CORE_EV_PAY_OTHER);
	key("12.34");
	ev(CORE_EV_TOGGLE_LANG);
	assert_int_equal(s.lang, CORE_LANG_ES);
	assert_string_equal(s.last4, "4242");
	assert_string_equal(s.amount_text, "12.34");

	t = now + IDLE_MS;
	assert_true(tick_at(t));
	assert_true(s.warning);
	assert_true(tick_at(t + WARN_MS - 1));
	assert_no_fx();
	assert_true(s.warning);

	assert_true(tick_at(t + WARN_MS));
	assert_session_ended();
	/* The next resident starts in the kiosk's default language. */
	assert_int_equal(s.lang, CORE_LANG_EN);
	assert_string_equal(core_field_text(&s, CORE_FIELD_CUSTOMER), "");
	assert_string_equal(core_field_text(&s, CORE_FIELD_LAST_NAME), "");
	assert_string_equal(core_field_text(&s, CORE_FIELD_AMOUNT), "");
	assert_string_equal(s.bill.last_name, "");
	assert_string_equal(s.decline_reason, "");
	assert_int_equal(s.outcome, CORE_OUTCOME_NONE);
	assert_false(s.other_amount);
	assert_int_equal(s.cfg.idle_ms, IDLE_MS);
	assert_int_equal(core_next_deadline(&s, now), -1);
	assert_int_equal(core_warning_seconds_left(&s, now), 0);

	/* The kiosk stays quiet afterwards. */
	assert_false(tick_at(now + 10 * IDLE_MS));
	assert_no_fx();
	assert_screen("welcome");
}

static void test_expiry_late_tick(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	key("100200300");
	tick_at(T0 + IDLE_MS);
	/* The loop slept through the countdown: the next tick still wipes. */
	assert_true(tick_at(T0 + IDLE_MS + 5 * WARN_MS));
	assert_session_ended();
}

static void test_expiry_during_lookup_drops_answer(void **state)
{
	uint32_t id;

	(void)state;
	fill_lookup();
	ev(CORE_EV_CONTINUE);
	id = fx.fx[0].request_id;
	tick_at(now + IDLE_MS);
	tick_at(now + WARN_MS);
	assert_session_ended();
	assert_false(lookup_answer(id, CORE_FAIL_NONE, 8417));
	assert_screen("welcome");
}

static void test_no_timeout_while_paying(void **state)
{
	uint32_t id;
	int64_t t;

	(void)state;
	id = to_paying(8417);
	assert_int_equal(core_next_deadline(&s, now), -1);
	t = now;
	assert_false(tick_at(t + IDLE_MS));
	assert_false(tick_at(t + 10 * IDLE_MS));
	assert_false(s.warning);
	assert_no_fx();
	assert_screen("pay-card");
	assert_int_equal(s.busy, CORE_BUSY_PAYING);

	/* The answer lands; the idle clock restarts from it. */
	assert_true(pay_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, "R-5", ""));
	assert_screen("pay-result");
	assert_int_equal(core_next_deadline(&s, now), now + IDLE_MS);
	assert_false(tick_at(now + IDLE_MS - 1));
	assert_true(tick_at(now + 1));
	assert_screen("timeout-warning");
}

static void test_swipe_during_warning(void **state)
{
	(void)state;
	to_card(8417);
	tick_at(now + IDLE_MS);
	assert_screen("timeout-warning");
	/* Someone swiping a card is plainly there: the swipe counts and the warning goes. */
	assert_true(swipe(CORE_FAIL_NONE, "VISA", "4242"));
	assert_false(s.warning);
	assert_int_equal(s.busy, CORE_BUSY_PAYING);
	assert_fx(1, CORE_FX_PAY);
	assert_screen("pay-card");
}

/* ---- notices, toasts, language ---------------------------------------------------------- */

static void test_toast_expiry(void **state)
{
	struct core_event e;

	(void)state;
	/* "Forgot password?" answers with a toast that stays twice as long as others. */
	assert_true(ev(CORE_EV_SIGN_IN));
	assert_no_fx();
	assert_screen("sign-in");
	key("a.b@example.com");
	assert_true(ev(CORE_EV_FORGOT_PASSWORD));
	assert_fx(0, CORE_FX_FORGOT_PASSWORD);
	assert_string_equal(fx.fx[0].acct.email, "a.b@example.com");
	e = mk(CORE_EV_ACCOUNT_DONE);
	e.request_id = fx.fx[0].request_id;
	e.op = CORE_FX_FORGOT_PASSWORD;
	assert_true(send(&e));
	assert_notice(MSG_FORGOT, false);
	assert_int_equal(s.notice.until_ms, T0 + 2 * TOAST_MS);

	assert_false(tick_at(T0 + 2 * TOAST_MS - 1));
	assert_notice(MSG_FORGOT, false);
	assert_true(tick_at(T0 + 2 * TOAST_MS));
	assert_no_notice();
}

static void test_receipt_toast_expiry(void **state)
{
	uint32_t id;
	int64_t t;

	(void)state;
	id = to_paying(8417);
	pay_answer(id, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, "R-1", "");
	ev(CORE_EV_PRINT_RECEIPT);
	now += 1000;
	print_answer(CORE_FAIL_NONE);
	t = now;
	assert_int_equal(core_next_deadline(&s, now), t + TOAST_MS); /* sooner than idle */
	assert_true(tick_at(t + TOAST_MS));
	assert_no_notice();
	assert_screen("pay-result");
	assert_int_equal(core_next_deadline(&s, now), t + IDLE_MS);
}

static void test_error_notice_stays_until_next_step(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	ev(CORE_EV_CONTINUE);
	assert_notice(MSG_CUSTOMER, true);
	assert_int_equal(core_next_deadline(&s, now), now + IDLE_MS);
	tick_at(now + IDLE_MS - 1);
	assert_notice(MSG_CUSTOMER, true);
	assert_true(ev(CORE_EV_DISMISS));
	assert_no_notice();
	assert_false(ev(CORE_EV_DISMISS));
}

static void test_notice_cleared_on_screen_change(void **state)
{
	(void)state;
	to_summary(0);
	ev(CORE_EV_BACK);
	assert_screen("guest-lookup");
	assert_no_notice();
}

static void test_sign_in_only_on_welcome(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	assert_false(ev(CORE_EV_SIGN_IN));
	assert_screen("guest-lookup");
	assert_no_notice();
	assert_false(ev(CORE_EV_PAY_BILL));
	assert_screen("guest-lookup");
}

/* After a power cut the kiosk checks earlier payments first: Pay a Bill waits, says why,
 * and goes on by itself once reconciliation is done; it is needed only once, not per session. */
static void test_pay_bill_waits_for_reconciliation(void **state)
{
	struct core_config cfg;

	(void)state;
	core_config_defaults(&cfg);
	cfg.wait_for_reconcile = true;
	core_init(&s, &cfg, now);
	assert_true(ev(CORE_EV_PAY_BILL));
	assert_screen("welcome");
	assert_non_null(s.notice.msgid);
	assert_non_null(strstr(s.notice.msgid, "checking earlier payments"));
	assert_true(ev(CORE_EV_RECONCILED));
	assert_screen("guest-lookup");
	/* A new session does not wait again. */
	assert_true(ev(CORE_EV_CANCEL));
	assert_screen("welcome");
	assert_true(ev(CORE_EV_PAY_BILL));
	assert_screen("guest-lookup");
}

static void test_reconciled_without_a_tap_changes_nothing(void **state)
{
	struct core_config cfg;

	(void)state;
	core_config_defaults(&cfg);
	cfg.wait_for_reconcile = true;
	core_init(&s, &cfg, now);
	assert_false(ev(CORE_EV_RECONCILED));
	assert_screen("welcome");
	assert_true(ev(CORE_EV_PAY_BILL));
	assert_screen("guest-lookup");
}

static void test_language_toggle(void **state)
{
	(void)state;
	assert_int_equal(s.lang, CORE_LANG_EN);
	assert_true(ev(CORE_EV_TOGGLE_LANG));
	assert_int_equal(s.lang, CORE_LANG_ES);
	assert_no_fx();
	assert_screen("welcome");
	assert_true(ev(CORE_EV_TOGGLE_LANG));
	assert_int_equal(s.lang, CORE_LANG_EN);

	/* Mid-flow: the screen and fields stay. */
	fill_lookup();
	assert_true(ev(CORE_EV_TOGGLE_LANG));
	assert_int_equal(s.lang, CORE_LANG_ES);
	assert_screen("guest-lookup");
	assert_string_equal(s.customer_number, "100200300");

	/* Even under the warning; the warning stays up. */
	tick_at(now + IDLE_MS);
	assert_true(ev(CORE_EV_TOGGLE_LANG));
	assert_int_equal(s.lang, CORE_LANG_EN);
	assert_screen("timeout-warning");

	/* Cancel ends the session: the next resident starts in the default language. */
	ev(CORE_EV_MORE_TIME);
	ev(CORE_EV_TOGGLE_LANG);
	assert_int_equal(s.lang, CORE_LANG_ES);
	ev(CORE_EV_CANCEL);
	assert_screen("welcome");
	assert_int_equal(s.lang, CORE_LANG_EN);
}

static void test_request_ids_increase(void **state)
{
	uint32_t a, b;

	(void)state;
	a = to_paying(8417);
	pay_answer(a, CORE_FAIL_NONE, CORE_OUTCOME_APPROVED, "R", "");
	ev(CORE_EV_DONE);
	assert_session_ended();
	b = to_paying(8417);
	assert_true(b > a);
	assert_int_equal(fx.fx[1].request_id, s.request_id);
}

/* ---- printer trouble before paying --------------------------------------------------------- */

static const char *const MSG_NO_PAPER_BEFORE =
    "The printer is out of paper, so no receipt can be printed. You can still pay and write "
    "down your reference number.";
static const char *const MSG_COVER_BEFORE =
    "The printer's cover is open, so no receipt can be printed. You can still pay and write "
    "down your reference number.";

static bool printer_is(enum core_printer p)
{
	struct core_event e = mk(CORE_EV_PRINTER_STATUS);

	e.printer = p;
	return send(&e);
}

static void test_paper_out_asks_before_paying(void **state)
{
	(void)state;
	/* Nothing to show on the welcome screen: staff see it, residents do not yet. */
	assert_false(printer_is(CORE_PRINTER_PAPER_OUT));
	to_amount(8417);
	assert_true(ev(CORE_EV_CONTINUE));
	assert_screen("pay-card");
	assert_notice(MSG_NO_PAPER_BEFORE, true);
	assert_true(s.receipt_choice);
	assert_false(has_fx(CORE_FX_READER_ON)); /* no swipe until they choose */
	assert_false(ev(CORE_EV_DISMISS));	 /* answered by a choice, not dismissed */
	assert_true(ev(CORE_EV_CONTINUE_NO_RECEIPT));
	assert_no_notice();
	assert_fx(0, CORE_FX_READER_ON);
	assert_true(s.no_receipt);
	swipe(CORE_FAIL_NONE, "VISA", "4242");
	assert_int_equal(s.busy, CORE_BUSY_PAYING);
}

static void test_printer_recovers_on_card_step(void **state)
{
	(void)state;
	printer_is(CORE_PRINTER_COVER_OPEN);
	to_amount(8417);
	assert_true(ev(CORE_EV_CONTINUE));
	assert_notice(MSG_COVER_BEFORE, true);
	assert_true(printer_is(CORE_PRINTER_OK));
	assert_no_notice();
	assert_false(s.receipt_choice);
	assert_fx(0, CORE_FX_READER_ON);
	/* Only asked on the card step, and only when asking. */
	assert_false(ev(CORE_EV_CONTINUE_NO_RECEIPT));
}

static void test_printer_state_outlives_session(void **state)
{
	(void)state;
	printer_is(CORE_PRINTER_PAPER_OUT);
	to_amount(8417);
	assert_true(ev(CORE_EV_CANCEL));
	assert_screen("welcome");
	assert_int_equal(s.printer, CORE_PRINTER_PAPER_OUT);
	assert_false(s.no_receipt);
	/* Back from the card step forgets the question, not the printer. */
	to_amount(8417);
	assert_true(ev(CORE_EV_CONTINUE));
	assert_true(s.receipt_choice);
	assert_true(ev(CORE_EV_BACK));
	assert_false(s.receipt_choice);
	assert_screen("pay-amount");
}

/* A tap that began before the screen appeared, or within CORE_GHOST_TAP_MS of it, does
 * nothing; the same tap a moment later works; keypad events (touch_ms 0) are never ghosts. */
static void test_ghost_taps(void **state)
{
	struct core_event e;

	(void)state;
	ev(CORE_EV_PAY_BILL);
	assert_int_equal(s.screen, CORE_SCREEN_GUEST_LOOKUP);
	int64_t shown = now;
	assert_int_equal(core_taps_from_ms(&s), shown + CORE_GHOST_TAP_MS);

	now = shown + 500;
	e = mk(CORE_EV_BACK);
	e.touch_ms = shown - 50; /* the finger went down on the welcome screen */
	assert_false(send(&e));
	assert_int_equal(fx.count, 0);
	assert_int_equal(s.screen, CORE_SCREEN_GUEST_LOOKUP);
	assert_int_equal(s.last_activity_ms, now); /* still someone at the kiosk */

	e.touch_ms = shown + CORE_GHOST_TAP_MS - 1; /* too soon after it appeared */
	send(&e);
	assert_int_equal(s.screen, CORE_SCREEN_GUEST_LOOKUP);

	e.touch_ms = shown + CORE_GHOST_TAP_MS; /* a tap meant for this screen */
	send(&e);
	assert_int_equal(s.screen, CORE_SCREEN_WELCOME);

	/* The keypad's Enter right after a screen appeared is not a tap. */
	ev(CORE_EV_PAY_BILL);
	assert_int_equal(s.screen, CORE_SCREEN_GUEST_LOOKUP);
	ev(CORE_EV_BACK);
	assert_int_equal(s.screen, CORE_SCREEN_WELCOME);
}

/* The terminal's health, on the welcome screen: a change is a new frame (the promise of cards
 * follows it, and the heartbeat reports after a frame); the same health again is not. */
static void test_terminal_health_redraws_welcome(void **state)
{
	struct core_event e;

	(void)state;
	assert_int_equal(s.screen, CORE_SCREEN_WELCOME);
	e = mk(CORE_EV_TERMINAL_STATUS);
	e.choice = CORE_TERMINAL_UNREACHABLE;
	assert_true(send(&e));
	assert_int_equal(s.terminal, CORE_TERMINAL_UNREACHABLE);
	assert_false(send(&e));
	e.choice = CORE_TERMINAL_OK;
	assert_true(send(&e));
	assert_int_equal(s.terminal, CORE_TERMINAL_OK);
	assert_false(send(&e));
	assert_int_equal(s.screen, CORE_SCREEN_WELCOME);
}

/* core_touch_ms against two clocks read in whole ms with their own sub-ms phases (ours and the
 * event queue's, as SDL's ticks): a tap made at or after the first ms taps count is never dated
 * before it, whatever the phases and however long it waited in the queue; it is dated no later
 * than when it is handled. Without the ms of doubt, a journey's tap sent at the very ms taps
 * began to count was taken for a ghost about one time in ten (a keypad "999" became "99"). */
static void test_touch_time_never_early(void **state)
{
	(void)state;
	for (int64_t mono_phase = 0; mono_phase < 1000; mono_phase += 37) {
		for (int64_t tick_phase = 0; tick_phase < 1000; tick_phase += 41) {
			for (int64_t made = 5000000; made < 5003000; made += 113) {
				for (int64_t waited = 0; waited < 40000; waited += 997) {
					int64_t handled = made + waited;
					int64_t made_ms = (made + mono_phase) / 1000;
					int64_t now_ms = (handled + mono_phase) / 1000;
					uint32_t at = (uint32_t)((made + tick_phase) / 1000);
					uint32_t tn = (uint32_t)((handled + tick_phase) / 1000);
					int64_t t = core_touch_ms(now_ms, tn, at);

					assert_true(t >= made_ms);
					assert_true(t <= now_ms);
					assert_true(t <= made_ms + 2);
				}
			}
		}
	}
	/* The event clock's 32-bit wrap between the tap and now. */
	assert_int_equal(core_touch_ms(100000, 5, 0xFFFFFFF0u), 100000 - 21 + 1);
	/* A timestamp from before our clock began is still a time. */
	assert_int_equal(core_touch_ms(3, 1000, 0), 1);
}

/* The end of a wait (an answer from the portal) restarts the guard: the button in place of the
 * one tapped appeared only now, though the screen is the same. */
static void test_ghost_tap_after_answer(void **state)
{
	struct core_event e;

	(void)state;
	ev(CORE_EV_PAY_BILL);
	key_each("100200300");
	focus(CORE_FIELD_LAST_NAME);
	key_each("Rivera");
	now += 1000;
	ev(CORE_EV_CONTINUE);
	assert_int_equal(s.busy, CORE_BUSY_LOOKUP);
	now += 100;
	lookup_answer(s.request_id, CORE_FAIL_NONE, 8417);
	assert_int_equal(s.screen, CORE_SCREEN_BILL_SUMMARY);
	int64_t shown = now;
	now += 50;
	e = mk(CORE_EV_CONTINUE);
	e.touch_ms = shown + 40;
	send(&e);
	assert_int_equal(s.screen, CORE_SCREEN_BILL_SUMMARY);
	now = shown + 400;
	e.touch_ms = shown + 350;
	send(&e);
	assert_int_equal(s.screen, CORE_SCREEN_PAY_AMOUNT);
}

/* ---- cash (app/core/cash.c) ---------------------------------------------------------- */

/* A kiosk with a validator: the amount step offers Card and Cash, and cash is ready. */
static void cash_kiosk(void)
{
	struct core_config cfg = s.cfg;

	cfg.cash = true;
	core_init(&s, &cfg, now);
	s.cash_ready = true;
	s.cash_problem = CORE_CASH_OK; /* the cash box's word: no alarm, no fault */
}

/* Cash: a payment in notes starts with the amount; each journaled note shows; Done closes it;
 * the answer shows what the notes came to. A note refused says why. */
static void test_cash_pay(void **state)
{
	uint32_t id;

	(void)state;
	cash_kiosk();
	to_amount(2500);
	ev(CORE_EV_CONTINUE); /* no Continue here: Card or Cash */
	assert_screen("pay-amount");
	assert_true(ev(CORE_EV_PAY_BY_CASH));
	assert_screen("pay-cash");
	assert_fx(0, CORE_FX_PAY);
	assert_int_equal(fx.fx[0].tender, CORE_TENDER_CASH);
	assert_int_equal(fx.fx[0].amount_cents, 2500);
	id = fx.fx[0].request_id;
	assert_int_equal(s.busy, CORE_BUSY_PAYING);
	/* A note comes back: the reason, with its amount. */
	struct core_event e = mk(CORE_EV_CASH_REFUSED);
	e.choice = CORE_CASH_REFUSED_DENOMINATION;
	snprintf(e.text, sizeof(e.text), "50.00");
	assert_true(send(&e));
	assert_notice("This kiosk does not take $%s notes. Your note was returned.", true);
	assert_string_equal(s.notice.arg, "50.00");
	e = mk(CORE_EV_CASH_PROGRESS);
	e.cents = 2000;
	assert_true(send(&e));
	assert_int_equal(s.cash_taken_cents, 2000);
	assert_no_notice();
	/* A smaller total than shown is not news (events may overtake). */
	e.cents = 1000;
	assert_false(send(&e));
	assert_true(ev(CORE_EV_CASH_DONE));
	assert_fx(0, CORE_FX_PAY_ABORT);
	assert_true(s.cash_closing);
	assert_false(ev(CORE_EV_CASH_DONE)); /* once */
	e = mk(CORE_EV_PAY_DONE);
	e.request_id = id;
	e.outcome = CORE_OUTCOME_APPROVED;
	e.cents = 2500;
	snprintf(e.reference, sizeof(e.reference), "KAAAAAAAA");
	assert_true(send(&e));
	assert_screen("pay-result");
	assert_int_equal(s.cash_taken_cents, 2500);
	assert_false(has_fx(CORE_FX_PRINT)); /* the resident is there: they choose */
}

/* Walking away mid-payment: after the idle time without a touch or a note, the kiosk closes
 * the payment itself, prints the receipt and ends the session. Nothing went in: it just ends. */
static void test_cash_walk_away(void **state)
{
	uint32_t id;
	struct core_event e;

	(void)state;
	cash_kiosk();
	to_amount(2500);
	assert_true(ev(CORE_EV_PAY_BY_CASH));
	id = fx.fx[0].request_id;
	e = mk(CORE_EV_CASH_PROGRESS);
	e.cents = 500;
	assert_true(send(&e));
	assert_false(tick_at(now + IDLE_MS - 1) && has_fx(CORE_FX_PAY_ABORT));
	assert_int_equal(core_next_deadline(&s, now), s.last_activity_ms + IDLE_MS);
	assert_true(tick_at(s.last_activity_ms + IDLE_MS));
	assert_fx(0, CORE_FX_PAY_ABORT);
	assert_false(s.warning); /* no question: nobody is there to answer it */
	e = mk(CORE_EV_PAY_DONE);
	e.request_id = id;
	e.outcome = CORE_OUTCOME_APPROVED;
	e.cents = 500;
	assert_true(send(&e));
	assert_fx(0, CORE_FX_PRINT);
	assert_true(print_answer(CORE_FAIL_NONE));
	assert_session_ended();

	/* Nothing inserted: no receipt, the session just ends. */
	to_amount(2500);
	assert_true(ev(CORE_EV_PAY_BY_CASH));
	id = fx.fx[0].request_id;
	assert_true(tick_at(s.last_activity_ms + IDLE_MS));
	e = mk(CORE_EV_PAY_DONE);
	e.request_id = id;
	e.failure = CORE_FAIL_CANCELLED;
	assert_true(send(&e));
	assert_false(has_fx(CORE_FX_PRINT));
	assert_session_ended();
}

/* Cash not ready (a fault, the box out): the resident is told to pay by card; Done with no
 * note goes back to the amount step. */
static void test_cash_not_ready(void **state)
{
	uint32_t id;
	struct core_event e;

	(void)state;
	cash_kiosk();
	s.cash_ready = false;
	to_amount(2500);
	assert_true(ev(CORE_EV_PAY_BY_CASH));
	assert_screen("pay-amount");
	assert_notice("Cash can't be taken right now. Please pay by card.", true);
	assert_false(has_fx(CORE_FX_PAY));
	e = mk(CORE_EV_CASH_AVAILABLE);
	e.choice = 1;
	send(&e);
	assert_true(ev(CORE_EV_PAY_BY_CASH));
	assert_screen("pay-cash");
	id = fx.fx[0].request_id;
	assert_true(ev(CORE_EV_CASH_DONE));
	e = mk(CORE_EV_PAY_DONE);
	e.request_id = id;
	e.failure = CORE_FAIL_CANCELLED;
	assert_true(send(&e));
	assert_screen("pay-amount");
	assert_false(s.paying_cash);
	/* Card goes on as Continue did. */
	assert_true(ev(CORE_EV_PAY_BY_CARD));
	assert_screen("pay-card");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_paper_out_asks_before_paying, setup),
	    cmocka_unit_test_setup(test_printer_recovers_on_card_step, setup),
	    cmocka_unit_test_setup(test_printer_state_outlives_session, setup),
	    cmocka_unit_test_setup(test_defaults_and_init, setup),
	    cmocka_unit_test_setup(test_field_kinds_and_text, setup),
	    cmocka_unit_test_setup(test_normalize_customer, setup),
	    cmocka_unit_test_setup(test_happy_path, setup),
	    cmocka_unit_test_setup(test_pay_other_amount, setup),
	    cmocka_unit_test_setup(test_focus_amount_selects_other, setup),
	    cmocka_unit_test_setup(test_pay_full_after_other, setup),
	    cmocka_unit_test_setup(test_last_bill_verify, setup),
	    cmocka_unit_test_setup(test_last_bill_invalid, setup),
	    cmocka_unit_test_setup(test_set_verify_only_on_lookup, setup),
	    cmocka_unit_test_setup(test_customer_filter, setup),
	    cmocka_unit_test_setup(test_money_filter, setup),
	    cmocka_unit_test_setup(test_last_bill_filter, setup),
	    cmocka_unit_test_setup(test_name_filter, setup),
	    cmocka_unit_test_setup(test_name_max_length, setup),
	    cmocka_unit_test_setup(test_name_rejects_broken_utf8, setup),
	    cmocka_unit_test_setup(test_backspace_utf8, setup),
	    cmocka_unit_test_setup(test_keys_without_field, setup),
	    cmocka_unit_test_setup(test_short_customer_number, setup),
	    cmocka_unit_test_setup(test_empty_customer_number, setup),
	    cmocka_unit_test_setup(test_empty_name, setup),
	    cmocka_unit_test_setup(test_zero_amount, setup),
	    cmocka_unit_test_setup(test_amount_above_balance, setup),
	    cmocka_unit_test_setup(test_amount_above_balance_thousands, setup),
	    cmocka_unit_test_setup(test_nothing_due, setup),
	    cmocka_unit_test_setup(test_credit_balance_nothing_due, setup),
	    cmocka_unit_test_setup(test_lookup_failures, setup),
	    cmocka_unit_test_setup(test_busy_lookup_blocks_input, setup),
	    cmocka_unit_test_setup(test_stale_lookup_ignored, setup),
	    cmocka_unit_test_setup(test_duplicate_lookup_answer_ignored, setup),
	    cmocka_unit_test_setup(test_back_each_step, setup),
	    cmocka_unit_test_setup(test_back_from_other_amount_keeps_it, setup),
	    cmocka_unit_test_setup(test_back_refused_on_result, setup),
	    cmocka_unit_test_setup(test_cancel_each_step, setup),
	    cmocka_unit_test_setup(test_back_cancel_refused_while_paying, setup),
	    cmocka_unit_test_setup(test_card_read_failures, setup),
	    cmocka_unit_test_setup(test_swipe_outside_pay_card_ignored, setup),
	    cmocka_unit_test_setup(test_decline_try_another_card, setup),
	    cmocka_unit_test_setup(test_terminal_approved, setup_terminal),
	    cmocka_unit_test_setup(test_terminal_decline_asks_again, setup_terminal),
	    cmocka_unit_test_setup(test_terminal_cancel, setup_terminal),
	    cmocka_unit_test_setup(test_terminal_offline, setup_terminal),
	    cmocka_unit_test_setup(test_terminal_offline_offers_cash, setup_terminal),
	    cmocka_unit_test_setup(test_try_another_card_only_after_decline, setup),
	    cmocka_unit_test_setup(test_pay_timeout_in_doubt, setup),
	    cmocka_unit_test_setup(test_pay_in_doubt_outcome_and_garbled, setup),
	    cmocka_unit_test_setup(test_pay_not_sent_keeps_card_step, setup),
	    cmocka_unit_test_setup(test_stale_pay_done_ignored, setup),
	    cmocka_unit_test_setup(test_print_failures, setup),
	    cmocka_unit_test_setup(test_print_only_on_result, setup),
	    cmocka_unit_test_setup(test_no_deadline_on_welcome, setup),
	    cmocka_unit_test_setup(test_idle_warning_and_countdown, setup),
	    cmocka_unit_test_setup(test_activity_postpones_warning, setup),
	    cmocka_unit_test_setup(test_more_time_dismisses, setup),
	    cmocka_unit_test_setup(test_touch_dismisses_warning, setup),
	    cmocka_unit_test_setup(test_expiry_wipes_session_and_language, setup),
	    cmocka_unit_test_setup(test_expiry_late_tick, setup),
	    cmocka_unit_test_setup(test_expiry_during_lookup_drops_answer, setup),
	    cmocka_unit_test_setup(test_no_timeout_while_paying, setup),
	    cmocka_unit_test_setup(test_swipe_during_warning, setup),
	    cmocka_unit_test_setup(test_toast_expiry, setup),
	    cmocka_unit_test_setup(test_receipt_toast_expiry, setup),
	    cmocka_unit_test_setup(test_error_notice_stays_until_next_step, setup),
	    cmocka_unit_test_setup(test_notice_cleared_on_screen_change, setup),
	    cmocka_unit_test_setup(test_sign_in_only_on_welcome, setup),
	    cmocka_unit_test_setup(test_language_toggle, setup),
	    cmocka_unit_test_setup(test_pay_bill_waits_for_reconciliation, setup),
	    cmocka_unit_test_setup(test_reconciled_without_a_tap_changes_nothing, setup),
	    cmocka_unit_test_setup(test_request_ids_increase, setup),
	    cmocka_unit_test_setup(test_ghost_taps, setup),
	    cmocka_unit_test_setup(test_ghost_tap_after_answer, setup),
	    cmocka_unit_test_setup(test_touch_time_never_early, setup),
	    cmocka_unit_test_setup(test_terminal_health_redraws_welcome, setup),
	    cmocka_unit_test_setup(test_cash_pay, setup),
	    cmocka_unit_test_setup(test_cash_walk_away, setup),
	    cmocka_unit_test_setup(test_cash_not_ready, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
