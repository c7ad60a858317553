/* The payment journal on sqlite: schema migrations, and one transaction per state change
 * (the payment row and its event row together), so a power cut never loses a payment. */
#include "app/store/journal.h"

#include "app/common/err.h"
#include "app/common/fsutil.h"
#include "app/common/log.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MOD "journal"
#define BUSY_TIMEOUT_MS 5000
#define SCHEMA_VERSION 3

/* Used from one thread only (the store worker): the statements below are shared state. */
struct journal {
	sqlite3 *db;
	sqlite3_stmt *begin, *commit, *rollback;
	sqlite3_stmt *insert_payment, *insert_event;
	sqlite3_stmt *select_state, *update_state, *update_taken;
	sqlite3_stmt *select_one, *select_unfinished, *select_all;
	sqlite3_stmt *update_card, *update_post, *select_unposted;
};

static const char *const post_names[] = {
    [JOURNAL_POST_NONE] = "none",	[JOURNAL_POST_PENDING] = "pending",
    [JOURNAL_POST_QUEUED] = "queued",	[JOURNAL_POST_DONE] = "done",
    [JOURNAL_POST_REFUSED] = "refused",
};

_Static_assert(sizeof(post_names) / sizeof(post_names[0]) == JOURNAL_POST_COUNT,
	       "every posting state has a name");

static const char *const state_names[] = {
    [JOURNAL_CREATED] = "created",
    [JOURNAL_SENT] = "sent",
    [JOURNAL_APPROVED] = "approved",
    [JOURNAL_DECLINED] = "declined",
    [JOURNAL_IN_DOUBT] = "in_doubt",
    [JOURNAL_REVERSED] = "reversed",
    [JOURNAL_RECEIPT_PRINTED] = "receipt_printed",
    [JOURNAL_CONFIRMED] = "confirmed",
    [JOURNAL_FAILED] = "failed",
};

#define STATE_COUNT (sizeof(state_names) / sizeof(state_names[0]))

#define BIT(s) (1u << (s))

/* The journal's transitions: for each state, the states it may move to. Anything else is
 * refused (KIOSK_ESTATE), so no caller can skip a step or reopen a settled payment.
 * - created: journaled, not yet sent; it is marked sent before it leaves the kiosk, or
 *   failed when a crash kept it from ever leaving;
 * - sent / in doubt: the answer settles it approved or declined; failed when the portal
 *   refused it or confirms it never saw the key; in doubt when the answer was lost;
 * - approved: the receipt is printed, the portal confirms what the resident was shown, or
 *   the tender reverses it; receipt printed and confirmed may still be reversed;
 * - declined, failed, reversed: final. */
static const unsigned transitions[] = {
    [JOURNAL_CREATED] = BIT(JOURNAL_SENT) | BIT(JOURNAL_FAILED),
    [JOURNAL_SENT] =
	BIT(JOURNAL_APPROVED) | BIT(JOURNAL_DECLINED) | BIT(JOURNAL_IN_DOUBT) | BIT(JOURNAL_FAILED),
    [JOURNAL_IN_DOUBT] = BIT(JOURNAL_APPROVED) | BIT(JOURNAL_DECLINED) | BIT(JOURNAL_FAILED),
    [JOURNAL_APPROVED] =
	BIT(JOURNAL_RECEIPT_PRINTED) | BIT(JOURNAL_CONFIRMED) | BIT(JOURNAL_REVERSED),
    [JOURNAL_RECEIPT_PRINTED] = BIT(JOURNAL_CONFIRMED) | BIT(JOURNAL_REVERSED),
    [JOURNAL_CONFIRMED] = BIT(JOURNAL_REVERSED),
    [JOURNAL_DECLINED] = 0,
    [JOURNAL_FAILED] = 0,
    [JOURNAL_REVERSED] = 0,
};

_Static_assert(sizeof(transitions) / sizeof(transitions[0]) == STATE_COUNT,
	       "every journal state has a row in the transition table");

/* Version 1. Card data is limited by CHECKs too: the brand has no digits and last4 is at
 * most four digits, so no full card number can be stored even by mistake. */
