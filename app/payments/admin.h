/* Staff commands on the payment journal, run from the command line with no screen:
 * list payments, reprint a receipt, reconcile with the portal, show the outbox. */
#ifndef KIOSK_ADMIN_H
#define KIOSK_ADMIN_H

#include <stdint.h>
#include <stdio.h>

#include "app/portal/portal.h"
#include "app/store/journal.h"
#include "drivers/printer/receipt.h"
#include "drivers/terminal/terminal.h"

/* Every payment in the journal as one JSON line on out (last four digits only). */
int admin_list_payments(const char *journal_path, FILE *out);

/* Every bank note the validator credited, as JSON lines (`kiosk --list-cash-notes`). */
int admin_list_cash_notes(const char *journal_path, FILE *out);

/* Prints the receipt of the payment whose reference (the portal's "K...", the kiosk's
 * "Q-..." or the idempotency key) is ref on the simulated printer, marked as a copy, in lang
 * (enum i18n_lang), and writes the receipt's path on out. KIOSK_ENOTFOUND: no such payment;
 * KIOSK_EINVAL: it has no outcome to print yet (still in doubt). */
int admin_reprint(const char *journal_path, const char *ref, const char *receipts_dir,
		  const char *mono_font, const char *header, const char *kiosk_id, int lang,
		  FILE *out);

/* The one payment whose reference (portal "K...", kiosk "Q-..." or key) is ref, from an open
 * journal; KIOSK_ENOTFOUND when none or more than one. */
int admin_find_payment(struct journal *j, const char *ref, struct journal_payment *out);

/* The receipt copy of a payment (marked COPY), its date written out in lang (enum
 * i18n_lang); KIOSK_EINVAL while it has no outcome yet. */
int admin_copy_receipt(const struct journal_payment *p, const char *header, const char *kiosk_id,
		       int lang, struct receipt *r);
/* A basket's bills onto a receipt made by admin_copy_receipt (each with its amount; the
 * balance after is the portal's and is not kept). 0 also for a payment of one bill. */
int admin_copy_bills(struct journal *j, const char *key, struct receipt *r);

/* Settles what the kiosk owes, as the kiosk itself does at start (payments_recover), until
 * nothing is unfinished and no posting is waiting, or wait_s runs out: payments in doubt are
 * asked of their party (the portal, or the terminal when terminal is not NULL), approved
 * terminal payments are posted to the portal (the outbox's postings sent, a refused one
 * reversed). 0 when everything is settled, KIOSK_EBUSY when something is still open. */
int admin_reconcile(const char *journal_path, const char *outbox_path,
		    const struct portal_config *portal, const struct terminal_config *terminal,
		    int64_t grace_s, int64_t wait_s, FILE *out);

/* The outbox's pending, dead and capacity as one JSON line. */
int admin_outbox_status(const char *outbox_path, FILE *out);

/* Sends everything the outbox holds now, due or not (cash posted later, confirmations, audit
 * entries); prints {"pending":N}. KIOSK_EBUSY when some is left. */
int admin_send_outbox(const char *journal_path, const char *outbox_path,
		      const struct portal_config *portal, FILE *out);

#endif
