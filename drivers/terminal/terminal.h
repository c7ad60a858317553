/* The payment terminal's client: nexo messages (nexo.h) POSTed as JSON over HTTPS to the
 * terminal on the kiosk's local link, its certificate verified against the configured CA only
 * (TLS 1.2 or newer, https only, no redirects).
 *
 * Each call uses its own connection, so calls on one struct terminal may run at once from
 * different threads: an Abort while a Payment waits for the resident's card.
 *
 * What a call's result says about the money (the payment tender builds on this):
 *   0              an answer came and is in *out (which may itself say Failure)
 *   KIOSK_ENET     the terminal was not reached; nothing was sent (a reboot, a cable)
 *   KIOSK_ETLS     the terminal's certificate is not trusted; nothing was sent
 *   KIOSK_ETIMEDOUT the request went out but no whole answer came back: outcome unknown
 *   KIOSK_EPROTO   an answer came that is not a valid reply: outcome unknown
 *   KIOSK_EINVAL   bad arguments or configuration; nothing was sent
 * After ETIMEDOUT or EPROTO from a Payment, ask terminal_transaction_status. */
#ifndef KIOSK_TERMINAL_H
#define KIOSK_TERMINAL_H

#include <stdint.h>

#include "drivers/terminal/nexo.h"

struct terminal_config {
	const char *url;	 /* "https://<terminal>:8443/nexo" */
	const char *ca_file;	 /* the only CA trusted for the terminal's certificate */
	const char *sale_id;	 /* this kiosk, as the terminal knows it */
	const char *poi_id;	 /* the terminal ("V400m-324688179") */
	const char *currency;	 /* ISO 4217, "USD" */
	long timeout_ms;	 /* Abort, TransactionStatus, Reversal, Diagnosis; 0: 15 s */
	long payment_timeout_ms; /* a Payment waits for the resident; 0: 180 s */
	long connect_timeout_ms; /* 0: 5 s */
};

struct terminal;

int terminal_open(const struct terminal_config *cfg, struct terminal **out);
void terminal_close(struct terminal *t);

/* Asks the terminal to take `cents`. The caller chose service_id (nexo_service_id_new) and
 * the never-reused sale_txn_id, and journaled both first: they are how TransactionStatus and
 * Abort find this payment later. The answer's SaleTransactionID must be sale_txn_id. */
int terminal_payment(struct terminal *t, const char *service_id, const char *sale_txn_id,
		     int64_t epoch_ms, int64_t cents, struct nexo_response *out);

/* Stops the Payment sent with payment_service_id. A terminal answers an Abort with an empty
 * 200 (out->header.category stays NEXO_CAT_NONE); the Payment then ends with Aborted. */
int terminal_abort(struct terminal *t, const char *payment_service_id, struct nexo_response *out);

/* What became of the Payment sent with payment_service_id: outcome Failure with InProgress
 * or NotFound, or Success with the repeated PaymentResponse in out->payment (whose
 * SaleTransactionID must be sale_txn_id). */
int terminal_transaction_status(struct terminal *t, const char *payment_service_id,
				const char *sale_txn_id, struct nexo_response *out);

/* Undoes an approved payment, named by its POITransactionID {TransactionID, TimeStamp}. */
int terminal_reversal(struct terminal *t, const char *poi_txn_id, const char *poi_txn_ts,
		      struct nexo_response *out);

/* The terminal's health (out->global_status: "OK", "Busy", ...). */
int terminal_diagnosis(struct terminal *t, struct nexo_response *out);

#endif