static const char schema_v1[] =
    "CREATE TABLE payments ("
    " id INTEGER PRIMARY KEY,"
    " idempotency_key TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 39),"
    " customer_number TEXT NOT NULL,"
    " amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),"
    " brand TEXT NOT NULL CHECK (brand NOT GLOB '*[0-9]*'),"
    " last4 TEXT NOT NULL CHECK (length(last4) <= 4 AND last4 NOT GLOB '*[^0-9]*'),"
    " state TEXT NOT NULL CHECK (state IN ('created', 'sent', 'approved', 'declined',"
    "  'in_doubt', 'reversed', 'receipt_printed', 'confirmed', 'failed')),"
    " reference TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL"
    ");"
    "CREATE INDEX payments_by_state ON payments (state);"
    "CREATE TABLE payment_events ("
    " id INTEGER PRIMARY KEY,"
    " payment_id INTEGER NOT NULL REFERENCES payments (id),"
    " from_state TEXT," /* NULL for the creation event */
    " to_state TEXT NOT NULL,"
    " at INTEGER NOT NULL"
    ");"
    "CREATE INDEX payment_events_by_payment ON payment_events (payment_id);"
    "PRAGMA user_version = 1;";

/* Version 2: which tender took the payment (recovery asks that tender's party), and how much
 * of it was taken so far (a bill validator credits notes one by one; each is journaled before
 * the resident sees the new total). */
static const char schema_v2[] =
    "ALTER TABLE payments ADD COLUMN tender TEXT NOT NULL DEFAULT 'magstripe'"
    " CHECK (length(tender) BETWEEN 1 AND 15);"
    "ALTER TABLE payments ADD COLUMN taken_cents INTEGER NOT NULL DEFAULT 0"
    " CHECK (taken_cents >= 0);"
    "PRAGMA user_version = 2;";

/* Version 3: a payment a card terminal took is posted to the portal (post, post_reference),
 * with what the terminal said of the card for the posting and the EMV receipt (never a card
 * number: the AID is hex, the other fields short), and the card fee as its own line. */
static const char schema_v3[] =
    "ALTER TABLE payments ADD COLUMN fee_cents INTEGER NOT NULL DEFAULT 0"
    " CHECK (fee_cents >= 0);"
    "ALTER TABLE payments ADD COLUMN post TEXT NOT NULL DEFAULT 'none'"
    " CHECK (post IN ('none', 'pending', 'queued', 'done', 'refused'));"
    "ALTER TABLE payments ADD COLUMN post_reference TEXT NOT NULL DEFAULT ''"
    " CHECK (length(post_reference) <= 31);"
    "ALTER TABLE payments ADD COLUMN terminal_txn TEXT NOT NULL DEFAULT ''"
    " CHECK (length(terminal_txn) <= 64);"
    "ALTER TABLE payments ADD COLUMN approval_code TEXT NOT NULL DEFAULT ''"
    " CHECK (length(approval_code) <= 15);"
    "ALTER TABLE payments ADD COLUMN entry_mode TEXT NOT NULL DEFAULT ''"
    " CHECK (length(entry_mode) <= 11);"
    "ALTER TABLE payments ADD COLUMN aid TEXT NOT NULL DEFAULT ''"
    " CHECK (length(aid) <= 32 AND aid NOT GLOB '*[^0-9A-Fa-f]*');"
    "ALTER TABLE payments ADD COLUMN app_label TEXT NOT NULL DEFAULT ''"
    " CHECK (length(app_label) <= 32);"
    "CREATE INDEX payments_by_post ON payments (post);"
    "PRAGMA user_version = 3;";

/* Version 4: a basket pays several bills with one tender; each bill's share, in order. The
 * portal applies all of them under the payment's one key, or none. */
static const char schema_v4[] =
    "CREATE TABLE payment_bills ("
    " payment_id INTEGER NOT NULL REFERENCES payments(id),"
    " seq INTEGER NOT NULL CHECK (seq >= 0),"
    " customer_number TEXT NOT NULL CHECK (length(customer_number) BETWEEN 1 AND 23),"
    " amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),"
    " PRIMARY KEY (payment_id, seq),"
    " UNIQUE (payment_id, customer_number));"
    "PRAGMA user_version = 4;";

/* Version 5: a basket paid in cash credits what went over the amount due to one of its
 * accounts, the first unless the resident chose another: that bill is marked. */
static const char schema_v5[] =
    "ALTER TABLE payment_bills ADD COLUMN takes_credit INTEGER NOT NULL DEFAULT 0"
    " CHECK (takes_credit IN (0, 1));"
    "UPDATE payment_bills SET takes_credit = 1 WHERE seq = 0;"
    "PRAGMA user_version = 5;";

/* Migrations in order: migrations[i] takes the schema from version i to i + 1. */
static const char *const migrations[] = {schema_v1, schema_v2, schema_v3, schema_v4, schema_v5};

static int store_error(struct journal *j, const char *what)
{
	log_error(MOD, "%s: %s", what, sqlite3_errmsg(j->db));
	return KIOSK_ESTORE;
}

