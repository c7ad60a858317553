/* The resident's receipt (see receipts.h). */
#include "app/payments/receipts.h"

#include <stdio.h>
#include <string.h>

#include "app/common/crashpoint.h"
#include "app/common/err.h"
#include "app/common/weblink.h"
#include "app/i18n.h"

int receipts_print(const struct receipts_env *env, const struct payment_record *rec)
{
	struct receipt r;
	int rc;

	if (!rec->valid)
		return KIOSK_EINVAL;
	memset(&r, 0, sizeof(r));
	snprintf(r.header, sizeof(r.header), "%s", env->header);
	snprintf(r.footer, sizeof(r.footer), "%s", env->footer ? env->footer : "");
	snprintf(r.kiosk_id, sizeof(r.kiosk_id), "%s", env->kiosk_id);
	i18n_when(env->lang, rec->when, r.when, sizeof(r.when));
	snprintf(r.customer_display, sizeof(r.customer_display), "%s",
		 rec->bill.display_number[0] ? rec->bill.display_number
					     : rec->bill.customer_number);
	r.amount_cents = rec->amount_cents;
	for (int i = 0; i < rec->n_bills && i < RECEIPT_MAX_BILLS; i++) {
		const struct core_bill *b = &rec->bills[i].bill;

		snprintf(r.bills[i].customer_display, sizeof(r.bills[i].customer_display), "%s",
			 b->display_number[0] ? b->display_number : b->customer_number);
		r.bills[i].amount_cents = rec->bills[i].amount_cents;
		r.bills[i].balance_cents = rec->balance_cents[i];
		r.bills[i].balance_known = rec->outcome == CORE_OUTCOME_APPROVED;
		r.n_bills = i + 1;
	}
	snprintf(r.brand, sizeof(r.brand), "%s", rec->brand);
	snprintf(r.last4, sizeof(r.last4), "%s", rec->last4);
	snprintf(r.reference, sizeof(r.reference), "%s", rec->reference);
	r.fee_cents = rec->fee_cents;
	snprintf(r.app_label, sizeof(r.app_label), "%s", rec->card.app_label);
	snprintf(r.aid, sizeof(r.aid), "%s", rec->card.aid);
	snprintf(r.entry_mode, sizeof(r.entry_mode), "%s", rec->card.entry_mode);
	snprintf(r.approval_code, sizeof(r.approval_code), "%s", rec->card.approval_code);
	snprintf(r.terminal_txn, sizeof(r.terminal_txn), "%s", rec->card.terminal_txn);
	/* Checked when the setting was read; a pattern that fails here leaves the reference. */
	if (env->qr_url && weblink_fill(env->qr_url, rec->reference, r.qr, sizeof(r.qr)) != 0)
		r.qr[0] = '\0';
	snprintf(r.city_phone, sizeof(r.city_phone), "%s", env->city_phone ? env->city_phone : "");
	snprintf(r.city_website, sizeof(r.city_website), "%s",
		 env->city_website ? env->city_website : "");
	/* What is left to pay: the bill as looked up less what this payment took. */
	if (rec->outcome == CORE_OUTCOME_APPROVED && rec->bill.balance_cents > 0) {
		r.has_balance_after = true;
		r.balance_after_cents = rec->bill.balance_cents > rec->amount_cents
					    ? rec->bill.balance_cents - rec->amount_cents
					    : 0;
	}
	r.outcome = rec->outcome == CORE_OUTCOME_APPROVED   ? RECEIPT_APPROVED
		    : rec->outcome == CORE_OUTCOME_DECLINED ? RECEIPT_DECLINED
							    : RECEIPT_IN_DOUBT;
	r.cash = rec->cash;
	r.n_notes = rec->n_notes;
	memcpy(r.notes, rec->notes, sizeof(r.notes));
	r.credit_cents = rec->credit_cents;
	if (rec->credit_cents > 0 && rec->n_bills > 0 && rec->credit_to >= 0 &&
	    rec->credit_to < rec->n_bills && rec->credit_to < RECEIPT_MAX_BILLS)
		snprintf(r.credit_display, sizeof(r.credit_display), "%s",
			 r.bills[rec->credit_to].customer_display);
	r.posting_later = rec->post_queued;
	crashpoint("before-print");
	rc = env->pops->print(env->pimpl, &r, env->tr);
	if (rc == 0)
		crashpoint("after-print");
	return rc;
}
