/* terminal-sim's ledger: every payment the terminal finished, in sqlite (WAL, synchronous=FULL),
 * so TransactionStatus and Reversal work across restarts and tests can compare the terminal's
 * record with the kiosk's and the portal's. CHECKs make a stored card number impossible. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/simhttp/simhttp.h"
#include "tools/terminal-sim/tsim.h"

struct tsim_ledger {
	sqlite3 *db;
};

static const char *const state_names[] = {"approved", "declined", "aborted", "reversed"};

const char *ledger_state_name(enum tsim_state s)
{
	return (unsigned)s < 4 ? state_names[s] : "declined";
}

static const char schema[] =
    "CREATE TABLE IF NOT EXISTS txn ("
    " id INTEGER PRIMARY KEY,"
    " sale_id TEXT NOT NULL,"
    " service_id TEXT NOT NULL,"
    " sale_txn_id TEXT NOT NULL,"
    " sale_txn_ts TEXT NOT NULL,"
    " amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),"
    " state TEXT NOT NULL CHECK (state IN ('approved','declined','aborted','reversed')),"
    " entry_mode TEXT NOT NULL CHECK (entry_mode IN ('','chip','tap','swipe','wallet')),"
    /* the masked number as printed: six, four stars, four; never more digits */
    " masked_pan TEXT NOT NULL CHECK (masked_pan = '' OR masked_pan GLOB"
    "  '[0-9][0-9][0-9][0-9][0-9][0-9] **** [0-9][0-9][0-9][0-9]'),"
    " brand TEXT NOT NULL,"
    " poi_txn_id TEXT NOT NULL UNIQUE,"
    " poi_txn_ts TEXT NOT NULL,"
    " approval_code TEXT NOT NULL,"
    " error_condition TEXT NOT NULL,"
    " refusal_reason TEXT NOT NULL,"
    " message TEXT NOT NULL,"
    " reversal_poi_txn_id TEXT NOT NULL DEFAULT '',"
    " created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
    " UNIQUE (sale_id, sale_txn_id),"
    " UNIQUE (sale_id, service_id));";

int ledger_open(const char *path, struct tsim_ledger **out)
{
	struct tsim_ledger *l = calloc(1, sizeof(*l));
	char *err = NULL;

	*out = NULL;
	if (!l)
		return KIOSK_ENOMEM;
	if (sqlite3_open(path, &l->db) != SQLITE_OK ||
	    sqlite3_exec(l->db,
			 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
			 "PRAGMA busy_timeout=5000;",
			 NULL, NULL, &err) != SQLITE_OK ||
	    sqlite3_exec(l->db, schema, NULL, NULL, &err) != SQLITE_OK) {
		log_error("terminal-sim", "ledger %s: %s", path, err ? err : sqlite3_errmsg(l->db));
		sqlite3_free(err);
		ledger_close(l);
		return KIOSK_ESTORE;
	}
	*out = l;
	return 0;
}

void ledger_close(struct tsim_ledger *l)
{
	if (!l)
		return;
	sqlite3_close(l->db);
	free(l);
}

static enum tsim_state state_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(s, state_names[i]) == 0)
			return (enum tsim_state)i;
	return TSIM_DECLINED;
}

int ledger_record(struct tsim_ledger *l, const struct tsim_txn *t)
{
	static const char sql[] =
	    "INSERT INTO txn (sale_id, service_id, sale_txn_id, sale_txn_ts, amount_cents, state,"
	    " entry_mode, masked_pan, brand, poi_txn_id, poi_txn_ts, approval_code,"
	    " error_condition, refusal_reason, message) VALUES"
	    " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
	const char *text[] = {t->sale_id, t->service_id, t->sale_txn_id, t->sale_txn_ts};
	const char *rest[] = {t->entry,		  t->masked_pan,     t->brand,
			      t->poi_txn_id,	  t->poi_txn_ts,     t->approval_code,
			      t->error_condition, t->refusal_reason, t->message};
	sqlite3_stmt *st = NULL;
	int rc, i;

	if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK)
		return KIOSK_ESTORE;
	for (i = 0; i < 4; i++)
		sqlite3_bind_text(st, i + 1, text[i], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, t->amount_cents);
	sqlite3_bind_text(st, 6, ledger_state_name(t->state), -1, SQLITE_STATIC);
	for (i = 0; i < 9; i++)
		sqlite3_bind_text(st, 7 + i, rest[i], -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT)
		return KIOSK_EINVAL;
	if (rc != SQLITE_DONE) {
		log_error("terminal-sim", "ledger insert: %s", sqlite3_errmsg(l->db));
		return KIOSK_ESTORE;
	}
	return 0;
}

#define COLUMNS                                                                                    \
	"sale_id, service_id, sale_txn_id, sale_txn_ts, amount_cents, state, entry_mode,"          \
	" masked_pan, brand, poi_txn_id, poi_txn_ts, approval_code, error_condition,"              \
	" refusal_reason, message, reversal_poi_txn_id"

static void col(sqlite3_stmt *st, int i, char *out, size_t n)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	snprintf(out, n, "%s", s ? (const char *)s : "");
}