static int exec(struct journal *j, const char *sql, const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(j->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_error(MOD, "%s: %s", what, msg ? msg : "?");
		sqlite3_free(msg);
		return KIOSK_ESTORE;
	}
	return 0;
}

/* Runs a statement that returns no rows, then resets it for the next use. */
static int step_done(struct journal *j, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE)
		return 0;
	log_error(MOD, "%s: %s", what, sqlite3_errmsg(j->db));
	switch (rc & 0xFF) {
	case SQLITE_CONSTRAINT: return KIOSK_EINVAL; /* duplicate key, or a CHECK refused it */
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return KIOSK_EBUSY; /* another process held the file too long */
	default: return KIOSK_ESTORE;
	}
}

static int pragma_int(struct journal *j, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_step(st) != SQLITE_ROW)
		goto out;
	*out = sqlite3_column_int(st, 0);
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

/* WAL lets readers (service mode, reconciliation) see the journal while it is written;
 * synchronous=FULL makes each commit durable before we tell the portal anything. */
static int configure(struct journal *j)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *mode;
	int rc = KIOSK_ESTORE;

	sqlite3_busy_timeout(j->db, BUSY_TIMEOUT_MS);
	if (sqlite3_prepare_v2(j->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		rc = store_error(j, "cannot set WAL mode");
		goto out;
	}
	mode = sqlite3_column_text(st, 0);
	if (!mode || strcmp((const char *)mode, "wal") != 0) {
		log_error(MOD, "journal mode is %s, not wal", mode ? (const char *)mode : "?");
		goto out;
	}
	rc = exec(j, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;", "pragmas");
out:
	sqlite3_finalize(st);
	return rc;
}

static int migrate(struct journal *j)
{
	int version = 0, rc;

	rc = exec(j, "BEGIN IMMEDIATE", "begin migration");
	if (rc < 0)
		return rc;
	rc = pragma_int(j, "PRAGMA user_version", &version);
	if (rc < 0)
		goto out;
	if (version > (int)(sizeof(migrations) / sizeof(migrations[0]))) {
		/* A newer firmware wrote this file; writing to it could corrupt what it expects. */
		log_error(MOD, "journal schema %d is newer than this firmware (%d)", version,
			  SCHEMA_VERSION);
		rc = KIOSK_ESTORE;
		goto out;
	}
	for (; version < (int)(sizeof(migrations) / sizeof(migrations[0])); version++) {
		rc = exec(j, migrations[version], "migration");
		if (rc < 0)
			goto out;
		log_info(MOD, "journal schema migrated to version %d", version + 1);
	}
	rc = exec(j, "COMMIT", "commit migration");
out:
	if (rc < 0)
		exec(j, "ROLLBACK", "rollback migration");
	return rc;
}

static int prepare_all(struct journal *j)
{
	const struct {
		sqlite3_stmt **st;
		const char *sql;
	} list[] = {
	    {&j->begin, "BEGIN IMMEDIATE"},
	    {&j->commit, "COMMIT"},
	    {&j->rollback, "ROLLBACK"},
	    {&j->insert_payment,
	     "INSERT INTO payments (idempotency_key, customer_number, amount_cents, brand, last4,"
	     " state, reference, created_at, updated_at, tender, fee_cents, post) VALUES (?1, ?2,"
	     " ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11)"},
	    {&j->insert_event, "INSERT INTO payment_events (payment_id, from_state, to_state, at)"
			       " VALUES (?1, ?2, ?3, ?4)"},
	    {&j->select_state, "SELECT id, state FROM payments WHERE idempotency_key = ?1"},
	    {&j->update_state,
	     "UPDATE payments SET state = ?2, reference = coalesce(?3, reference), updated_at = ?4"
	     " WHERE id = ?1"},
	    {&j->update_taken,
	     "UPDATE payments SET taken_cents = ?2, updated_at = ?3 WHERE idempotency_key = ?1"
	     " AND state IN ('sent', 'in_doubt') AND taken_cents <= ?2"},
	    {&j->select_one,
	     "SELECT idempotency_key, customer_number, amount_cents, brand, last4, state,"
	     " reference, created_at, updated_at, tender, taken_cents, fee_cents, post,"
	     " post_reference, terminal_txn, approval_code, entry_mode, aid, app_label FROM "
	     "payments WHERE"
	     " idempotency_key = ?1"},
	    {&j->select_unfinished,
	     "SELECT idempotency_key, customer_number, amount_cents, brand, last4, state,"
	     " reference, created_at, updated_at, tender, taken_cents, fee_cents, post,"
	     " post_reference, terminal_txn, approval_code, entry_mode, aid, app_label FROM "
	     "payments"
	     " WHERE state IN ('created', 'sent', 'in_doubt') ORDER BY id"},
	    {&j->select_all,
	     "SELECT idempotency_key, customer_number, amount_cents, brand, last4, state,"
	     " reference, created_at, updated_at, tender, taken_cents, fee_cents, post,"
	     " post_reference, terminal_txn, approval_code, entry_mode, aid, app_label FROM "
	     "payments ORDER BY id"},
	    {&j->select_unposted,
	     "SELECT idempotency_key, customer_number, amount_cents, brand, last4, state,"
	     " reference, created_at, updated_at, tender, taken_cents, fee_cents, post,"
	     " post_reference, terminal_txn, approval_code, entry_mode, aid, app_label FROM "
	     "payments"
	     " WHERE state IN ('approved', 'receipt_printed', 'confirmed')"
	     " AND post IN ('pending', 'refused') ORDER BY id"},
	    {&j->update_card,
	     /* "" keeps the brand and last four journaled at create (a swipe's status answer
	      * does not repeat them) */
	     "UPDATE payments SET brand = coalesce(nullif(?2, ''), brand),"
	     " last4 = coalesce(nullif(?3, ''), last4), terminal_txn = ?4, approval_code = ?5,"
	     " entry_mode = ?6, aid = ?7, app_label = ?8, updated_at = ?9"
	     " WHERE idempotency_key = ?1 AND state IN ('sent', 'in_doubt')"},
	    {&j->update_post,
	     "UPDATE payments SET post = ?2, post_reference = coalesce(?3, post_reference),"
	     " updated_at = ?4 WHERE idempotency_key = ?1 AND post NOT IN ('none', 'done')"},
	};

	for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++) {
		if (sqlite3_prepare_v3(j->db, list[i].sql, -1, SQLITE_PREPARE_PERSISTENT,
				       list[i].st, NULL) != SQLITE_OK)
			return store_error(j, "prepare");
	}
	return 0;
}

