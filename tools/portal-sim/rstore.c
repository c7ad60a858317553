/* portal-sim's residents store: schema, the demo resident, and statement helpers that keep
 * the request handlers free of sqlite boilerplate. The lock is recursive so a handler may
 * hold it across a read and a write. */
#include "tools/portal-sim/rstore.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"

struct rstore {
	sqlite3 *conn;
	pthread_mutex_t lock;
};

static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS residents ("
    "  id INTEGER PRIMARY KEY,"
    "  email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    "  salt BLOB NOT NULL, hash BLOB NOT NULL, iterations INTEGER NOT NULL,"
    "  first_name TEXT NOT NULL, last_name TEXT NOT NULL,"
    "  mobile TEXT NOT NULL DEFAULT '', sms_opt_in INTEGER NOT NULL DEFAULT 0,"
    "  verified INTEGER NOT NULL DEFAULT 0,"
    "  failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS codes ("
    "  email TEXT PRIMARY KEY COLLATE NOCASE, code TEXT NOT NULL,"
    "  sent_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, tries INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sessions ("
    "  token TEXT PRIMARY KEY, resident_id INTEGER NOT NULL REFERENCES residents(id),"
    "  expires_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS links ("
    "  resident_id INTEGER NOT NULL REFERENCES residents(id),"
    "  customer_number TEXT NOT NULL, linked_at INTEGER NOT NULL,"
    "  paperless INTEGER NOT NULL DEFAULT 0,"
    "  autopay INTEGER NOT NULL DEFAULT 0, autopay_method TEXT NOT NULL DEFAULT '',"
    "  autopay_max_cents INTEGER,"
    "  PRIMARY KEY (resident_id, customer_number));"
    "CREATE TABLE IF NOT EXISTS history ("
    "  customer_number TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('bill','payment')),"
    "  date TEXT NOT NULL, amount_cents INTEGER NOT NULL, reference TEXT NOT NULL DEFAULT '');"
    /* Receipts sent for kiosks (POST /receipts), one row per message id however often the
     * kiosk retries it. */
    "CREATE TABLE IF NOT EXISTS receipt_messages ("
    "  message_id TEXT PRIMARY KEY, reference TEXT NOT NULL,"
    "  channel TEXT NOT NULL CHECK (channel IN ('email','sms')), recipient TEXT NOT NULL,"
    "  lang TEXT NOT NULL, times INTEGER NOT NULL DEFAULT 1);";

/* Past bills and payments of the demo accounts (docs/portal-api.md). */
static const char history_seed_sql[] = "INSERT INTO history SELECT * FROM (VALUES"
				       " ('100200300','bill','2026-11-20',8417,''),"
				       " ('100200300','payment','2026-10-14',7922,'K7D4M2Q9X'),"
				       " ('100200300','bill','2026-10-20',7922,''),"
				       " ('100200300','payment','2026-09-15',8105,'K3H8N5R2W'),"
				       " ('100200300','bill','2026-09-20',8105,''),"
				       " ('300400500','bill','2026-11-25',12850,''),"
				       " ('300400500','payment','2026-11-18',11940,'K9P2L6T4B'),"
				       " ('300400500','bill','2026-10-25',11940,''))"
				       " WHERE NOT EXISTS (SELECT 1 FROM history)";

int rstore_open(const char *path, struct rstore **out)
{
	struct rstore *rs = calloc(1, sizeof(*rs));
	pthread_mutexattr_t attr;
	char *err = NULL;
	int rc = KIOSK_ESTORE;

	if (!rs)
		return KIOSK_ENOMEM;
	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&rs->lock, &attr);
	pthread_mutexattr_destroy(&attr);
	if (sqlite3_open_v2(path, &rs->conn,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
			    NULL) != SQLITE_OK)
		goto out;
	sqlite3_busy_timeout(rs->conn, 5000);
	if (sqlite3_exec(rs->conn, schema_sql, NULL, NULL, &err) != SQLITE_OK ||
	    sqlite3_exec(rs->conn, history_seed_sql, NULL, NULL, &err) != SQLITE_OK)
		goto out;
	rc = 0;
	*out = rs;
out:
	if (rc) {
		log_error("portal-sim", "residents store %s: %s", path,
			  err ? err : sqlite3_errmsg(rs->conn));
		rstore_close(rs);
	}
	sqlite3_free(err);
	return rc;
}

void rstore_close(struct rstore *rs)
{
	if (!rs)
		return;
	sqlite3_close(rs->conn);
	pthread_mutex_destroy(&rs->lock);
	free(rs);
}

void rstore_lock(struct rstore *rs)
{
	pthread_mutex_lock(&rs->lock);
}

void rstore_unlock(struct rstore *rs)
{
	pthread_mutex_unlock(&rs->lock);
}

static int bind_all(sqlite3_stmt *st, const char *types, va_list ap)
{
	int i = 1;

	for (const char *t = types ? types : ""; *t; t++, i++) {
		int r;
		switch (*t) {
		case 't':
			r = sqlite3_bind_text(st, i, va_arg(ap, const char *), -1,
					      SQLITE_TRANSIENT);
			break;
		case 'i': r = sqlite3_bind_int64(st, i, va_arg(ap, int64_t)); break;
		case 'n': r = sqlite3_bind_null(st, i); break;
		case 'b': {
			const void *p = va_arg(ap, const void *);
			int n = va_arg(ap, int);
			r = sqlite3_bind_blob(st, i, p, n, SQLITE_TRANSIENT);
			break;
		}
		default: return KIOSK_EINVAL;
		}
		if (r != SQLITE_OK)
			return KIOSK_ESTORE;
	}
	return 0;
}

static int run(struct rstore *rs, const char *sql, void (*row)(void *, sqlite3_stmt *), void *ctx,
	       const char *types, va_list ap)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE, rows = 0, step;

	pthread_mutex_lock(&rs->lock);
	if (sqlite3_prepare_v2(rs->conn, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	rc = bind_all(st, types, ap);
	if (rc)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (row)
			row(ctx, st);
		rows++;
	}
	if (step == SQLITE_DONE)
		rc = rows;
	else
		rc = step == SQLITE_CONSTRAINT ? KIOSK_EBUSY : KIOSK_ESTORE;
out:
	if (rc == KIOSK_ESTORE)
		log_error("portal-sim", "residents store: %s", sqlite3_errmsg(rs->conn));
	sqlite3_finalize(st);
	pthread_mutex_unlock(&rs->lock);
	return rc;
}

int rstore_exec(struct rstore *rs, const char *sql, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = run(rs, sql, NULL, NULL, types, ap);
	va_end(ap);
	return rc < 0 ? rc : 0;
}

int rstore_query(struct rstore *rs, const char *sql, void (*row)(void *ctx, sqlite3_stmt *st),
		 void *ctx, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = run(rs, sql, row, ctx, types, ap);
	va_end(ap);
	return rc;
}
