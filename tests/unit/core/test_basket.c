/* Several bills, one tender (app/core/basket.c): bills join from the bill screen and the
 * amount step, the same bill twice keeps the last amount, Back takes the last one out, the
 * card step gets the total, the payment effect carries every bill, a signed-in resident adds
 * linked accounts, and a basket goes through the reader, the terminal or cash (with the
 * choice of the account that takes the credit). */
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
static int64_t now;

static int setup(void **state)
{
	struct core_config cfg;

	(void)state;
	core_config_defaults(&cfg);
	now = 1000000;
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

static void focus(enum core_field f)
{
	struct core_event e = mk(CORE_EV_FOCUS);

	e.field = f;
	core_handle(&s, &e, &fx);
}

/* A guest's lookup of this account, answered with this balance: the bill screen. */
static void find_bill(const char *number, int64_t balance)
{
	struct core_event e;

	assert_string_equal(core_screen_id(&s), "guest-lookup");
	key(number);
	focus(CORE_FIELD_LAST_NAME);
	key("Rivera");
	ev(CORE_EV_CONTINUE);
	assert_int_equal(fx.fx[0].type, CORE_FX_LOOKUP);
	e = mk(CORE_EV_LOOKUP_DONE);
	e.request_id = fx.fx[0].request_id;
	snprintf(e.bill.customer_number, sizeof(e.bill.customer_number), "%s", number);
	snprintf(e.bill.display_number, sizeof(e.bill.display_number), "%s", number);
	e.bill.balance_cents = balance;
	core_handle(&s, &e, &fx);
	assert_string_equal(core_screen_id(&s), "bill-summary");
}

static void test_guest_two_bills(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	find_bill("100200300", 8417);
	/* From the bill screen: its full amount. */
	assert_true(ev(CORE_EV_ADD_BILL));
	assert_string_equal(core_screen_id(&s), "basket");
	assert_int_equal(s.basket_count, 1);
	assert_int_equal(s.basket[0].amount_cents, 8417);
	/* The next bill: a fresh lookup, the basket kept (Back from the lookup returns to it). */
	ev(CORE_EV_ADD_BILL);
	assert_string_equal(core_screen_id(&s), "guest-lookup");
	assert_string_equal(s.customer_number, "");
	ev(CORE_EV_BACK);
	assert_string_equal(core_screen_id(&s), "basket");
	assert_int_equal(s.basket_count, 1);
	ev(CORE_EV_ADD_BILL);
	find_bill("300400500", 12850);
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "pay-amount");
	ev(CORE_EV_PAY_OTHER);
	key("100.00");
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "basket");
	assert_int_equal(s.basket_count, 2);
	assert_int_equal(s.basket[1].amount_cents, 10000);
	/* Back: the last bill comes out with its amount, to be changed. */
	ev(CORE_EV_BACK);
	assert_string_equal(core_screen_id(&s), "pay-amount");
	assert_int_equal(s.basket_count, 1);
	assert_true(s.other_amount);
	assert_string_equal(s.amount_text, "100.00");
	ev(CORE_EV_PAY_FULL);
	ev(CORE_EV_CONTINUE);
	assert_int_equal(s.basket_count, 2);
	assert_int_equal(s.basket[1].amount_cents, 12850);
	/* Pay: the card step asks for the total; the payment carries every bill. */
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "pay-card");
	assert_int_equal(s.amount_cents, 8417 + 12850);
	{
		struct core_event e = mk(CORE_EV_CARD_READ);
		snprintf(e.brand, sizeof(e.brand), "Visa");
		snprintf(e.last4, sizeof(e.last4), "1111");
		core_handle(&s, &e, &fx);
	}
	assert_int_equal(fx.fx[1].type, CORE_FX_PAY);
	assert_int_equal(fx.fx[1].amount_cents, 8417 + 12850);
	assert_int_equal(fx.fx[1].basket_count, 2);
	assert_string_equal(fx.fx[1].basket[0].bill.customer_number, "100200300");
	assert_int_equal(fx.fx[1].basket[0].amount_cents, 8417);
	assert_string_equal(fx.fx[1].basket[1].bill.customer_number, "300400500");
	assert_int_equal(fx.fx[1].basket[1].amount_cents, 12850);
}

/* The same bill twice is one line with the amount chosen last; one bill alone is paid as
 * any single bill (no basket in the payment). */