int journal_open(const char *path, struct journal **out)
{
	struct journal *j = NULL;
	int rc = KIOSK_EINVAL;

	if (!path || !out)
		return KIOSK_EINVAL;
	*out = NULL;
	if (!fs_store_path_ok(path))
		return KIOSK_EINVAL;
	j = calloc(1, sizeof(*j));
	if (!j) {
		rc = KIOSK_ENOMEM;
		goto fail;
	}
	/* NOMUTEX: one thread owns the journal, so sqlite's own locking would be wasted. */
	if (sqlite3_open_v2(path, &j->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		rc = j->db ? store_error(j, "cannot open journal") : KIOSK_ENOMEM;
		goto fail;
	}
	rc = configure(j);
	if (rc == 0)
		rc = migrate(j);
	if (rc == 0)
		rc = prepare_all(j);
	if (rc < 0)
		goto fail;
	*out = j;
	return 0;
fail:
	journal_close(j);
	return rc;
}

void journal_close(struct journal *j)
{
	if (!j)
		return;
	sqlite3_stmt *all[] = {
	    j->begin,	     j->commit,	      j->rollback,    j->insert_payment,    j->insert_event,
	    j->select_state, j->update_state, j->select_one,  j->select_unfinished, j->select_all,
	    j->update_taken, j->update_card,  j->update_post, j->select_unposted};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		sqlite3_finalize(all[i]);
	/* sqlite3_close (not _v2) fails loudly if a statement was left open. */
	if (j->db && sqlite3_close(j->db) != SQLITE_OK)
		log_error(MOD, "journal not closed cleanly: %s", sqlite3_errmsg(j->db));
	free(j);
}

const char *journal_state_name(enum journal_state s)
{
	if ((unsigned)s >= STATE_COUNT || !state_names[s])
		return "unknown";
	return state_names[s];
}

static int state_from_name(const char *name, enum journal_state *out)
{
	for (size_t i = 0; name && i < STATE_COUNT; i++) {
		if (strcmp(state_names[i], name) == 0) {
			*out = (enum journal_state)i;
			return 0;
		}
	}
	return KIOSK_ESTORE;
}

static int valid_state(enum journal_state s)
{
	return (unsigned)s < STATE_COUNT;
}

bool journal_transition_ok(enum journal_state from, enum journal_state to)
{
	return valid_state(from) && valid_state(to) && (transitions[from] & BIT(to)) != 0;
}

bool journal_state_has_outcome(enum journal_state s)
{
	return s == JOURNAL_APPROVED || s == JOURNAL_RECEIPT_PRINTED || s == JOURNAL_CONFIRMED ||
	       s == JOURNAL_DECLINED;
}

bool journal_state_final(enum journal_state s)
{
	return valid_state(s) && transitions[s] == 0;
}

/* A field of a fixed-size struct that may lack its NUL: bounded, and refused if full. */
static int bounded(const char *s, size_t cap, size_t *len)
{
	*len = strnlen(s, cap);
	return *len < cap;
}

static int digits_only(const char *s)
{
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
	}
	return 1;
}

