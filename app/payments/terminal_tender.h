/* The payment terminal as a tender (tender.h): the terminal (drivers/terminal, nexo) is the
 * party that takes the money and holds the record. A Payment waits for the resident's card,
 * so start is asynchronous: it sends the Payment on a thread of its own, returns pending, and
 * the answer arrives through the report function (whose owner posts it to the payment's
 * thread). The journaled key is the SaleTransactionID and the ServiceID is derived from it
 * (nexo_service_id_for), so status, abort and reverse need nothing but the key, even after a
 * crash. A key is never sent twice (no resend): a terminal refuses a reused SaleTransactionID.
 *
 * The portal is the second party: an approved charge is posted to it by the payment service
 * (payment.h, caps.must_post), or reversed when the kiosk cannot stand behind it. */
#ifndef KIOSK_TERMINAL_TENDER_H
#define KIOSK_TERMINAL_TENDER_H

#include <pthread.h>
#include <stdbool.h>

#include "app/payments/tender.h"
#include "drivers/terminal/nexo_display.h"
#include "drivers/terminal/terminal.h"

struct terminal_tender {
	struct terminal *terminal; /* not owned */
	tender_report_fn report;
	void *report_ctx;
	pthread_mutex_t mu;
	pthread_t thread; /* the Payment's: reports once, then ends */
	char key[65];	  /* the sale it is paying; "" when no thread was started */
	int64_t amount_cents;
};

extern const struct tender_ops terminal_tender;

void terminal_tender_init(struct terminal_tender *tt, struct terminal *terminal,
			  tender_report_fn report, void *report_ctx);
/* Waits for a Payment still out (Abort it first to make that quick). */
void terminal_tender_close(struct terminal_tender *tt);

/* How a terminal's answer reads as a tender result: 0 with out filled (approved, or declined
 * by the card or the resident), KIOSK_EINVAL when the terminal refused the request itself
 * (nothing taken), KIOSK_ENOTFOUND when it never saw the sale, KIOSK_EBUSY while it is still
 * in progress. Exposed for the unit tests. */
int terminal_tender_result(const struct nexo_response *r, int64_t asked_cents,
			   struct tender_result *out);

/* The ServiceID of the last Payment started (its display notifications carry it), from any
 * thread. KIOSK_ENOTFOUND before the first. */
int terminal_tender_service_id(struct terminal_tender *tt, char *buf, size_t n);

/* What the card step shows for a display notification (enum core_terminal_prompt), the
 * terminal's own words in text for CORE_PROMPT_TEXT; -1 when it changes nothing (the result,
 * a notice for the cashier the kiosk has no use for). The vendor's events are known; of a
 * text, the prompts EMV terminals show ("Remove card", "See phone", "Enter PIN",
 * "Processing", "Try another card", "Present card") are known in English and Spanish, so
 * the resident reads them in the kiosk's language; any other text is shown as it came. */
int terminal_tender_prompt(const struct nexo_display *d, char *text, size_t n);

#endif
