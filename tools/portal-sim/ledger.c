/* `portal-sim ledger`: every payment the portal recorded, one JSON line each, so a test can
 * count charges and compare them with the kiosk's journal. Only last four digits exist here. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/portal-sim/sim.h"

static int print_row(const struct sim_ledger_row *row, void *ctx)
{
	const struct sim_payment *p = &row->p;
	json_t *doc;
	char *line;

	(void)ctx;
	doc = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:b, s:s}", "idempotency_key",
			p->idempotency_key, "customer_number", p->customer_number, "amount_cents",
			(json_int_t)p->amount_cents, "brand", p->brand, "last4", p->last4, "result",
			p->approved ? "approved" : "declined", "reference", p->reference,
			"confirmed", row->confirmed, "created_at", row->created_at);
	line = doc ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(doc);
	if (!line)
		return KIOSK_ENOMEM;
	printf("%s\n", line);
	free(line);
	return 0;
}

int ledger_main(int argc, char **argv)
{
	static const struct option longopts[] = {{"db", required_argument, NULL, 'd'},
						 {"data", required_argument, NULL, 'D'},
						 {NULL, 0, NULL, 0}};
	char path[4096] = "portal-sim.db";
	struct sim_db *db = NULL;
	struct stat st;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'd')
			snprintf(path, sizeof(path), "%s", optarg);
		else if (c == 'D')
			snprintf(path, sizeof(path), "%s/portal-sim.db", optarg);
		else
			goto usage;
	}
	if (optind != argc)
		goto usage;
	/* Reading must not create (and seed) a database where there was none. */
	if (stat(path, &st) != 0) {
		fprintf(stderr, "portal-sim ledger: no database at %s\n", path);
		return 1;
	}
	log_set_level(LOG_WARN);
	rc = db_open(path, &db);
	if (rc == 0)
		rc = db_each_payment(db, print_row, NULL);
	db_close(db);
	return rc == 0 ? 0 : 1;
usage:
	fprintf(stderr, "usage: portal-sim ledger [--data DIR | --db FILE]\n");
	return 2;
}