static int no_digits(const char *s)
{
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			return 0;
	}
	return 1;
}

/* A basket: 2 to JOURNAL_MAX_BILLS bills of different accounts summing to the amount. */
static bool bills_ok(const struct journal_payment *p)
{
	int64_t sum = 0;

	if (p->n_bills == 0)
		return true;
	if (p->n_bills < 2 || p->n_bills > JOURNAL_MAX_BILLS)
		return false;
	for (int i = 0; i < p->n_bills; i++) {
		size_t len;

		if (!bounded(p->bills[i].customer_number, sizeof(p->bills[i].customer_number),
			     &len) ||
		    len == 0 || p->bills[i].amount_cents <= 0 ||
		    p->bills[i].amount_cents > p->amount_cents)
			return false;
		for (int k = 0; k < i; k++)
			if (!strcmp(p->bills[k].customer_number, p->bills[i].customer_number))
				return false;
		sum += p->bills[i].amount_cents;
	}
	return sum == p->amount_cents;
}

/* Writes a basket's bills (inside the create's transaction). */
static int insert_bills(struct journal *j, int64_t payment_id, const struct journal_payment *p)
{
	static const char sql[] = "INSERT INTO payment_bills (payment_id, seq, customer_number,"
				  " amount_cents, takes_credit) VALUES (?, ?, ?, ?, ?)";
	int credit = 0;
	sqlite3_stmt *st = NULL;
	int rc = 0;

	if (p->n_bills == 0)
		return 0;
	/* One bill takes a cash credit: the one marked, else the first. */
	for (int i = p->n_bills - 1; i > 0 && credit == 0; i--)
		if (p->bills[i].takes_credit)
			credit = i;
	if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_error(j, "prepare bills");
	for (int i = 0; i < p->n_bills && rc == 0; i++) {
		sqlite3_bind_int64(st, 1, payment_id);
		sqlite3_bind_int(st, 2, i);
		sqlite3_bind_text(st, 3, p->bills[i].customer_number, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, p->bills[i].amount_cents);
		sqlite3_bind_int(st, 5, i == credit);
		rc = step_done(j, st, "insert bill");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc;
}

static void column_copy(sqlite3_stmt *st, int col, char *dst, size_t n);

int journal_bills(struct journal *j, const char *key, struct journal_bill *out, int max, int *n)
{
	static const char sql[] =
	    "SELECT b.customer_number, b.amount_cents, b.takes_credit FROM payments p"
	    " LEFT JOIN payment_bills b"
	    " ON b.payment_id = p.id WHERE p.idempotency_key = ? ORDER BY b.seq";
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ENOTFOUND, step;

	if (!j || !key || !out || !n)
		return KIOSK_EINVAL;
	*n = 0;
	if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_error(j, "prepare bills");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		rc = 0; /* the payment exists; a NULL row: it has no bills of its own */
		if (sqlite3_column_type(st, 0) == SQLITE_NULL || *n >= max)
			continue;
		column_copy(st, 0, out[*n].customer_number, sizeof(out[*n].customer_number));
		out[*n].amount_cents = sqlite3_column_int64(st, 1);
		out[*n].takes_credit = sqlite3_column_int(st, 2) != 0;
		(*n)++;
	}
	if (step != SQLITE_DONE)
		rc = store_error(j, "select bills");
	sqlite3_finalize(st);
	return rc;
}