static void test_same_bill_and_single(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	find_bill("100200300", 8417);
	ev(CORE_EV_CONTINUE);
	ev(CORE_EV_PAY_OTHER);
	key("10.00");
	ev(CORE_EV_ADD_BILL);
	assert_int_equal(s.basket_count, 1);
	ev(CORE_EV_ADD_BILL);
	find_bill("100200300", 8417);
	ev(CORE_EV_ADD_BILL); /* from the bill screen: the full amount now */
	assert_int_equal(s.basket_count, 1);
	assert_int_equal(s.basket[0].amount_cents, 8417);
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "pay-card");
	assert_int_equal(s.basket_count, 0);
	assert_int_equal(s.amount_cents, 8417);
	/* An amount the bill cannot take never joins. */
	setup(NULL);
	ev(CORE_EV_PAY_BILL);
	find_bill("100200300", 8417);
	ev(CORE_EV_CONTINUE);
	ev(CORE_EV_PAY_OTHER);
	key("90.00");
	ev(CORE_EV_ADD_BILL);
	assert_string_equal(core_screen_id(&s), "pay-amount");
	assert_int_equal(s.basket_count, 0);
	assert_true(s.notice.is_error);
}

/* Cancel wipes the basket with the rest of the session. */
static void test_cancel_wipes(void **state)
{
	(void)state;
	ev(CORE_EV_PAY_BILL);
	find_bill("100200300", 8417);
	ev(CORE_EV_ADD_BILL);
	ev(CORE_EV_CANCEL);
	assert_string_equal(core_screen_id(&s), "welcome");
	assert_int_equal(s.basket_count, 0);
	assert_string_equal(s.basket[0].bill.customer_number, "");
}

/* Signed in: the basket lists the other linked accounts; one is added by its index. */
static void test_signed_in_accounts(void **state)
{
	(void)state;
	s.signed_in = true;
	s.account_count = 2;
	snprintf(s.accounts[0].bill.customer_number, 24, "100200300");
	s.accounts[0].bill.balance_cents = 8417;
	snprintf(s.accounts[1].bill.customer_number, 24, "300400500");
	s.accounts[1].bill.balance_cents = 12850;
	s.bill = s.accounts[0].bill;
	s.screen = CORE_SCREEN_PAY_AMOUNT;
	ev(CORE_EV_ADD_BILL);
	assert_string_equal(core_screen_id(&s), "basket");
	/* A guest's "Add another bill" is not for residents; an account already in, nor. */
	assert_false(ev(CORE_EV_ADD_BILL));
	{
		struct core_event e = mk(CORE_EV_BASKET_ACCOUNT);
		e.choice = 0;
		assert_false(core_handle(&s, &e, &fx));
		e.choice = 1;
		assert_true(core_handle(&s, &e, &fx));
	}
	assert_string_equal(core_screen_id(&s), "pay-amount");
	assert_string_equal(s.bill.customer_number, "300400500");
	/* Back from its amount returns to the basket, not the utility bill. */
	ev(CORE_EV_BACK);
	assert_string_equal(core_screen_id(&s), "basket");
}

/* The effect of this type among the last ones, or NULL. */
static const struct core_effect *effect(enum core_effect_type type)
{
	for (int i = 0; i < fx.count; i++)
		if (fx.fx[i].type == type)
			return &fx.fx[i];
	return NULL;
}

/* Two bills from a guest: Rivera's in full, then Pena's in full. */
static void two_bills(void)
{
	ev(CORE_EV_PAY_BILL);
	find_bill("100200300", 8417);
	assert_true(core_basket_offered(&s));
	assert_true(ev(CORE_EV_ADD_BILL));
	assert_string_equal(core_screen_id(&s), "basket");
	ev(CORE_EV_ADD_BILL);
	find_bill("300400500", 12850);
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "pay-amount");
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "basket");
	assert_int_equal(s.basket_count, 2);
}

/* A basket through the payment terminal: the terminal is asked for the total with the card fee
 * on it, and the payment carries every bill. */
