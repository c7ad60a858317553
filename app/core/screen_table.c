/* The core's screen table: each screen once, with its name, its flow, where the cursor starts,
 * and what Continue and Back do. The screens' drawing table (app/screens/screen_table.c) is
 * the other half; both are checked against CORE_SCREEN_COUNT when the kiosk is compiled. */
#include "app/core/core_internal.h"

/* A screen with no field and nothing to do on Continue or Back of its own. */
#define STILL(flow_) .flow = flow_, .first = CORE_FIELD_NONE, .next = core_stay, .back = core_stay

static const struct core_screen_def screens[] = {
    [CORE_SCREEN_WELCOME] = {.name = "welcome", STILL(CORE_FLOW_IDLE)},
    [CORE_SCREEN_GUEST_LOOKUP] = {.name = "guest-lookup",
				  .flow = CORE_FLOW_PAYMENT,
				  .first = CORE_FIELD_CUSTOMER,
				  .next = guest_lookup_next,
				  .back = guest_lookup_back},
    [CORE_SCREEN_BILL_SUMMARY] = {.name = "bill-summary",
				  .flow = CORE_FLOW_PAYMENT,
				  .next = bill_summary_next,
				  .back = bill_summary_back},
    [CORE_SCREEN_PAY_AMOUNT] = {.name = "pay-amount",
				.flow = CORE_FLOW_PAYMENT,
				.first_fn = pay_amount_first_field,
				.next = pay_amount_next,
				.back = pay_amount_back},
    [CORE_SCREEN_PAY_CARD] = {.name = "pay-card",
			      .flow = CORE_FLOW_PAYMENT,
			      .next = core_stay,
			      .back = pay_card_back},
    /* Done finishes the payment (app/core/cash.c); no Back while notes may go in. */
    [CORE_SCREEN_PAY_CASH] = {.name = "pay-cash", STILL(CORE_FLOW_PAYMENT)},
    /* Done and Cancel end it; Back would pay again. */
    [CORE_SCREEN_PAY_RESULT] = {.name = "pay-result", STILL(CORE_FLOW_PAYMENT)},
    [CORE_SCREEN_BASKET] = {.name = "basket",
			    .flow = CORE_FLOW_PAYMENT,
			    .next = basket_next,
			    .back = basket_back},
    [CORE_SCREEN_RECEIPT_EMAIL] = {.name = "receipt-email",
				   .flow = CORE_FLOW_PAYMENT,
				   .first = CORE_FIELD_EMAIL,
				   .next = receipt_email_next,
				   .back = receipt_send_back},
    [CORE_SCREEN_RECEIPT_TEXT] = {.name = "receipt-text",
				  .flow = CORE_FLOW_PAYMENT,
				  .first = CORE_FIELD_MOBILE,
				  .next = receipt_text_next,
				  .back = receipt_send_back},
    [CORE_SCREEN_SIGN_IN] = {.name = "sign-in",
			     .flow = CORE_FLOW_ACCOUNT,
			     .first = CORE_FIELD_EMAIL,
			     .next = sign_in_next,
			     .back = sign_in_back},
    [CORE_SCREEN_REGISTER] = {.name = "register",
			      .flow = CORE_FLOW_ACCOUNT,
			      .first = CORE_FIELD_EMAIL,
			      .next = register_next,
			      .back = back_to_sign_in},
    [CORE_SCREEN_VERIFY_EMAIL] = {.name = "verify-email",
				  .flow = CORE_FLOW_ACCOUNT,
				  .first = CORE_FIELD_CODE,
				  .next = verify_email_next,
				  .back = back_to_sign_in},
    /* Sign Out is the way out of Home. */
    [CORE_SCREEN_HOME] = {.name = "home", STILL(CORE_FLOW_ACCOUNT)},
    [CORE_SCREEN_LINK_ACCOUNT] = {.name = "link-account",
				  .flow = CORE_FLOW_ACCOUNT,
				  .first = CORE_FIELD_CUSTOMER,
				  .next = link_account_next,
				  .back = account_back_home},
    [CORE_SCREEN_UTILITY_BILL] = {.name = "utility-bill",
				  .flow = CORE_FLOW_ACCOUNT,
				  .next = core_stay,
				  .back = account_back_home},
    [CORE_SCREEN_BILLS_PAYMENTS] = {.name = "bills-payments",
				    .flow = CORE_FLOW_ACCOUNT,
				    .next = core_stay,
				    .back = account_back_home},
    [CORE_SCREEN_AUTOPAY] = {.name = "autopay",
			     .flow = CORE_FLOW_ACCOUNT,
			     .first_fn = autopay_first_field,
			     .next = autopay_next,
			     .back = autopay_back},
    [CORE_SCREEN_AUTOPAY_REVIEW] = {.name = "autopay-review",
				    .flow = CORE_FLOW_ACCOUNT,
				    .next = autopay_review_next,
				    .back = autopay_review_back},
    [CORE_SCREEN_AUTOPAY_DONE] = {.name = "autopay-done",
				  .flow = CORE_FLOW_ACCOUNT,
				  .next = core_stay,
				  .back = account_back_home},
    [CORE_SCREEN_PAPERLESS] = {.name = "paperless",
			       .flow = CORE_FLOW_ACCOUNT,
			       .next = core_stay,
			       .back = paperless_back},
    /* Staff screens: service.c takes every event on them, Continue and Back included. */
    [CORE_SCREEN_SERVICE_PIN] = {.name = "service-pin",
				 .flow = CORE_FLOW_STAFF,
				 .first = CORE_FIELD_SERVICE_PIN,
				 .next = core_stay,
				 .back = core_stay},
    [CORE_SCREEN_SERVICE_HOME] = {.name = "service-home", STILL(CORE_FLOW_STAFF)},
    [CORE_SCREEN_SERVICE_DEVICES] = {.name = "service-devices", STILL(CORE_FLOW_STAFF)},
    [CORE_SCREEN_SERVICE_CARD] = {.name = "service-card", STILL(CORE_FLOW_STAFF)},
    [CORE_SCREEN_SERVICE_REPRINT] = {.name = "service-reprint",
				     .flow = CORE_FLOW_STAFF,
				     .first = CORE_FIELD_REFERENCE,
				     .next = core_stay,
				     .back = core_stay},
    [CORE_SCREEN_SERVICE_REPORT] = {.name = "service-report", STILL(CORE_FLOW_STAFF)},
    [CORE_SCREEN_SERVICE_RESTART] = {.name = "service-restart", STILL(CORE_FLOW_STAFF)},
    [CORE_SCREEN_SERVICE_CASHBOX] = {.name = "service-cashbox", STILL(CORE_FLOW_STAFF)},
    /* Between sessions; service.c takes its events. */
    [CORE_SCREEN_OUT_OF_SERVICE] = {.name = "out-of-service", STILL(CORE_FLOW_IDLE)},
};

/* A screen added to the enum without a row here fails to compile; a row skipped in the middle
 * is all zeros and the table's unit test (tests/unit/core/test_screen_table.c) names it. */
_Static_assert(sizeof(screens) / sizeof(screens[0]) == CORE_SCREEN_COUNT,
	       "every enum core_screen needs its row in the core's screen table");

const struct core_screen_def *core_screen_def(enum core_screen screen)
{
	if ((unsigned)screen >= CORE_SCREEN_COUNT)
		return NULL;
	return &screens[screen];
}

const char *core_screen_name(enum core_screen screen)
{
	const struct core_screen_def *d = core_screen_def(screen);

	return d ? d->name : NULL;
}

enum core_flow core_screen_flow(enum core_screen screen)
{
	const struct core_screen_def *d = core_screen_def(screen);

	return d ? d->flow : CORE_FLOW_COUNT;
}