int journal_set_credit_bill(struct journal *j, const char *key, int seq)
{
	/* Only while the posting is still to be made: the outbox's body never differs from the
	 * journal's word. */
	static const char sql[] =
	    "UPDATE payment_bills SET takes_credit = (seq = ?2) WHERE payment_id ="
	    " (SELECT id FROM payments WHERE idempotency_key = ?1 AND post = 'pending')"
	    " AND EXISTS (SELECT 1 FROM payment_bills b JOIN payments p ON b.payment_id = p.id"
	    " WHERE p.idempotency_key = ?1 AND b.seq = ?2)";
	sqlite3_stmt *st = NULL;
	int rc;

	if (!j || !key || !key[0] || seq < 0 || seq >= JOURNAL_MAX_BILLS)
		return KIOSK_EINVAL;
	if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_error(j, "prepare credit bill");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, seq);
	rc = step_done(j, st, "update credit bill");
	if (rc == 0 && sqlite3_changes(j->db) == 0)
		rc = KIOSK_ESTATE; /* no such basket, no such bill, or already posted */
	sqlite3_finalize(st);
	return rc;
}

static int payment_ok(const struct journal_payment *p)
{
	size_t key, cust, brand, last4, ref, tender;

	return bounded(p->idempotency_key, sizeof(p->idempotency_key), &key) && key > 0 &&
	       bounded(p->customer_number, sizeof(p->customer_number), &cust) &&
	       bounded(p->brand, sizeof(p->brand), &brand) && no_digits(p->brand) &&
	       bounded(p->last4, sizeof(p->last4), &last4) && digits_only(p->last4) &&
	       bounded(p->reference, sizeof(p->reference), &ref) && p->amount_cents > 0 &&
	       bounded(p->tender, sizeof(p->tender), &tender) && p->fee_cents >= 0 &&
	       (p->post == JOURNAL_POST_NONE || p->post == JOURNAL_POST_PENDING) && bills_ok(p);
}

static int finish(struct journal *j, int rc)
{
	if (rc == 0) {
		rc = step_done(j, j->commit, "commit");
		if (rc == 0)
			return 0;
	}
	step_done(j, j->rollback, "rollback");
	return rc;
}

static void column_copy(sqlite3_stmt *st, int col, char *dst, size_t n)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	snprintf(dst, n, "%s", s ? (const char *)s : "");
}

