/* The magstripe tender: sealed card data to the portal under the payment's idempotency key. */
#include "app/payments/magstripe.h"

#include <mbedtls/platform_util.h>
#include <stdio.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"

#define MOD "magstripe"

void magstripe_init(struct magstripe *m, struct portal *portal, struct sealer *sealer)
{
	memset(m, 0, sizeof(*m));
	m->portal = portal;
	m->sealer = sealer;
}

void magstripe_reader(struct magstripe *m, bool on)
{
	m->reader_on = on;
}

void magstripe_drop(struct magstripe *m)
{
	mbedtls_platform_zeroize(&m->card, sizeof(m->card));
	m->card_held = false;
}

const struct card_sealed *magstripe_card(const struct magstripe *m)
{
	return m->card_held ? &m->card : NULL;
}

int magstripe_swipe(struct magstripe *m, struct card_swipe *swipe, int now_yymm, char brand[16],
		    char last4[5], enum card_service_verdict *service)
{
	struct card_data card;
	int rc;

	memset(&card, 0, sizeof(card));
	*service = CARD_SERVICE_OK;
	if (!m->reader_on) {
		log_info(MOD, "swipe ignored: not on the card step");
		rc = KIOSK_ESTATE;
		goto out;
	}
	if (card_swipe_encrypted(swipe)) {
		/* A MagneSafe's tracks go to the portal as the reader encrypted them: there is
		 * nothing readable here to parse or to seal. */
		magstripe_drop(m);
		rc = seal_encrypted(swipe, &m->card);
	} else {
		rc = card_parse(swipe, &card);
		if (rc == 0)
			rc = card_check(&card, now_yymm);
		if (rc == 0) {
			*service = card_service_check(card.service_code, m->chip_terminal);
			if (*service != CARD_SERVICE_OK) {
				log_info(MOD, "card refused by its service code %s",
					 card.service_code);
				rc = KIOSK_ECARD;
				goto out;
			}
			magstripe_drop(m);
			rc = m->sealer ? seal_card(m->sealer, &card, &m->card) : KIOSK_ECRYPTO;
			if (rc)
				log_error(MOD, "sealing the card failed: %s", kiosk_strerror(rc));
		}
	}
	if (rc == 0) {
		m->card_held = true;
		snprintf(brand, 16, "%s", m->card.brand);
		snprintf(last4, 5, "%s", m->card.last4);
	} else {
		log_info(MOD, "card refused: %s", kiosk_strerror(rc));
	}
out:
	card_wipe(&card);
	card_swipe_wipe(swipe);
	return rc;
}

static void result_of(const struct portal_payment *res, struct tender_result *out)
{
	memset(out, 0, sizeof(*out));
	out->verdict = res->status == PORTAL_PAY_APPROVED ? TENDER_APPROVED : TENDER_DECLINED;
	out->amount_cents = res->amount_cents;
	out->taken_cents = res->status == PORTAL_PAY_APPROVED ? res->amount_cents : 0;
	snprintf(out->reference, sizeof(out->reference), "%s", res->reference);
	snprintf(out->message, sizeof(out->message), "%s", res->message);
	/* An approval's code, journaled and printed like a terminal's, with how the card came
	 * (swiped). Nothing of the card beyond brand and last four is kept. */
	if (res->status == PORTAL_PAY_APPROVED && res->approval_code[0]) {
		snprintf(out->card.approval_code, sizeof(out->card.approval_code), "%s",
			 res->approval_code);
		snprintf(out->card.entry_mode, sizeof(out->card.entry_mode), "swipe");
	}
	out->n_bills = res->n_bills;
	for (int i = 0; i < res->n_bills && i < TENDER_MAX_BILLS; i++)
		out->balance_cents[i] = res->bills[i].balance_cents;
}

/* A basket goes as its bills, one card for all of them; a single bill as before. */
static int pay(struct magstripe *m, const struct tender_request *rq, struct portal_payment *res)
{
	struct portal_bill_share bills[PORTAL_MAX_BILLS];

	if (rq->n_bills == 0)
		return portal_pay(m->portal, rq->key, rq->customer_number, rq->amount_cents,
				  &m->card, res);
	if (tender_bill_shares(rq, bills) != 0)
		return KIOSK_EINVAL;
	return portal_pay_bills(m->portal, rq->key, bills, rq->n_bills, rq->amount_cents, &m->card,
				res);
}

static int start(void *impl, const struct tender_request *rq, bool resend,
		 struct tender_result *out)
{
	struct magstripe *m = impl;
	struct portal_payment res;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!m->card_held)
		return KIOSK_ESTATE;
	if (resend)
		log_warn(MOD,
			 "payment %.8s: the portal never saw it; sending it again under the "
			 "same key",
			 rq->key);
	memset(&res, 0, sizeof(res));
	rc = pay(m, rq, &res);
	if (rc == 0) {
		result_of(&res, out);
		snprintf(out->brand, sizeof(out->brand), "%s", m->card.brand);
		snprintf(out->last4, sizeof(out->last4), "%s", m->card.last4);
	}
	return rc;
}

static int status(void *impl, const struct tender_request *rq, struct tender_result *out)
{
	struct magstripe *m = impl;
	struct portal_payment res;
	int rc;

	memset(&res, 0, sizeof(res));
	memset(out, 0, sizeof(*out));
	rc = portal_payment_status(m->portal, rq->key, &res);
	if (rc == 0 && res.status == PORTAL_PAY_APPROVED && !res.approval_code[0]) {
		log_error(MOD, "payment %.8s: approved without an approval code", rq->key);
		rc = KIOSK_EPROTO; /* as portal_pay: not an answer to stand behind */
	}
	if (rc == 0)
		result_of(&res, out);
	return rc;
}

static int prepare(void *impl, struct tender_result *out)
{
	struct magstripe *m = impl;

	memset(out, 0, sizeof(*out));
	if (!m->card_held)
		return KIOSK_ESTATE;
	snprintf(out->brand, sizeof(out->brand), "%s", m->card.brand);
	snprintf(out->last4, sizeof(out->last4), "%s", m->card.last4);
	return 0;
}

static bool can_resend(void *impl)
{
	return ((struct magstripe *)impl)->card_held;
}

/* No abort (one request, answered or lost) and no reversal (the portal API has none for a
 * card payment; staff refund through the portal). */
const struct tender_ops magstripe_tender = {
    .name = "magstripe",
    .party = "portal",
    .prepare = prepare,
    .start = start,
    .status = status,
    .abort = NULL,
    .reverse = NULL,
    .can_resend = can_resend,
};
