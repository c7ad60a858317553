/* The screens' table: how each screen of enum core_screen is drawn. The core's table
 * (app/core/screen_table.c) holds the rest of a screen; both are checked against
 * CORE_SCREEN_COUNT when the kiosk is compiled. */
#include "app/screens/screens_internal.h"

static screen_draw_fn *const draw[] = {
    [CORE_SCREEN_WELCOME] = screen_welcome,
    [CORE_SCREEN_GUEST_LOOKUP] = screen_guest_lookup,
    [CORE_SCREEN_BILL_SUMMARY] = screen_bill_summary,
    [CORE_SCREEN_PAY_AMOUNT] = screen_pay_amount,
    [CORE_SCREEN_PAY_CARD] = screen_pay_card,
    [CORE_SCREEN_PAY_CASH] = screen_pay_cash,
    [CORE_SCREEN_PAY_RESULT] = screen_pay_result,
    [CORE_SCREEN_BASKET] = screen_basket,
    [CORE_SCREEN_RECEIPT_EMAIL] = screen_receipt_send,
    [CORE_SCREEN_RECEIPT_TEXT] = screen_receipt_send,
    [CORE_SCREEN_SIGN_IN] = screen_sign_in,
    [CORE_SCREEN_REGISTER] = screen_register,
    [CORE_SCREEN_VERIFY_EMAIL] = screen_verify_email,
    [CORE_SCREEN_HOME] = screen_home,
    [CORE_SCREEN_LINK_ACCOUNT] = screen_link_account,
    [CORE_SCREEN_UTILITY_BILL] = screen_utility_bill,
    [CORE_SCREEN_BILLS_PAYMENTS] = screen_bills_payments,
    [CORE_SCREEN_AUTOPAY] = screen_autopay,
    [CORE_SCREEN_AUTOPAY_REVIEW] = screen_autopay_review,
    [CORE_SCREEN_AUTOPAY_DONE] = screen_autopay_done,
    [CORE_SCREEN_PAPERLESS] = screen_paperless,
    [CORE_SCREEN_SERVICE_PIN] = screen_service,
    [CORE_SCREEN_SERVICE_HOME] = screen_service,
    [CORE_SCREEN_SERVICE_DEVICES] = screen_service,
    [CORE_SCREEN_SERVICE_CARD] = screen_service,
    [CORE_SCREEN_SERVICE_REPRINT] = screen_service,
    [CORE_SCREEN_SERVICE_REPORT] = screen_service,
    [CORE_SCREEN_SERVICE_RESTART] = screen_service,
    [CORE_SCREEN_SERVICE_CASHBOX] = screen_service,
    [CORE_SCREEN_OUT_OF_SERVICE] = screen_out_of_service,
};

/* A screen added to the enum without a row here fails to compile; a row skipped in the middle
 * is NULL and tests/unit/screens names it. */
_Static_assert(sizeof(draw) / sizeof(draw[0]) == CORE_SCREEN_COUNT,
	       "every enum core_screen needs its row in the screens' table");

screen_draw_fn *screens_drawer(enum core_screen screen)
{
	return (unsigned)screen < CORE_SCREEN_COUNT ? draw[screen] : NULL;
}

bool screens_can_draw(enum core_screen screen)
{
	return screens_drawer(screen) != NULL;
}