static int add_event(struct journal *j, sqlite3_int64 id, const char *from, const char *to,
		     int64_t at)
{
	sqlite3_bind_int64(j->insert_event, 1, id);
	if (from)
		sqlite3_bind_text(j->insert_event, 2, from, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(j->insert_event, 2);
	sqlite3_bind_text(j->insert_event, 3, to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(j->insert_event, 4, at);
	return step_done(j, j->insert_event, "insert event");
}

int journal_create(struct journal *j, const struct journal_payment *p)
{
	int64_t now = (int64_t)time(NULL);
	sqlite3_stmt *st;
	int rc;

	if (!j || !p || !payment_ok(p))
		return KIOSK_EINVAL;
	rc = step_done(j, j->begin, "begin");
	if (rc < 0)
		return rc;
	st = j->insert_payment;
	sqlite3_bind_text(st, 1, p->idempotency_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->customer_number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, p->amount_cents);
	sqlite3_bind_text(st, 4, p->brand, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, p->last4, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, state_names[JOURNAL_CREATED], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, p->reference, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, p->created_at > 0 ? p->created_at : now);
	sqlite3_bind_text(st, 9, p->tender[0] ? p->tender : "magstripe", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 10, p->fee_cents);
	sqlite3_bind_text(st, 11, post_names[p->post], -1, SQLITE_STATIC);
	rc = step_done(j, st, "insert payment");
	if (rc == 0) {
		int64_t id = sqlite3_last_insert_rowid(j->db);

		rc = add_event(j, id, NULL, state_names[JOURNAL_CREATED], now);
		if (rc == 0)
			rc = insert_bills(j, id, p);
	}
	return finish(j, rc);
}

int journal_set_state(struct journal *j, const char *key, enum journal_state state,
		      const char *reference)
{
	int64_t now = (int64_t)time(NULL);
	char from[32] = "";
	enum journal_state from_state = JOURNAL_CREATED;
	sqlite3_int64 id = 0;
	int rc, step;

	if (!j || !key || !key[0] || !valid_state(state) ||
	    (reference && strlen(reference) >= sizeof(((struct journal_payment *)0)->reference)))
		return KIOSK_EINVAL;
	rc = step_done(j, j->begin, "begin");
	if (rc < 0)
		return rc;
	sqlite3_bind_text(j->select_state, 1, key, -1, SQLITE_STATIC);
	step = sqlite3_step(j->select_state);
	if (step == SQLITE_ROW) {
		id = sqlite3_column_int64(j->select_state, 0);
		column_copy(j->select_state, 1, from, sizeof(from));
	}
	sqlite3_reset(j->select_state);
	sqlite3_clear_bindings(j->select_state);
	if (step != SQLITE_ROW) {
		rc = step == SQLITE_DONE ? KIOSK_ENOTFOUND : store_error(j, "select payment");
		goto out;
	}
	rc = state_from_name(from, &from_state);
	if (rc < 0)
		goto out;
	if (!journal_transition_ok(from_state, state)) {
		/* Read inside the transaction, so no other writer can slip in between. Callers
		 * rely on the refusal (a reprint of a confirmed payment stays confirmed), so it is
		 * not an error in the log. */
		log_info(MOD, "payment %.8s stays %s: no transition to %s", key, from,
			 state_names[state]);
		rc = KIOSK_ESTATE;
		goto out;
	}
	sqlite3_bind_int64(j->update_state, 1, id);
	sqlite3_bind_text(j->update_state, 2, state_names[state], -1, SQLITE_STATIC);
	if (reference)
		sqlite3_bind_text(j->update_state, 3, reference, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(j->update_state, 3);
	sqlite3_bind_int64(j->update_state, 4, now);
	rc = step_done(j, j->update_state, "update payment");
	if (rc == 0)
		rc = add_event(j, id, from, state_names[state], now);
	if (rc == 0)
		log_info(MOD, "payment %s: %s -> %s", key, from, state_names[state]);
out:
	return finish(j, rc);
}

int journal_set_taken(struct journal *j, const char *key, int64_t taken_cents)
{
	int rc;

	if (!j || !key || !key[0] || taken_cents < 0)
		return KIOSK_EINVAL;
	sqlite3_bind_text(j->update_taken, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(j->update_taken, 2, taken_cents);
	sqlite3_bind_int64(j->update_taken, 3, (int64_t)time(NULL));
	rc = step_done(j, j->update_taken, "update taken");
	if (rc == 0 && sqlite3_changes(j->db) != 1) {
		/* No such key, not under way, or less than already taken: money taken never
		 * shrinks and a settled payment keeps what it had. */
		log_error(MOD, "payment %.8s: %lld cents taken refused", key,
			  (long long)taken_cents);
		rc = KIOSK_ESTATE;
	}
	return rc;
}

const char *journal_post_name(enum journal_post p)
{
	return (unsigned)p < JOURNAL_POST_COUNT ? post_names[p] : "unknown";
}

static enum journal_post post_from_name(const char *name)
{
	for (size_t i = 0; name && i < JOURNAL_POST_COUNT; i++) {
		if (strcmp(post_names[i], name) == 0)
			return (enum journal_post)i;
	}
	return JOURNAL_POST_NONE;
}

static int card_ok(const char *brand, const char *last4, const struct journal_card *c)
{
	size_t n;

	return bounded(brand, sizeof(((struct journal_payment *)0)->brand), &n) &&
	       no_digits(brand) && bounded(last4, 5, &n) && digits_only(last4) &&
	       bounded(c->terminal_txn, sizeof(c->terminal_txn), &n) &&
	       bounded(c->approval_code, sizeof(c->approval_code), &n) &&
	       bounded(c->entry_mode, sizeof(c->entry_mode), &n) &&
	       bounded(c->aid, sizeof(c->aid), &n) &&
	       strspn(c->aid, "0123456789ABCDEFabcdef") == n &&
	       bounded(c->app_label, sizeof(c->app_label), &n);
}

int journal_set_card(struct journal *j, const char *key, const char *brand, const char *last4,
		     const struct journal_card *card)
{
	sqlite3_stmt *st;
	int rc;

	if (!j || !key || !key[0] || !brand || !last4 || !card || !card_ok(brand, last4, card))
		return KIOSK_EINVAL;
	st = j->update_card;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, brand, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, last4, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, card->terminal_txn, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, card->approval_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, card->entry_mode, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, card->aid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, card->app_label, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, (int64_t)time(NULL));
	rc = step_done(j, st, "update card");
	if (rc == 0 && sqlite3_changes(j->db) != 1) {
		log_error(MOD, "payment %.8s: card details refused (not under way)", key);
		rc = KIOSK_ESTATE;
	}
	return rc;
}

int journal_set_post(struct journal *j, const char *key, enum journal_post post,
		     const char *post_reference)
{
	sqlite3_stmt *st;
	int rc;

	if (!j || !key || !key[0] || (unsigned)post >= JOURNAL_POST_COUNT ||
	    post == JOURNAL_POST_NONE ||
	    (post_reference &&
	     strlen(post_reference) >= sizeof(((struct journal_payment *)0)->post_reference)))
		return KIOSK_EINVAL;
	st = j->update_post;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, post_names[post], -1, SQLITE_STATIC);
	if (post_reference)
		sqlite3_bind_text(st, 3, post_reference, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int64(st, 4, (int64_t)time(NULL));
	rc = step_done(j, st, "update post");
	if (rc == 0 && sqlite3_changes(j->db) != 1) {
		/* No such key, nothing to post, or posted already: done is final. */
		log_info(MOD, "payment %.8s: posting stays as it is (not %s)", key,
			 post_names[post]);
		rc = KIOSK_ESTATE;
	} else if (rc == 0) {
		log_info(MOD, "payment %.8s: posting %s", key, post_names[post]);
	}
	return rc;
}

/* Fills a payment from a row of select_one / select_unfinished (same column order). */
static int row_to_payment(sqlite3_stmt *st, struct journal_payment *p)
{
	memset(p, 0, sizeof(*p));
	column_copy(st, 0, p->idempotency_key, sizeof(p->idempotency_key));
	column_copy(st, 1, p->customer_number, sizeof(p->customer_number));
	p->amount_cents = sqlite3_column_int64(st, 2);
	column_copy(st, 3, p->brand, sizeof(p->brand));
	column_copy(st, 4, p->last4, sizeof(p->last4));
	column_copy(st, 6, p->reference, sizeof(p->reference));
	p->created_at = sqlite3_column_int64(st, 7);
	p->updated_at = sqlite3_column_int64(st, 8);
	column_copy(st, 9, p->tender, sizeof(p->tender));
	p->taken_cents = sqlite3_column_int64(st, 10);
	p->fee_cents = sqlite3_column_int64(st, 11);
	p->post = post_from_name((const char *)sqlite3_column_text(st, 12));
	column_copy(st, 13, p->post_reference, sizeof(p->post_reference));
	column_copy(st, 14, p->card.terminal_txn, sizeof(p->card.terminal_txn));
	column_copy(st, 15, p->card.approval_code, sizeof(p->card.approval_code));
	column_copy(st, 16, p->card.entry_mode, sizeof(p->card.entry_mode));
	column_copy(st, 17, p->card.aid, sizeof(p->card.aid));
	column_copy(st, 18, p->card.app_label, sizeof(p->card.app_label));
	return state_from_name((const char *)sqlite3_column_text(st, 5), &p->state);
}

int journal_get(struct journal *j, const char *key, struct journal_payment *out)
{
	int rc, step;

	if (!j || !key || !out)
		return KIOSK_EINVAL;
	sqlite3_bind_text(j->select_one, 1, key, -1, SQLITE_STATIC);
	step = sqlite3_step(j->select_one);
	if (step == SQLITE_ROW)
		rc = row_to_payment(j->select_one, out);
	else if (step == SQLITE_DONE)
		rc = KIOSK_ENOTFOUND;
	else
		rc = store_error(j, "select payment");
	sqlite3_reset(j->select_one);
	sqlite3_clear_bindings(j->select_one);
	return rc;
}

static int each_row(struct journal *j, sqlite3_stmt *select,
		    int (*fn)(const struct journal_payment *p, void *ctx), void *ctx)
{
	struct journal_payment *list = NULL, *grown;
	size_t count = 0, cap = 0;
	int rc = 0, step;

	if (!j || !fn)
		return KIOSK_EINVAL;
	/* Read everything first: fn may well call journal_set_state on what it is given. */
	while ((step = sqlite3_step(select)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 16;
			grown = realloc(list, cap * sizeof(*list));
			if (!grown) {
				rc = KIOSK_ENOMEM;
				break;
			}
			list = grown;
		}
		rc = row_to_payment(select, &list[count++]);
		if (rc < 0)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_error(j, "select payments");
	sqlite3_reset(select);
	for (size_t i = 0; rc == 0 && i < count; i++)
		rc = fn(&list[i], ctx);
	free(list);
	return rc;
}

int journal_each_unfinished(struct journal *j,
			    int (*fn)(const struct journal_payment *p, void *ctx), void *ctx)
{
	return j ? each_row(j, j->select_unfinished, fn, ctx) : KIOSK_EINVAL;
}

int journal_each_unposted(struct journal *j, int (*fn)(const struct journal_payment *p, void *ctx),
			  void *ctx)
{
	return j ? each_row(j, j->select_unposted, fn, ctx) : KIOSK_EINVAL;
}

int journal_each_payment(struct journal *j, int (*fn)(const struct journal_payment *p, void *ctx),
			 void *ctx)
{
	return j ? each_row(j, j->select_all, fn, ctx) : KIOSK_EINVAL;
}
