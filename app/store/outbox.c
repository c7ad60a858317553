/* The outbox in sqlite: a queue that survives power cuts, with a bound on its size that is
 * reported, exponential backoff with jitter, and dead items kept for staff to see. */
#include "app/store/outbox.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/store/db.h"

#define MOD "outbox"
#define BACKOFF_BASE_MS 2000
#define BACKOFF_CAP_MS (3600 * 1000)

struct outbox {
	sqlite3 *db;
	int64_t capacity;
	int64_t refused;
};

static const char schema[] = "PRAGMA journal_mode = WAL;"
			     "PRAGMA synchronous = FULL;"
			     "CREATE TABLE IF NOT EXISTS outbox ("
			     " id INTEGER PRIMARY KEY,"
			     " kind TEXT NOT NULL,"
			     " payment_key TEXT NOT NULL DEFAULT '',"
			     " body TEXT NOT NULL,"
			     " attempts INTEGER NOT NULL DEFAULT 0,"
			     " next_at_ms INTEGER NOT NULL,"
			     " dead INTEGER NOT NULL DEFAULT 0,"
			     " created_at INTEGER NOT NULL DEFAULT (strftime('%s', 'now')));"
			     "CREATE INDEX IF NOT EXISTS outbox_due ON outbox (dead, next_at_ms);";

static int fail(struct outbox *ob, const char *what)
{
	log_error(MOD, "%s: %s", what, sqlite3_errmsg(ob->db));
	return KIOSK_ESTORE;
}

int outbox_open(const char *path, int64_t capacity, struct outbox **out)
{
	struct outbox *ob;
	int rc;

	if (!path || !out || capacity <= 0)
		return KIOSK_EINVAL;
	*out = NULL;
	ob = calloc(1, sizeof(*ob));
	if (!ob)
		return KIOSK_ENOMEM;
	ob->capacity = capacity;
	rc = store_db_open(path, schema, MOD, &ob->db);
	if (rc) {
		outbox_close(ob);
		return rc;
	}
	*out = ob;
	return 0;
}

void outbox_close(struct outbox *ob)
{
	if (!ob)
		return;
	sqlite3_close(ob->db);
	free(ob);
}

