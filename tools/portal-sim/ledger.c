/* `portal-sim ledger`: every payment the portal recorded, one JSON line each, so a test can
 * count charges and compare them with the kiosk's journal. Only last four digits exist here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/portal-sim/sim.h"
#include "tools/simhttp/simhttp.h"

static int print_row(const struct sim_ledger_row *row, void *ctx)
{
	const struct sim_payment *p = &row->p;
	json_t *doc;

	(void)ctx;
	doc = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:b, s:s}", "idempotency_key",
			p->idempotency_key, "customer_number", p->customer_number, "amount_cents",
			(json_int_t)p->amount_cents, "brand", p->brand, "last4", p->last4, "result",
			p->approved ? "approved" : "declined", "reference", p->reference,
			"confirmed", row->confirmed, "created_at", row->created_at);
	if (doc && strcmp(p->tender, "card") != 0)
		json_object_set_new(doc, "tender", json_string(p->tender));
	if (doc && strcmp(p->tender, "cash") == 0) {
		/* The notes as the kiosk counted them, and what went over the amount due. */
		json_object_set_new(doc, "notes", json_string(p->notes));
		json_object_set_new(doc, "amount_due_cents", json_integer(p->amount_due_cents));
		json_object_set_new(doc, "credit_cents", json_integer(p->credit_cents));
	} else if (doc && strcmp(p->tender, "card") != 0) {
		/* A terminal's payment: the fee is its own line, next to the bill's amount. */
		json_object_set_new(doc, "fee_cents", json_integer((json_int_t)p->fee_cents));
		json_object_set_new(doc, "transaction_id", json_string(p->transaction_id));
		json_object_set_new(doc, "approval_code", json_string(p->approval_code));
		json_object_set_new(doc, "entry_mode", json_string(p->entry_mode));
	} else if (doc && p->approval_code[0]) {
		/* A swipe the portal approved: the issuer's approval code it answered with. */
		json_object_set_new(doc, "approval_code", json_string(p->approval_code));
	}
	if (doc && p->n_allocs) {
		/* A basket: each bill with what it got and the balance it was left with. */
		json_t *bills = json_array();

		for (int i = 0; bills && i < p->n_allocs; i++)
			json_array_append_new(
			    bills, json_pack("{s:s, s:I, s:I}", "customer_number",
					     p->allocs[i].customer_number, "amount_cents",
					     (json_int_t)p->allocs[i].amount_cents, "balance_cents",
					     (json_int_t)p->allocs[i].balance_cents));
		json_object_set_new(doc, "allocations", bills);
	}
	if (doc && p->credit_to[0])
		json_object_set_new(doc, "credit_to", json_string(p->credit_to));
	return simhttp_print_json_line(doc);
}

int ledger_main(int argc, char **argv)
{
	char path[4096];
	struct sim_db *db = NULL;
	int rc = simhttp_ledger_path(argc, argv, "portal-sim", "portal-sim.db", path, sizeof(path));

	if (rc != 0)
		return rc;
	log_set_level(LOG_WARN);
	rc = db_open(path, &db);
	if (rc == 0)
		rc = db_each_payment(db, print_row, NULL);
	db_close(db);
	return rc == 0 ? 0 : 1;
}
