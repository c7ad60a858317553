/* The worker's adapter for a resident's account: runs the account effects against the portal
 * and turns the answers into core events. It alone holds the session token, never the core. */
#ifndef KIOSK_ACCOUNT_WORKER_H
#define KIOSK_ACCOUNT_WORKER_H

#include <stdbool.h>

#include "app/core/core.h"
#include "app/crypto/seal.h"
#include "app/portal/portal.h"

struct account_session {
	char token[72]; /* "" when nobody is signed in */
};

/* True for the effect types account_run handles. */
bool account_effect(enum core_effect_type type);

/* Runs one account effect; fills ev (CORE_EV_ACCOUNT_DONE) and the portal's answer in out,
 * which ev then points to. card: the card the reader holds, for Auto Pay by card, or NULL. */
void account_run(struct portal *p, struct account_session *sess, const struct core_effect *fx,
		 const struct card_sealed *card, struct core_event *ev,
		 struct core_account_result *out);

/* CORE_FX_LOOKUP: a bill by customer number and last name or last bill amount (a guest,
 * or linking); fills ev (CORE_EV_LOOKUP_DONE). */
void account_lookup(struct portal *p, const struct core_effect *fx, struct core_event *ev);
/* CORE_FX_LOOKUP_SCANNED: the bill whose barcode fx->text is, answered the same way (a stale
 * bill and one the portal says is not its own have failures of their own). */
void account_lookup_scanned(struct portal *p, const struct core_effect *fx, struct core_event *ev);

/* CORE_FX_EMAIL_RECEIPT and CORE_FX_TEXT_RECEIPT: the receipt of fx->acct.reference sent by
 * the portal to fx->acct.email or fx->acct.mobile, in lang; fills ev (CORE_EV_RECEIPT_SENT).
 * The address or number is neither logged nor kept; the caller wipes its copy of fx. */
void account_send_receipt(struct portal *p, const struct core_effect *fx, enum core_lang lang,
			  struct core_event *ev);

/* Signs out at the portal (the token is revoked) and wipes the token. */
void account_session_end(struct portal *p, struct account_session *sess);

#endif