static int64_t count_where(struct outbox *ob, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t n = -1;

	if (sqlite3_prepare_v2(ob->db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else
		fail(ob, "count");
	sqlite3_finalize(st);
	return n;
}

int outbox_add(struct outbox *ob, const char *kind, const char *key, const char *body,
	       int64_t now_ms)
{
	static const char sql[] =
	    "INSERT INTO outbox (kind, payment_key, body, next_at_ms) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = NULL;
	int64_t pending;
	int rc = KIOSK_ESTORE;

	if (!ob || !kind || !body || strlen(kind) >= sizeof(((struct outbox_item *)0)->kind) ||
	    strlen(body) >= sizeof(((struct outbox_item *)0)->body) ||
	    (key && strlen(key) >= sizeof(((struct outbox_item *)0)->key)))
		return KIOSK_EINVAL;
	pending = count_where(ob, "SELECT count(*) FROM outbox WHERE dead = 0");
	if (pending < 0)
		return KIOSK_ESTORE;
	if (pending >= ob->capacity) {
		/* Full: the portal has been out of reach for a long time. Refusing loudly is
		 * the honest choice; staff see the count in the log and in the stats. */
		ob->refused++;
		log_error(MOD, "full (%lld of %lld pending): %s for %.8s NOT queued (%lld refused)",
			  (long long)pending, (long long)ob->capacity, kind, key ? key : "",
			  (long long)ob->refused);
		return KIOSK_EBUSY;
	}
	if (sqlite3_prepare_v2(ob->db, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key ? key : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, body, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, now_ms);
	if (sqlite3_step(st) == SQLITE_DONE)
		rc = 0;
out:
	if (rc)
		fail(ob, "add");
	else
		log_info(MOD, "queued %s for %.8s (%lld pending)", kind, key ? key : "",
			 (long long)pending + 1);
	sqlite3_finalize(st);
	return rc;
}

static void column_copy(sqlite3_stmt *st, int col, char *dst, size_t n)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	snprintf(dst, n, "%s", s ? (const char *)s : "");
}

int outbox_next_due(struct outbox *ob, int64_t now_ms, struct outbox_item *out)
{
	static const char sql[] =
	    "SELECT id, kind, payment_key, body, attempts, next_at_ms FROM outbox"
	    " WHERE dead = 0 AND next_at_ms <= ?1 ORDER BY next_at_ms, id LIMIT 1";
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE, step;

	if (!ob || !out)
		return KIOSK_EINVAL;
	if (sqlite3_prepare_v2(ob->db, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, now_ms);
	step = sqlite3_step(st);
	if (step == SQLITE_DONE) {
		rc = KIOSK_ENOTFOUND;
		goto out;
	}
	if (step != SQLITE_ROW)
		goto out;
	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(st, 0);
	column_copy(st, 1, out->kind, sizeof(out->kind));
	column_copy(st, 2, out->key, sizeof(out->key));
	column_copy(st, 3, out->body, sizeof(out->body));
	out->attempts = sqlite3_column_int(st, 4);
	out->next_at_ms = sqlite3_column_int64(st, 5);
	rc = 0;
out:
	if (rc == KIOSK_ESTORE)
		fail(ob, "next due");
	sqlite3_finalize(st);
	return rc;
}

int outbox_next_time(struct outbox *ob, int64_t *out_ms)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	if (!ob || !out_ms)
		return KIOSK_EINVAL;
	if (sqlite3_prepare_v2(ob->db, "SELECT min(next_at_ms) FROM outbox WHERE dead = 0", -1, &st,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		*out_ms =
		    sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 0);
		rc = 0;
	} else {
		fail(ob, "next time");
	}
	sqlite3_finalize(st);
	return rc;
}

/* One UPDATE or DELETE on an item by id, with up to two int64 parameters after it. */
static int change(struct outbox *ob, const char *sql, int64_t id, int64_t a, int64_t b)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	if (sqlite3_prepare_v2(ob->db, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_bind_parameter_count(st) >= 3) {
		sqlite3_bind_int64(st, 2, a);
		sqlite3_bind_int64(st, 3, b);
	}
	if (sqlite3_step(st) == SQLITE_DONE)
		rc = sqlite3_changes(ob->db) == 1 ? 0 : KIOSK_ENOTFOUND;
out:
	if (rc == KIOSK_ESTORE)
		fail(ob, "update");
	sqlite3_finalize(st);
	return rc;
}

int outbox_done(struct outbox *ob, int64_t id)
{
	return ob ? change(ob, "DELETE FROM outbox WHERE id = ?1", id, 0, 0) : KIOSK_EINVAL;
}

int outbox_retry(struct outbox *ob, int64_t id, int64_t now_ms, uint32_t random)
{
	sqlite3_stmt *st = NULL;
	int attempts = 0;

	if (!ob)
		return KIOSK_EINVAL;
	if (sqlite3_prepare_v2(ob->db, "SELECT attempts FROM outbox WHERE id = ?1", -1, &st,
			       NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) == SQLITE_ROW)
			attempts = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	return change(ob,
		      "UPDATE outbox SET attempts = attempts + 1, next_at_ms = ?2 + ?3"
		      " WHERE id = ?1",
		      id, now_ms, outbox_backoff_ms(attempts, random));
}

int outbox_dead(struct outbox *ob, int64_t id)
{
	return ob ? change(ob, "UPDATE outbox SET dead = 1 WHERE id = ?1", id, 0, 0) : KIOSK_EINVAL;
}

int outbox_get_stats(struct outbox *ob, struct outbox_stats *out)
{
	if (!ob || !out)
		return KIOSK_EINVAL;
	memset(out, 0, sizeof(*out));
	out->pending = count_where(ob, "SELECT count(*) FROM outbox WHERE dead = 0");
	out->dead = count_where(ob, "SELECT count(*) FROM outbox WHERE dead = 1");
	out->capacity = ob->capacity;
	out->refused = ob->refused;
	return out->pending < 0 || out->dead < 0 ? KIOSK_ESTORE : 0;
}

int64_t outbox_backoff_ms(int attempts, uint32_t random)
{
	int64_t delay = BACKOFF_BASE_MS;

	for (int i = 0; i < attempts && delay < BACKOFF_CAP_MS; i++)
		delay *= 2;
	if (delay > BACKOFF_CAP_MS)
		delay = BACKOFF_CAP_MS;
	return delay / 2 + (int64_t)(random % (uint32_t)(delay / 2 + 1));
}
