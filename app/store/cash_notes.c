/* The credited bank notes (see cash_notes.h), on their own sqlite connection to the journal. */
#include "app/store/cash_notes.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/common/err.h"
#include "app/common/log.h"

#define MOD "cash-notes"
#define BUSY_TIMEOUT_MS 5000

struct cash_notes {
	sqlite3 *db;
};

/* Its own table, created if missing, so the journal's schema versions stay the journal's. A
 * note belongs to at most one payment; "" is a note no payment was open for. */
static const char schema[] =
    "CREATE TABLE IF NOT EXISTS cash_notes ("
    " id INTEGER PRIMARY KEY,"
    " payment_key TEXT NOT NULL,"
    " channel INTEGER NOT NULL CHECK (channel BETWEEN 1 AND 24),"
    " cents INTEGER NOT NULL CHECK (cents >= 0),"
    " cleared INTEGER NOT NULL DEFAULT 0,"
    " acked INTEGER NOT NULL DEFAULT 0,"
    " at INTEGER NOT NULL"
    ");"
    "CREATE INDEX IF NOT EXISTS cash_notes_by_payment ON cash_notes (payment_key);";

static int fail(struct cash_notes *cn, const char *what)
{
	log_error(MOD, "%s: %s", what, sqlite3_errmsg(cn->db));
	return KIOSK_ESTORE;
}

static int exec(struct cash_notes *cn, const char *sql, const char *what)
{
	return sqlite3_exec(cn->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : fail(cn, what);
}

int cash_notes_open(const char *path, struct cash_notes **out)
{
	struct cash_notes *cn = calloc(1, sizeof(*cn));
	int rc;

	if (!cn)
		return KIOSK_ENOMEM;
	if (sqlite3_open_v2(path, &cn->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) !=
	    SQLITE_OK) {
		rc = fail(cn, "open");
		goto fail;
	}
	sqlite3_busy_timeout(cn->db, BUSY_TIMEOUT_MS);
	/* The journal set WAL on the file; each connection sets its own durability. */
	rc = exec(cn, "PRAGMA synchronous = FULL;", "pragmas");
	if (rc == 0)
		rc = exec(cn, schema, "schema");
	if (rc)
		goto fail;
	*out = cn;
	return 0;
fail:
	cash_notes_close(cn);
	return rc;
}

void cash_notes_close(struct cash_notes *cn)
{
	if (!cn)
		return;
	sqlite3_close(cn->db);
	free(cn);
}

/* Runs one statement with text/int binds ("t" text, "i" int64) and no rows. */
static int run(struct cash_notes *cn, const char *sql, const char *what, const char *key, int64_t a,
	       int64_t b, int64_t c)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(cn->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(cn, what);
	if (key)
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, a);
	sqlite3_bind_int64(st, 3, b);
	sqlite3_bind_int64(st, 4, c);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : fail(cn, what);
	sqlite3_finalize(st);
	return rc;
}

static int sum_of(struct cash_notes *cn, const char *key, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;

	if (sqlite3_prepare_v2(
		cn->db, "SELECT coalesce(sum(cents), 0) FROM cash_notes WHERE payment_key = ?1", -1,
		&st, NULL) != SQLITE_OK)
		return fail(cn, "sum");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		rc = fail(cn, "sum");
	sqlite3_finalize(st);
	return rc;
}

int cash_notes_add(struct cash_notes *cn, const char *key, int channel, int64_t cents,
		   bool cleared_at_startup, int64_t *taken_out)
{
	int64_t taken = 0;
	int rc;

	if (!cn || !key || channel < 1 || channel > 24 || cents < 0)
		return KIOSK_EINVAL;
	rc = exec(cn, "BEGIN IMMEDIATE", "begin");
	if (rc)
		return rc;
	rc = run(cn,
		 "INSERT INTO cash_notes (payment_key, channel, cents, cleared, at)"
		 " VALUES (?1, ?2, ?3, ?4, strftime('%s', 'now'))",
		 "insert note", key, channel, cents, cleared_at_startup);
	if (rc == 0 && key[0])
		rc = sum_of(cn, key, &taken);
	/* The payment's own figure follows the notes, in the same transaction (the journal's
	 * rule holds: only a payment under way, only ever more). */
	if (rc == 0 && key[0])
		rc = run(cn,
			 "UPDATE payments SET taken_cents = ?2, updated_at = ?3"
			 " WHERE idempotency_key = ?1 AND taken_cents <= ?2",
			 "update taken", key, taken, (int64_t)time(NULL), 0);
	if (rc == 0)
		rc = exec(cn, "COMMIT", "commit");
	if (rc) {
		sqlite3_exec(cn->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	if (taken_out)
		*taken_out = taken;
	return 0;
}

int cash_notes_acked(struct cash_notes *cn)
{
	return run(cn, "UPDATE cash_notes SET acked = 1 WHERE acked = 0 AND ?2 = ?2", "ack", NULL,
		   0, 0, 0);
}

int cash_notes_unacked(struct cash_notes *cn, int *channel, char *key, size_t cap)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(cn->db,
			       "SELECT channel, payment_key FROM cash_notes WHERE acked = 0"
			       " ORDER BY id DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(cn, "unacked");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*channel = sqlite3_column_int(st, 0);
		snprintf(key, cap, "%s", (const char *)sqlite3_column_text(st, 1));
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? KIOSK_ENOTFOUND : fail(cn, "unacked");
	}
	sqlite3_finalize(st);
	return rc;
}

int cash_notes_tally(struct cash_notes *cn, const char *key, struct cash_note_tally *out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if (sqlite3_prepare_v2(cn->db,
			       "SELECT cents, count(*) FROM cash_notes WHERE payment_key = ?1"
			       " GROUP BY cents ORDER BY cents",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(cn, "tally");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cash_note_count c = {sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1)};

		if (out->n < CASH_NOTES_MAX_DENOMS)
			out->d[out->n++] = c;
		out->notes += c.count;
		out->total_cents += c.cents * c.count;
	}
	rc = rc == SQLITE_DONE ? 0 : fail(cn, "tally");
	sqlite3_finalize(st);
	return rc;
}

int cash_notes_open_payment(struct cash_notes *cn, char *key, size_t cap)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(cn->db,
			       "SELECT idempotency_key FROM payments WHERE tender = 'cash'"
			       " AND state IN ('sent', 'in_doubt') ORDER BY id DESC LIMIT 1",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(cn, "open payment");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(key, cap, "%s", (const char *)sqlite3_column_text(st, 0));
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? KIOSK_ENOTFOUND : fail(cn, "open payment");
	}
	sqlite3_finalize(st);
	return rc;
}

int cash_notes_each(struct cash_notes *cn,
		    int (*fn)(void *ctx, const char *key, int channel, int64_t cents, bool acked),
		    void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(
		cn->db, "SELECT payment_key, channel, cents, acked FROM cash_notes ORDER BY id", -1,
		&st, NULL) != SQLITE_OK)
		return fail(cn, "each");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int r = fn(ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
			   sqlite3_column_int64(st, 2), sqlite3_column_int(st, 3) != 0);
		if (r) {
			sqlite3_finalize(st);
			return r;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : fail(cn, "each");
	sqlite3_finalize(st);
	return rc;
}