static void read_row(sqlite3_stmt *st, struct tsim_txn *t)
{
	char state[16];

	memset(t, 0, sizeof(*t));
	col(st, 0, t->sale_id, sizeof(t->sale_id));
	col(st, 1, t->service_id, sizeof(t->service_id));
	col(st, 2, t->sale_txn_id, sizeof(t->sale_txn_id));
	col(st, 3, t->sale_txn_ts, sizeof(t->sale_txn_ts));
	t->amount_cents = sqlite3_column_int64(st, 4);
	col(st, 5, state, sizeof(state));
	t->state = state_parse(state);
	col(st, 6, t->entry, sizeof(t->entry));
	col(st, 7, t->masked_pan, sizeof(t->masked_pan));
	col(st, 8, t->brand, sizeof(t->brand));
	col(st, 9, t->poi_txn_id, sizeof(t->poi_txn_id));
	col(st, 10, t->poi_txn_ts, sizeof(t->poi_txn_ts));
	col(st, 11, t->approval_code, sizeof(t->approval_code));
	col(st, 12, t->error_condition, sizeof(t->error_condition));
	col(st, 13, t->refusal_reason, sizeof(t->refusal_reason));
	col(st, 14, t->message, sizeof(t->message));
	col(st, 15, t->reversal_poi_txn_id, sizeof(t->reversal_poi_txn_id));
}

/* Runs a one-row SELECT with up to two text parameters. */
static int find(struct tsim_ledger *l, const char *where, const char *a, const char *b,
		struct tsim_txn *out)
{
	char sql[512];
	sqlite3_stmt *st = NULL;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT " COLUMNS " FROM txn WHERE %s", where);
	if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK)
		return KIOSK_ESTORE;
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_row(st, out);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? KIOSK_ENOTFOUND : KIOSK_ESTORE;
}

int ledger_find_service(struct tsim_ledger *l, const char *sale_id, const char *service_id,
			struct tsim_txn *out)
{
	return find(l, "sale_id = ?1 AND service_id = ?2", sale_id, service_id, out);
}

int ledger_find_sale_txn(struct tsim_ledger *l, const char *sale_id, const char *sale_txn_id,
			 struct tsim_txn *out)
{
	return find(l, "sale_id = ?1 AND sale_txn_id = ?2", sale_id, sale_txn_id, out);
}

int ledger_find_poi_txn(struct tsim_ledger *l, const char *poi_txn_id, struct tsim_txn *out)
{
	return find(l, "poi_txn_id = ?1", poi_txn_id, NULL, out);
}

int ledger_find_last(struct tsim_ledger *l, const char *sale_id, struct tsim_txn *out)
{
	return find(l, "sale_id = ?1 ORDER BY id DESC LIMIT 1", sale_id, NULL, out);
}

int ledger_mark_reversed(struct tsim_ledger *l, const char *poi_txn_id,
			 const char *reversal_poi_txn_id)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(l->db,
			       "UPDATE txn SET state = 'reversed', reversal_poi_txn_id = ?2"
			       " WHERE poi_txn_id = ?1 AND state = 'approved'",
			       -1, &st, NULL) != SQLITE_OK)
		return KIOSK_ESTORE;
	sqlite3_bind_text(st, 1, poi_txn_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, reversal_poi_txn_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return KIOSK_ESTORE;
	return sqlite3_changes(l->db) == 1 ? 0 : KIOSK_ENOTFOUND;
}

int ledger_each(struct tsim_ledger *l, int (*fn)(const struct tsim_txn *t, void *ctx), void *ctx)
{
	sqlite3_stmt *st = NULL;
	struct tsim_txn t;
	int rc = 0, step;

	if (sqlite3_prepare_v2(l->db, "SELECT " COLUMNS " FROM txn ORDER BY id", -1, &st, NULL) !=
	    SQLITE_OK)
		return KIOSK_ESTORE;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		read_row(st, &t);
		rc = fn(&t, ctx);
		if (rc != 0)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = KIOSK_ESTORE;
	sqlite3_finalize(st);
	return rc;
}

/* Only the last four digits leave the ledger. */
static int print_row(const struct tsim_txn *t, void *ctx)
{
	size_t n = strlen(t->masked_pan);
	json_t *doc;

	(void)ctx;
	doc = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "sale_transaction_id",
			t->sale_txn_id, "amount_cents", (json_int_t)t->amount_cents, "state",
			ledger_state_name(t->state), "entry_mode", t->entry, "last4",
			n >= 4 ? t->masked_pan + n - 4 : "", "brand", t->brand, "service_id",
			t->service_id, "poi_transaction_id", t->poi_txn_id, "approval_code",
			t->approval_code, "error_condition", t->error_condition);
	return simhttp_print_json_line(doc);
}

int ledger_main(int argc, char **argv)
{
	char path[4096];
	struct tsim_ledger *l = NULL;
	int rc =
	    simhttp_ledger_path(argc, argv, "terminal-sim", "terminal-sim.db", path, sizeof(path));

	if (rc != 0)
		return rc;
	log_set_level(LOG_WARN);
	rc = ledger_open(path, &l);
	if (rc == 0)
		rc = ledger_each(l, print_row, NULL);
	ledger_close(l);
	return rc == 0 ? 0 : 1;
}
