/* The resident's receipt: laid out from what the payment recorded and printed on the kiosk's
 * printer (simulated or USB, behind struct printer_ops), in the resident's language. */
#ifndef KIOSK_RECEIPTS_H
#define KIOSK_RECEIPTS_H

#include <stdint.h>
#include <time.h>

#include "app/core/core.h"
#include "app/store/journal.h"
#include "drivers/devices.h"

/* What a receipt states about one payment. */
struct payment_record {
	bool valid; /* a payment with an outcome to print */
	char key[40];
	struct core_bill bill;
	int64_t amount_cents;
	char brand[16];
	char last4[5];
	char reference[32];
	enum core_outcome outcome;
	time_t when;
	bool confirm_queued;	  /* the outbox carries what the resident was shown */
	int64_t fee_cents;	  /* the card fee, charged on top of amount_cents (0: none) */
	bool post_queued;	  /* approved, but the portal hears of it later: "shortly" */
	struct journal_card card; /* a terminal's EMV details, or all "" */
	/* A basket: each bill, what was paid on it and its balance after (once approved);
	 * 0 for one bill (bill, amount_cents). */
	int n_bills;
	struct core_basket_item bills[CORE_MAX_BASKET];
	int64_t balance_cents[CORE_MAX_BASKET];
	/* Paid in cash: amount_cents is what the notes came to; the notes by denomination and
	 * the credit over the amount due. */
	bool cash;
	int n_notes;
	struct {
		int64_t cents;
		int count;
	} notes[8];
	int64_t credit_cents;
	/* A basket paid in cash: the bill (index) whose account took that credit. */
	int credit_to;
};

struct receipts_env {
	const struct printer_ops *pops;
	void *pimpl;
	const char *header;
	const char *footer; /* NULL or "": none */
	const char *kiosk_id;
	const char *city_phone; /* how to reach the city; NULL or "": none */
	const char *city_website;
	receipt_tr_fn tr;   /* the resident's language; NULL: English as written */
	int lang;	    /* the same language (enum i18n_lang), for the date written out */
	const char *qr_url; /* [receipt] qr_url: the payment's page, "{reference}" in it; NULL or
			     * "": the QR code holds the reference alone */
};

/* Prints rec's receipt: 0, KIOSK_EINVAL (nothing to print), KIOSK_EPAPER, or the printer's
 * error. */
int receipts_print(const struct receipts_env *env, const struct payment_record *rec);

#endif
