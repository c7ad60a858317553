/* The cash box's records on sqlite (see cashbox.h). A note is a row; an emptying is a row that
 * the notes it took are marked with, so "what is in the box" is the notes with no emptying. */
#include "app/store/cashbox.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/store/db.h"

struct cashbox {
	sqlite3 *db;
	pthread_mutex_t lock;
};

static const char schema[] =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = FULL;"
    "CREATE TABLE IF NOT EXISTS emptyings ("
    " id INTEGER PRIMARY KEY,"
    " at INTEGER NOT NULL,"
    " who TEXT NOT NULL,"
    " notes INTEGER NOT NULL,"
    " cents INTEGER NOT NULL CHECK (cents >= 0));"
    "CREATE TABLE IF NOT EXISTS notes ("
    " id INTEGER PRIMARY KEY,"
    " note_key TEXT UNIQUE," /* NULL: a note no one else names */
    " cents INTEGER NOT NULL CHECK (cents >= 0),"
    " at INTEGER NOT NULL,"
    " emptying INTEGER REFERENCES emptyings (id));" /* NULL: still in the box */
    "CREATE INDEX IF NOT EXISTS notes_in_box ON notes (emptying);"
    "CREATE INDEX IF NOT EXISTS notes_at ON notes (at);"
    "CREATE TABLE IF NOT EXISTS facts ("
    " name TEXT PRIMARY KEY," /* validator_serial, alarm */
    " value TEXT NOT NULL,"
    " at INTEGER NOT NULL);";

int cashbox_open(const char *path, struct cashbox **out)
{
	struct cashbox *cb = calloc(1, sizeof(*cb));
	int rc;

	*out = NULL;
	if (!cb)
		return KIOSK_ENOMEM;
	pthread_mutex_init(&cb->lock, NULL);
	rc = store_db_open(path, schema, "cashbox", &cb->db);
	if (rc) {
		cashbox_close(cb);
		return rc;
	}
	*out = cb;
	return 0;
}

void cashbox_close(struct cashbox *cb)
{
	if (!cb)
		return;
	sqlite3_close(cb->db);
	pthread_mutex_destroy(&cb->lock);
	free(cb);
}

static void fail_log(struct cashbox *cb, const char *what)
{
	log_error("cashbox", "cannot %s: %s", what, sqlite3_errmsg(cb->db));
}

int cashbox_note_stacked(struct cashbox *cb, const char *key, int64_t cents, int64_t at,
			 bool *added)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	*added = false;
	if (cents < 0)
		return KIOSK_EINVAL;
	pthread_mutex_lock(&cb->lock);
	if (sqlite3_prepare_v2(
		cb->db, "INSERT OR IGNORE INTO notes (note_key, cents, at) VALUES (?1, ?2, ?3)", -1,
		&st, NULL) != SQLITE_OK)
		goto out;
	if (key && *key)
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 1);
	sqlite3_bind_int64(st, 2, cents);
	sqlite3_bind_int64(st, 3, at);
	if (sqlite3_step(st) == SQLITE_DONE) {
		*added = sqlite3_changes(cb->db) == 1;
		rc = 0;
	}
out:
	if (rc)
		fail_log(cb, "record a note in the cash box");
	sqlite3_finalize(st);
	pthread_mutex_unlock(&cb->lock);
	return rc;
}

/* Fills out's denominations from a "SELECT cents, COUNT(*) ... GROUP BY cents ORDER BY cents"
 * whose one parameter, if any, is bound to arg. */
static int count_rows(struct cashbox *cb, const char *sql, int64_t arg, struct cashbox_count *out)
{
	sqlite3_stmt *st = NULL;
	int step, rc = KIOSK_ESTORE;

	if (sqlite3_prepare_v2(cb->db, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, arg);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t cents = sqlite3_column_int64(st, 0);
		int count = sqlite3_column_int(st, 1);

		if (out->n == CASHBOX_MAX_DENOMS) {
			log_error("cashbox", "more than %d kinds of note", CASHBOX_MAX_DENOMS);
			goto out;
		}
		out->d[out->n].cents = cents;
		out->d[out->n].count = count;
		out->n++;
		out->notes += count;
		out->cents += cents * count;
	}
	if (step == SQLITE_DONE)
		rc = 0;
out:
	if (rc)
		fail_log(cb, "count the cash box");
	sqlite3_finalize(st);
	return rc;
}

/* The last emptying's time and who; zeros when never. Lock held. */
static int last_emptying(struct cashbox *cb, struct cashbox_count *out)
{
	sqlite3_stmt *st = NULL;
	int step, rc = KIOSK_ESTORE;

	if (sqlite3_prepare_v2(cb->db, "SELECT at, who FROM emptyings ORDER BY id DESC LIMIT 1", -1,
			       &st, NULL) != SQLITE_OK)
		goto out;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		out->since = sqlite3_column_int64(st, 0);
		snprintf(out->last_who, sizeof(out->last_who), "%s",
			 (const char *)sqlite3_column_text(st, 1));
	}
	if (step == SQLITE_ROW || step == SQLITE_DONE)
		rc = 0;
out:
	if (rc)
		fail_log(cb, "read the last emptying");
	sqlite3_finalize(st);
	return rc;
}

static const char in_box_sql[] = "SELECT cents, COUNT(*) FROM notes WHERE emptying IS NULL "
				 "GROUP BY cents ORDER BY cents";

int cashbox_count(struct cashbox *cb, struct cashbox_count *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&cb->lock);
	rc = last_emptying(cb, out);
	if (rc == 0)
		rc = count_rows(cb, in_box_sql, 0, out);
	pthread_mutex_unlock(&cb->lock);
	return rc;
}

