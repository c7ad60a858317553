/* The staff PIN's tries, lock and kioskctl-set hash on sqlite (see staff_pin.h). */
#include "app/store/staff_pin.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/store/db.h"

/* The lock each lockout in a row brings: the first two end by themselves, the third waits for
 * the portal, so someone guessing at the kiosk gets 10 tries an hour at most, then none. */
static const int64_t lock_lengths[] = {5 * 60 * 1000, 30 * 60 * 1000, STAFF_PIN_FOREVER};
#define LOCKS (sizeof(lock_lengths) / sizeof(lock_lengths[0]))

struct staff_pin {
	sqlite3 *db;
};

static const char schema[] = "PRAGMA journal_mode = WAL;"
			     "PRAGMA synchronous = FULL;"
			     "CREATE TABLE IF NOT EXISTS pin_guard ("
			     " id INTEGER PRIMARY KEY CHECK (id = 1),"
			     " wrong INTEGER NOT NULL CHECK (wrong >= 0),"
			     " lockouts INTEGER NOT NULL CHECK (lockouts >= 0),"
			     " locked_until INTEGER NOT NULL);"
			     "INSERT OR IGNORE INTO pin_guard VALUES (1, 0, 0, 0);"
			     "CREATE TABLE IF NOT EXISTS staff_pin ("
			     " id INTEGER PRIMARY KEY CHECK (id = 1),"
			     " hash TEXT NOT NULL CHECK (hash LIKE 'pbkdf2-sha256$%'),"
			     " set_at INTEGER NOT NULL);";

int staff_pin_open(const char *path, struct staff_pin **out)
{
	struct staff_pin *g = calloc(1, sizeof(*g));
	int rc;

	*out = NULL;
	if (!g)
		return KIOSK_ENOMEM;
	rc = store_db_open(path, schema, "staff_pin", &g->db);
	if (rc) {
		staff_pin_close(g);
		return rc;
	}
	*out = g;
	return 0;
}

void staff_pin_close(struct staff_pin *g)
{
	if (!g)
		return;
	sqlite3_close(g->db);
	free(g);
}

static int load(struct staff_pin *g, int *wrong, int *lockouts, int64_t *until)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	if (sqlite3_prepare_v2(g->db, "SELECT wrong, lockouts, locked_until FROM pin_guard", -1,
			       &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		*wrong = sqlite3_column_int(st, 0);
		*lockouts = sqlite3_column_int(st, 1);
		*until = sqlite3_column_int64(st, 2);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

static int save(struct staff_pin *g, int wrong, int lockouts, int64_t until)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	if (sqlite3_prepare_v2(g->db,
			       "UPDATE pin_guard SET wrong = ?1, lockouts = ?2, locked_until = ?3",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int(st, 1, wrong);
		sqlite3_bind_int(st, 2, lockouts);
		sqlite3_bind_int64(st, 3, until);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = 0;
	}
	if (rc)
		log_error("staff_pin", "cannot store the PIN's tries: %s", sqlite3_errmsg(g->db));
	sqlite3_finalize(st);
	return rc;
}

static int64_t lock_length(int lockouts)
{
	size_t i = lockouts < 1 ? 0 : (size_t)lockouts - 1;

	return lock_lengths[i < LOCKS ? i : LOCKS - 1];
}

int staff_pin_may_try(struct staff_pin *g, int64_t now_ms, int64_t *left_ms)
{
	int wrong, lockouts, rc;
	int64_t until;

	*left_ms = 0;
	rc = load(g, &wrong, &lockouts, &until);
	if (rc)
		return rc;
	if (until == STAFF_PIN_FOREVER) {
		*left_ms = STAFF_PIN_FOREVER;
		return KIOSK_EBUSY;
	}
	if (now_ms < until) {
		*left_ms = until - now_ms;
		return KIOSK_EBUSY;
	}
	return 0;
}

int staff_pin_wrong(struct staff_pin *g, int64_t now_ms, struct staff_pin_verdict *v)
{
	int wrong, lockouts, rc;
	int64_t until;

	rc = load(g, &wrong, &lockouts, &until);
	if (rc)
		return rc;
	if (++wrong >= STAFF_PIN_TRIES) {
		int64_t len = lock_length(++lockouts);
		wrong = 0;
		until = len == STAFF_PIN_FOREVER ? STAFF_PIN_FOREVER : now_ms + len;
		v->tries_left = 0;
		v->lock_ms = len;
	} else {
		v->tries_left = STAFF_PIN_TRIES - wrong;
		v->lock_ms = lock_length(lockouts + 1);
	}
	v->lockouts = lockouts;
	return save(g, wrong, lockouts, until);
}

int staff_pin_unlock(struct staff_pin *g)
{
	return save(g, 0, 0, 0);
}

int staff_pin_right(struct staff_pin *g)
{
	return staff_pin_unlock(g); /* a right PIN ends every count, as an unlock does */
}

int staff_pin_stored_hash(struct staff_pin *g, char *out, size_t n)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE, step;

	out[0] = '\0';
	if (sqlite3_prepare_v2(g->db, "SELECT hash FROM staff_pin", -1, &st, NULL) != SQLITE_OK)
		goto out;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
		rc = 0;
	} else if (step == SQLITE_DONE) {
		rc = KIOSK_ENOTFOUND;
	}
out:
	sqlite3_finalize(st);
	return rc;
}

int staff_pin_store_hash(struct staff_pin *g, const char *hash, int64_t now_ms)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	if (sqlite3_prepare_v2(g->db, "INSERT OR REPLACE INTO staff_pin VALUES (1, ?1, ?2)", -1,
			       &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, now_ms);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = 0;
	}
	if (rc)
		log_error("staff_pin", "cannot store the PIN: %s", sqlite3_errmsg(g->db));
	sqlite3_finalize(st);
	return rc;
}
