/* The audit log and day closes on sqlite (WAL, synchronous=FULL): what staff did stays on the
 * kiosk even when the portal cannot be told yet (the outbox carries it there). */
#include "app/store/audit.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/store/db.h"

struct audit {
	sqlite3 *db;
};

static const char schema[] = "PRAGMA journal_mode = WAL;"
			     "PRAGMA synchronous = FULL;"
			     "CREATE TABLE IF NOT EXISTS audit ("
			     " id INTEGER PRIMARY KEY,"
			     " event_id TEXT NOT NULL UNIQUE,"
			     " at INTEGER NOT NULL,"
			     " source TEXT NOT NULL,"
			     " action TEXT NOT NULL,"
			     " detail TEXT NOT NULL);"
			     "CREATE TABLE IF NOT EXISTS day_closes ("
			     " id INTEGER PRIMARY KEY,"
			     " since INTEGER NOT NULL,"
			     " closed_at INTEGER NOT NULL,"
			     " approved_count INTEGER NOT NULL, approved_cents INTEGER NOT NULL,"
			     " declined_count INTEGER NOT NULL, declined_cents INTEGER NOT NULL,"
			     " in_doubt_count INTEGER NOT NULL, in_doubt_cents INTEGER NOT NULL);";

int audit_open(const char *path, struct audit **out)
{
	struct audit *a = calloc(1, sizeof(*a));
	int rc;

	*out = NULL;
	if (!a)
		return KIOSK_ENOMEM;
	rc = store_db_open(path, schema, "audit", &a->db);
	if (rc) {
		audit_close(a);
		return rc;
	}
	*out = a;
	return 0;
}

void audit_close(struct audit *a)
{
	if (!a)
		return;
	sqlite3_close(a->db);
	free(a);
}

int audit_add(struct audit *a, const char *source, const char *action, const char *detail,
	      char id_out[AUDIT_ID_LEN], int64_t *at_out)
{
	unsigned char raw[16];
	sqlite3_stmt *st = NULL;
	int64_t at = (int64_t)time(NULL);
	int rc = KIOSK_ESTORE;

	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		return KIOSK_EIO;
	for (int i = 0; i < 16; i++)
		snprintf(id_out + 2 * i, 3, "%02x", raw[i]);
	if (sqlite3_prepare_v2(a->db,
			       "INSERT INTO audit (event_id, at, source, action, detail) VALUES "
			       "(?1, ?2, ?3, ?4, ?5)",
			       -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, id_out, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_text(st, 3, source ? source : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, action ? action : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, detail ? detail : "", -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_DONE)
		rc = 0;
out:
	if (rc)
		log_error("audit", "cannot record %s: %s", action, sqlite3_errmsg(a->db));
	else if (at_out)
		*at_out = at;
	sqlite3_finalize(st);
	return rc;
}

int audit_last_close(struct audit *a, int64_t *since)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	*since = 0;
	if (sqlite3_prepare_v2(a->db, "SELECT MAX(closed_at) FROM day_closes", -1, &st, NULL) !=
	    SQLITE_OK)
		goto out;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*since = sqlite3_column_int64(st, 0);
		rc = 0;
	}
out:
	sqlite3_finalize(st);
	return rc;
}

int audit_store_close(struct audit *a, const struct audit_day *d)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	if (sqlite3_prepare_v2(a->db,
			       "INSERT INTO day_closes (since, closed_at, approved_count, "
			       "approved_cents, declined_count, declined_cents, in_doubt_count, "
			       "in_doubt_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			       -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, d->since);
	sqlite3_bind_int64(st, 2, d->closed_at);
	sqlite3_bind_int(st, 3, d->approved_count);
	sqlite3_bind_int64(st, 4, d->approved_cents);
	sqlite3_bind_int(st, 5, d->declined_count);
	sqlite3_bind_int64(st, 6, d->declined_cents);
	sqlite3_bind_int(st, 7, d->in_doubt_count);
	sqlite3_bind_int64(st, 8, d->in_doubt_cents);
	if (sqlite3_step(st) == SQLITE_DONE)
		rc = 0;
out:
	if (rc)
		log_error("audit", "cannot store the day close: %s", sqlite3_errmsg(a->db));
	sqlite3_finalize(st);
	return rc;
}

int audit_each_recent(struct audit *a, int limit,
		      int (*fn)(const char *id, int64_t at, const char *source, const char *action,
				const char *detail, void *ctx),
		      void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE, step;

	if (sqlite3_prepare_v2(a->db,
			       "SELECT event_id, at, source, action, detail FROM (SELECT * FROM "
			       "audit ORDER BY id DESC LIMIT ?1) ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int(st, 1, limit);
	rc = 0;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
		rc = fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4), ctx);
out:
	sqlite3_finalize(st);
	return rc;
}