static void test_terminal_basket(void **state)
{
	struct core_config cfg;
	const struct core_effect *pay;

	(void)state;
	core_config_defaults(&cfg);
	cfg.card = CORE_CARD_TERMINAL;
	cfg.card_fee.flat_cents = 250;
	core_init(&s, &cfg, now);
	two_bills();
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "pay-card");
	pay = effect(CORE_FX_PAY);
	assert_non_null(pay);
	assert_int_equal(pay->amount_cents, 8417 + 12850);
	assert_int_equal(pay->fee_cents, 250);
	assert_int_equal(pay->basket_count, 2);
	assert_string_equal(pay->basket[1].bill.customer_number, "300400500");
}

/* A basket with cash: three bills, Cash on the basket's screen takes the total in notes; the
 * credit goes to the first account unless the resident picks another, and Done tells the
 * payment which. */
static void test_cash_basket(void **state)
{
	struct core_config cfg;
	struct core_event e;
	const struct core_effect *pay;

	(void)state;
	core_config_defaults(&cfg);
	cfg.cash = true;
	core_init(&s, &cfg, now);
	e = mk(CORE_EV_CASH_AVAILABLE);
	e.choice = 1;
	core_handle(&s, &e, &fx);
	s.cash_problem = CORE_CASH_OK; /* the cash box's word: no alarm, no fault */
	two_bills();
	ev(CORE_EV_ADD_BILL);
	find_bill("120340560", 11260);
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "pay-amount");
	/* Joining a basket: Continue, not Card or Cash. */
	ev(CORE_EV_PAY_OTHER);
	key("10.00");
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "basket");
	assert_int_equal(s.basket_count, 3);
	/* Pay is Card or Cash here: Continue does nothing. */
	ev(CORE_EV_CONTINUE);
	assert_string_equal(core_screen_id(&s), "basket");
	assert_int_equal(effect(CORE_FX_PAY), NULL);
	assert_true(ev(CORE_EV_PAY_BY_CASH));
	assert_string_equal(core_screen_id(&s), "pay-cash");
	pay = effect(CORE_FX_PAY);
	assert_non_null(pay);
	assert_int_equal(pay->tender, CORE_TENDER_CASH);
	assert_int_equal(pay->amount_cents, 8417 + 12850 + 1000);
	assert_int_equal(pay->fee_cents, 0);
	assert_int_equal(pay->basket_count, 3);
	assert_int_equal(s.credit_to, 0);
	/* The choice: one of the basket's bills, no other. */
	e = mk(CORE_EV_CREDIT_TO);
	e.choice = 3;
	assert_false(core_handle(&s, &e, &fx));
	e.choice = -1;
	assert_false(core_handle(&s, &e, &fx));
	e.choice = 1;
	assert_true(core_handle(&s, &e, &fx));
	assert_int_equal(s.credit_to, 1);
	assert_true(ev(CORE_EV_CASH_DONE));
	pay = effect(CORE_FX_PAY_ABORT);
	assert_non_null(pay);
	assert_int_equal(pay->credit_to, 1);
	/* Closing: the choice is final. */
	e = mk(CORE_EV_CREDIT_TO);
	e.choice = 2;
	assert_false(core_handle(&s, &e, &fx));
}

/* One bill in cash has no choice to make. */
static void test_cash_one_bill_no_choice(void **state)
{
	struct core_config cfg;
	struct core_event e;

	(void)state;
	core_config_defaults(&cfg);
	cfg.cash = true;
	core_init(&s, &cfg, now);
	e = mk(CORE_EV_CASH_AVAILABLE);
	e.choice = 1;
	core_handle(&s, &e, &fx);
	s.cash_problem = CORE_CASH_OK; /* the cash box's word: no alarm, no fault */
	ev(CORE_EV_PAY_BILL);
	find_bill("100200300", 8417);
	ev(CORE_EV_CONTINUE);
	assert_true(ev(CORE_EV_PAY_BY_CASH));
	assert_string_equal(core_screen_id(&s), "pay-cash");
	e = mk(CORE_EV_CREDIT_TO);
	e.choice = 1;
	assert_false(core_handle(&s, &e, &fx));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_guest_two_bills, setup),
	    cmocka_unit_test_setup(test_same_bill_and_single, setup),
	    cmocka_unit_test_setup(test_cancel_wipes, setup),
	    cmocka_unit_test_setup(test_signed_in_accounts, setup),
	    cmocka_unit_test_setup(test_terminal_basket, setup),
	    cmocka_unit_test_setup(test_cash_basket, setup),
	    cmocka_unit_test_setup(test_cash_one_bill_no_choice, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