int cashbox_stacked_since(struct cashbox *cb, int64_t since, struct cashbox_count *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&cb->lock);
	rc = count_rows(cb,
			"SELECT cents, COUNT(*) FROM notes WHERE at > ?1 GROUP BY cents "
			"ORDER BY cents",
			since, out);
	pthread_mutex_unlock(&cb->lock);
	out->since = since;
	return rc;
}

/* Runs one statement: t1 and t2 (NULL: skipped) are ?1 and ?2, ints[k] is ?(3 + k). */
static int run(struct cashbox *cb, const char *sql, const char *t1, const char *t2,
	       const int64_t *ints, int n_ints)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	if (sqlite3_prepare_v2(cb->db, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	if (t1)
		sqlite3_bind_text(st, 1, t1, -1, SQLITE_STATIC);
	if (t2)
		sqlite3_bind_text(st, 2, t2, -1, SQLITE_STATIC);
	for (int k = 0; k < n_ints; k++)
		sqlite3_bind_int64(st, 3 + k, ints[k]);
	if (sqlite3_step(st) == SQLITE_DONE)
		rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

int cashbox_empty(struct cashbox *cb, const char *who, int64_t at, struct cashbox_count *emptied)
{
	int rc;

	memset(emptied, 0, sizeof(*emptied));
	pthread_mutex_lock(&cb->lock);
	if (sqlite3_exec(cb->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		rc = KIOSK_ESTORE;
		goto out;
	}
	rc = last_emptying(cb, emptied);
	if (rc == 0)
		rc = count_rows(cb, in_box_sql, 0, emptied);
	if (rc == 0) {
		const int64_t v[3] = {at, emptied->notes, emptied->cents};
		rc =
		    run(cb, "INSERT INTO emptyings (who, at, notes, cents) VALUES (?1, ?3, ?4, ?5)",
			who, NULL, v, 3);
	}
	if (rc == 0)
		rc = run(cb,
			 "UPDATE notes SET emptying = last_insert_rowid() WHERE emptying IS NULL",
			 NULL, NULL, NULL, 0);
	if (rc == 0 && sqlite3_exec(cb->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = KIOSK_ESTORE;
	if (rc) {
		fail_log(cb, "record the emptying");
		sqlite3_exec(cb->db, "ROLLBACK", NULL, NULL, NULL);
	}
out:
	pthread_mutex_unlock(&cb->lock);
	return rc;
}

/* A fact's value and time; *found false when it was never set. Lock held. */
static int get_fact(struct cashbox *cb, const char *name, char *value, size_t n, int64_t *at,
		    bool *found)
{
	sqlite3_stmt *st = NULL;
	int step, rc = KIOSK_ESTORE;

	*found = false;
	if (n)
		value[0] = '\0';
	if (at)
		*at = 0;
	if (sqlite3_prepare_v2(cb->db, "SELECT value, at FROM facts WHERE name = ?1", -1, &st,
			       NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*found = true;
		snprintf(value, n, "%s", (const char *)sqlite3_column_text(st, 0));
		if (at)
			*at = sqlite3_column_int64(st, 1);
	}
	if (step == SQLITE_ROW || step == SQLITE_DONE)
		rc = 0;
out:
	if (rc)
		fail_log(cb, "read the cash box's records");
	sqlite3_finalize(st);
	return rc;
}

static int set_fact(struct cashbox *cb, const char *name, const char *value, int64_t at)
{
	int rc = run(cb, "INSERT OR REPLACE INTO facts (name, value, at) VALUES (?1, ?2, ?3)", name,
		     value, &at, 1);

	if (rc)
		fail_log(cb, "write the cash box's records");
	return rc;
}

int cashbox_check_serial(struct cashbox *cb, uint32_t serial, int64_t at, bool *swapped,
			 uint32_t *previous)
{
	char kept[16], now[16];
	bool found;
	int rc;

	*swapped = false;
	*previous = 0;
	snprintf(now, sizeof(now), "%lu", (unsigned long)serial);
	pthread_mutex_lock(&cb->lock);
	rc = get_fact(cb, "validator_serial", kept, sizeof(kept), NULL, &found);
	if (rc == 0 && found && strcmp(kept, now) != 0) {
		*swapped = true;
		*previous = (uint32_t)strtoul(kept, NULL, 10);
	}
	if (rc == 0 && (!found || *swapped))
		rc = set_fact(cb, "validator_serial", now, at);
	pthread_mutex_unlock(&cb->lock);
	return rc;
}

int cashbox_raise_alarm(struct cashbox *cb, const char *what, int64_t at)
{
	char kept[CASHBOX_ALARM_LEN];
	bool found;
	int rc;

	pthread_mutex_lock(&cb->lock);
	rc = get_fact(cb, "alarm", kept, sizeof(kept), NULL, &found);
	if (rc == 0 && !found)
		rc = set_fact(cb, "alarm", what, at);
	pthread_mutex_unlock(&cb->lock);
	return rc;
}

int cashbox_alarm(struct cashbox *cb, char *what, size_t n, int64_t *at)
{
	bool found;
	int rc;

	pthread_mutex_lock(&cb->lock);
	rc = get_fact(cb, "alarm", what, n, at, &found);
	pthread_mutex_unlock(&cb->lock);
	return rc;
}

int cashbox_clear_alarm(struct cashbox *cb)
{
	int rc;

	pthread_mutex_lock(&cb->lock);
	rc = run(cb, "DELETE FROM facts WHERE name = 'alarm'", NULL, NULL, NULL, 0);
	if (rc)
		fail_log(cb, "clear the cash alarm");
	pthread_mutex_unlock(&cb->lock);
	return rc;
}
