/* portal-sim's records: accounts and payments in a real sqlite file, seeded with demo
 * accounts when new. One connection behind one mutex: the server runs a thread per request. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/portal-sim/sim.h"

struct sim_db {
	sqlite3 *conn;
	pthread_mutex_t lock;
};

static const char schema_sql[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=FULL;"
    "CREATE TABLE IF NOT EXISTS accounts ("
    "  customer_number TEXT PRIMARY KEY,"
    "  display_number TEXT NOT NULL,"
    "  last_name TEXT NOT NULL,"
    "  balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0),"
    "  last_bill_cents INTEGER NOT NULL,"
    "  due_date TEXT,"
    "  last_payment_date TEXT,"
    "  last_payment_cents INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS payments ("
    "  id INTEGER PRIMARY KEY,"
    "  idempotency_key TEXT NOT NULL UNIQUE,"
    "  reference TEXT NOT NULL UNIQUE,"
    "  customer_number TEXT NOT NULL REFERENCES accounts(customer_number),"
    "  amount_cents INTEGER NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('approved', 'declined')),"
    "  message TEXT NOT NULL,"
    "  brand TEXT NOT NULL,"
    "  last4 TEXT NOT NULL,"
    "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));"
    /* Cash a kiosk's validator took: the notes by denomination ("500x1,2000x1"), the amount
     * due and the credit over it. */
    "CREATE TABLE IF NOT EXISTS cash_postings ("
    "  idempotency_key TEXT PRIMARY KEY REFERENCES payments(idempotency_key),"
    "  notes TEXT NOT NULL,"
    "  amount_due_cents INTEGER NOT NULL CHECK (amount_due_cents > 0),"
    "  credit_cents INTEGER NOT NULL CHECK (credit_cents >= 0));"
    /* What an account holds over its balance (cash over the amount due). */
    "CREATE TABLE IF NOT EXISTS credits ("
    "  customer_number TEXT PRIMARY KEY REFERENCES accounts(customer_number),"
    "  credit_cents INTEGER NOT NULL CHECK (credit_cents >= 0));"
    /* What each kiosk said it showed the resident; one row per payment however often the
     * kiosk's outbox retries. */
    "CREATE TABLE IF NOT EXISTS confirmations ("
    "  idempotency_key TEXT PRIMARY KEY REFERENCES payments(idempotency_key),"
    "  outcome_shown TEXT NOT NULL,"
    "  receipt_printed INTEGER NOT NULL,"
    "  times INTEGER NOT NULL DEFAULT 1,"
    "  first_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));"
    /* Staff actions at the kiosks, one row per event id however often it is sent. */
    "CREATE TABLE IF NOT EXISTS audit_events ("
    "  event_id TEXT PRIMARY KEY,"
    "  kiosk_id TEXT NOT NULL,"
    "  at INTEGER NOT NULL,"
    "  source TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  detail TEXT NOT NULL,"
    "  times INTEGER NOT NULL DEFAULT 1);"
    /* Payments a card terminal took, as the kiosk posted them: one row per terminal
     * transaction, so a charge can never be posted under two keys. */
    "CREATE TABLE IF NOT EXISTS terminal_postings ("
    "  idempotency_key TEXT PRIMARY KEY REFERENCES payments(idempotency_key),"
    "  tender TEXT NOT NULL,"
    "  transaction_id TEXT NOT NULL UNIQUE,"
    "  approval_code TEXT NOT NULL,"
    "  entry_mode TEXT NOT NULL,"
    "  fee_cents INTEGER NOT NULL CHECK (fee_cents >= 0));"
    /* The issuer's approval code of each card payment the portal approved (a swipe), made
     * per payment like a test issuer would; a terminal's is in terminal_postings. */
    "CREATE TABLE IF NOT EXISTS card_approvals ("
    "  idempotency_key TEXT PRIMARY KEY REFERENCES payments(idempotency_key),"
    "  approval_code TEXT NOT NULL CHECK (length(approval_code) = 6));"
    /* The bills of a basket payment, in the order the kiosk sent them. */
    "CREATE TABLE IF NOT EXISTS allocations ("
    "  idempotency_key TEXT NOT NULL REFERENCES payments(idempotency_key),"
    "  seq INTEGER NOT NULL,"
    "  customer_number TEXT NOT NULL REFERENCES accounts(customer_number),"
    "  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),"
    "  balance_cents INTEGER NOT NULL,"
    "  PRIMARY KEY (idempotency_key, seq), UNIQUE (idempotency_key, customer_number));"
    /* A basket paid in cash: which of its accounts the resident had the credit go to. */
    "CREATE TABLE IF NOT EXISTS cash_credit_to ("
    "  idempotency_key TEXT PRIMARY KEY REFERENCES payments(idempotency_key),"
    "  credit_to TEXT NOT NULL REFERENCES accounts(customer_number));";

/* Demo accounts, documented in docs/portal-api.md; INSERT OR IGNORE keeps a used file's
 * balances as they are. */
static const char seed_sql[] =
    "INSERT OR IGNORE INTO accounts VALUES"
    " ('100200300', '100-200-300', 'Rivera', 8417, 8417, '2026-12-15', '2026-10-14', 7922),"
    " ('555000111', '555-000-111', 'Nguyen', 0, 0, NULL, NULL, 0),"
    " ('300400500', '300-400-500', 'Peña', 12850, 12850, '2026-12-20', '2026-11-18', 11940),"
    " ('700800900', '700-800-900', 'Okafor', 482315, 482315, '2026-12-01', '2026-10-30',"
    "  395000),"
    " ('120340560', '120-340-560', 'O''Brien', 11260, 5630, '2026-12-10', '2026-09-12', 5410);";

/* The long-data account (issue 16's layout tour): the largest amount a bill shows and a long
 * name with accents and apostrophes. */
static const char long_seed_sql[] =
    "INSERT OR IGNORE INTO accounts VALUES"
    " ('999888777', '999-888-777', 'D''Alessandro-Núñez Peñalba', 9999999, 9999999,"
    "  '2026-12-31', '2026-11-30', 9999999);";

/* The demo accounts' paper bills (docs/portal-api.md, "Seeded bills"): the newest of each
 * account is the one its barcode may be scanned from; an older one is stale. */
static const char bills_sql[] =
    "CREATE TABLE IF NOT EXISTS bills ("
    "  customer_number TEXT NOT NULL REFERENCES accounts(customer_number),"
    "  bill_date TEXT NOT NULL,"
    "  amount_due_cents INTEGER NOT NULL CHECK (amount_due_cents >= 0),"
    "  PRIMARY KEY (customer_number, bill_date));"
    "INSERT OR IGNORE INTO bills VALUES"
    " ('100200300', '2026-10-20', 7922), ('100200300', '2026-11-20', 8417),"
    " ('300400500', '2026-10-25', 11940), ('300400500', '2026-11-25', 12850),"
    " ('700800900', '2026-11-01', 482315),"
    " ('120340560', '2026-10-10', 5630), ('120340560', '2026-11-10', 11260);";

int db_open(const char *path, struct sim_db **out)
{
	struct sim_db *db = calloc(1, sizeof(*db));
	char *err = NULL;
	int rc = KIOSK_ESTORE;

	if (!db)
		return KIOSK_ENOMEM;
	pthread_mutex_init(&db->lock, NULL);
	if (sqlite3_open_v2(path, &db->conn,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
			    NULL) != SQLITE_OK) {
		log_error("portal-sim", "cannot open %s: %s", path, sqlite3_errmsg(db->conn));
		goto out;
	}
	sqlite3_busy_timeout(db->conn, 5000);
	if (sqlite3_exec(db->conn, schema_sql, NULL, NULL, &err) != SQLITE_OK ||
	    sqlite3_exec(db->conn, seed_sql, NULL, NULL, &err) != SQLITE_OK ||
	    sqlite3_exec(db->conn, long_seed_sql, NULL, NULL, &err) != SQLITE_OK ||
	    sqlite3_exec(db->conn, bills_sql, NULL, NULL, &err) != SQLITE_OK) {
		log_error("portal-sim", "cannot prepare %s: %s", path, err ? err : "?");
		goto out;
	}
	rc = 0;
	*out = db;
out:
	sqlite3_free(err);
	if (rc != 0)
		db_close(db);
	return rc;
}

void db_close(struct sim_db *db)
{
	if (!db)
		return;
	sqlite3_close(db->conn);
	pthread_mutex_destroy(&db->lock);
	free(db);
}

static void copy_text(char *dst, size_t n, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

int db_find_account(struct sim_db *db, const char *customer_number, struct sim_account *out)
{
	static const char sql[] =
	    "SELECT customer_number, display_number, last_name, balance_cents, last_bill_cents,"
	    " due_date, last_payment_date, last_payment_cents FROM accounts"
	    " WHERE customer_number = ?";
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	pthread_mutex_lock(&db->lock);
	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, customer_number, -1, SQLITE_STATIC);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW: break;
	case SQLITE_DONE: rc = KIOSK_ENOTFOUND; goto out;
	default: goto out;
	}
	memset(out, 0, sizeof(*out));
	copy_text(out->customer_number, sizeof(out->customer_number), st, 0);
	copy_text(out->display_number, sizeof(out->display_number), st, 1);
	copy_text(out->last_name, sizeof(out->last_name), st, 2);
	out->balance_cents = sqlite3_column_int64(st, 3);
	out->last_bill_cents = sqlite3_column_int64(st, 4);
	copy_text(out->due_date, sizeof(out->due_date), st, 5);
	copy_text(out->last_payment_date, sizeof(out->last_payment_date), st, 6);
	out->last_payment_cents = sqlite3_column_int64(st, 7);
	rc = 0;
out:
	if (rc == KIOSK_ESTORE)
		log_error("portal-sim", "account query failed: %s", sqlite3_errmsg(db->conn));
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return rc;
}

/* The terminal posting's columns, from `col` on: tender, fee, transaction, approval, entry. */
static void posting_columns(struct sim_payment *p, sqlite3_stmt *st, int col)
{
	copy_text(p->tender, sizeof(p->tender), st, col);
	p->fee_cents = sqlite3_column_int64(st, col + 1);
	copy_text(p->transaction_id, sizeof(p->transaction_id), st, col + 2);
	copy_text(p->approval_code, sizeof(p->approval_code), st, col + 3);
	copy_text(p->entry_mode, sizeof(p->entry_mode), st, col + 4);
}

/* Caller holds the lock and an open transaction: the terminal posting of a payment just
 * inserted. KIOSK_ESTATE when its transaction was already posted (under another key). */
static int insert_posting(struct sim_db *db, const struct sim_payment *p)
{
	static const char sql[] =
	    "INSERT INTO terminal_postings (idempotency_key, tender, transaction_id,"
	    " approval_code, entry_mode, fee_cents) VALUES (?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE, step;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, p->idempotency_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->tender, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->transaction_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, p->approval_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, p->entry_mode, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, p->fee_cents);
	step = sqlite3_step(st);
	rc = step == SQLITE_DONE		  ? 0
	     : (step & 0xFF) == SQLITE_CONSTRAINT ? KIOSK_ESTATE
						  : KIOSK_ESTORE;
out:
	sqlite3_finalize(st);
	return rc;
}

int db_find_bill(struct sim_db *db, const char *customer_number, const char *bill_date,
		 struct sim_bill *out)
{
	/* The bill asked for, and the newest of its account beside it. */
	static const char sql[] =
	    "SELECT b.customer_number, b.bill_date, b.amount_due_cents,"
	    " (SELECT MAX(bill_date) FROM bills WHERE customer_number = b.customer_number)"
	    " FROM bills b WHERE b.customer_number = ? AND b.bill_date = ?";
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	pthread_mutex_lock(&db->lock);
	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, customer_number, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, bill_date, -1, SQLITE_STATIC);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW: break;
	case SQLITE_DONE: rc = KIOSK_ENOTFOUND; goto out;
	default: goto out;
	}
	memset(out, 0, sizeof(*out));
	copy_text(out->customer_number, sizeof(out->customer_number), st, 0);
	copy_text(out->bill_date, sizeof(out->bill_date), st, 1);
	out->amount_due_cents = sqlite3_column_int64(st, 2);
	copy_text(out->latest_date, sizeof(out->latest_date), st, 3);
	rc = 0;
out:
	if (rc == KIOSK_ESTORE)
		log_error("portal-sim", "bill query failed: %s", sqlite3_errmsg(db->conn));
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return rc;
}

int db_each_latest_bill(struct sim_db *db, int (*fn)(const struct sim_bill *b, void *ctx),
			void *ctx)
{
	static const char sql[] =
	    "SELECT customer_number, MAX(bill_date), amount_due_cents FROM bills"
	    " GROUP BY customer_number ORDER BY customer_number";
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE, step;

	pthread_mutex_lock(&db->lock);
	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sim_bill b;

		memset(&b, 0, sizeof(b));
		copy_text(b.customer_number, sizeof(b.customer_number), st, 0);
		copy_text(b.bill_date, sizeof(b.bill_date), st, 1);
		copy_text(b.latest_date, sizeof(b.latest_date), st, 1);
		/* SQLite takes the bare column from the row MAX() chose. */
		b.amount_due_cents = sqlite3_column_int64(st, 2);
		if ((rc = fn(&b, ctx)) != 0)
			goto out;
	}
	rc = step == SQLITE_DONE ? 0 : KIOSK_ESTORE;
out:
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return rc;
}

/* The cash posting's columns from `first` on: amount due, credit, notes. */
static void read_cash(struct sim_payment *p, sqlite3_stmt *st, int first)
{
	p->amount_due_cents = sqlite3_column_int64(st, first);
	p->credit_cents = sqlite3_column_int64(st, first + 1);
	copy_text(p->notes, sizeof(p->notes), st, first + 2);
}

/* Caller holds the lock and an open transaction: the cash posting of a payment just
 * inserted. */
static int insert_cash(struct sim_db *db, const struct sim_payment *p)
{
	static const char sql[] = "INSERT INTO cash_postings (idempotency_key, notes,"
				  " amount_due_cents, credit_cents) VALUES (?, ?, ?, ?)";
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, p->idempotency_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->notes, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, p->amount_due_cents);
	sqlite3_bind_int64(st, 4, p->credit_cents);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : KIOSK_ESTORE;
	sqlite3_finalize(st);
	if (rc != 0 || !p->credit_to[0])
		return rc;
	rc = KIOSK_ESTORE;
	if (sqlite3_prepare_v2(db->conn,
			       "INSERT INTO cash_credit_to (idempotency_key, credit_to)"
			       " VALUES (?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return rc;
	sqlite3_bind_text(st, 1, p->idempotency_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->credit_to, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_DONE ? 0 : KIOSK_ESTORE;
	sqlite3_finalize(st);
	return rc;
}

/* Caller holds the lock. */
/* A basket's bills into p->allocs (none for a payment of one bill). */
static int load_allocs(struct sim_db *db, struct sim_payment *p)
{
	static const char sql[] = "SELECT customer_number, amount_cents, balance_cents FROM"
				  " allocations WHERE idempotency_key = ? ORDER BY seq";
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE, step;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, p->idempotency_key, -1, SQLITE_STATIC);
	p->n_allocs = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW && p->n_allocs < SIM_MAX_ALLOCS) {
		struct sim_alloc *a = &p->allocs[p->n_allocs++];

		copy_text(a->customer_number, sizeof(a->customer_number), st, 0);
		a->amount_cents = sqlite3_column_int64(st, 1);
		a->balance_cents = sqlite3_column_int64(st, 2);
	}
	if (step == SQLITE_DONE || step == SQLITE_ROW)
		rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

static int find_payment_locked(struct sim_db *db, const char *key, struct sim_payment *out)
{
	static const char sql[] =
	    "SELECT idempotency_key, customer_number, amount_cents, status, reference, message,"
	    " brand, last4, coalesce(t.tender, iif(c.notes IS NULL, 'card', 'cash')),"
	    " coalesce(t.fee_cents, 0), coalesce(t.transaction_id, ''),"
	    " coalesce(t.approval_code, a.approval_code, ''), coalesce(t.entry_mode, ''),"
	    " coalesce(c.amount_due_cents, 0), coalesce(c.credit_cents, 0), coalesce(c.notes, ''),"
	    " coalesce(r.credit_to, '')"
	    " FROM payments LEFT JOIN terminal_postings t USING (idempotency_key)"
	    " LEFT JOIN cash_postings c USING (idempotency_key)"
	    " LEFT JOIN cash_credit_to r USING (idempotency_key)"
	    " LEFT JOIN card_approvals a USING (idempotency_key) WHERE idempotency_key = ?";
	sqlite3_stmt *st = NULL;
	const unsigned char *status;
	int rc = KIOSK_ESTORE;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW: break;
	case SQLITE_DONE: rc = KIOSK_ENOTFOUND; goto out;
	default: goto out;
	}
	memset(out, 0, sizeof(*out));
	copy_text(out->idempotency_key, sizeof(out->idempotency_key), st, 0);
	copy_text(out->customer_number, sizeof(out->customer_number), st, 1);
	out->amount_cents = sqlite3_column_int64(st, 2);
	status = sqlite3_column_text(st, 3);
	out->approved = status && strcmp((const char *)status, "approved") == 0;
	copy_text(out->reference, sizeof(out->reference), st, 4);
	copy_text(out->message, sizeof(out->message), st, 5);
	copy_text(out->brand, sizeof(out->brand), st, 6);
	copy_text(out->last4, sizeof(out->last4), st, 7);
	posting_columns(out, st, 8);
	read_cash(out, st, 13);
	copy_text(out->credit_to, sizeof(out->credit_to), st, 16);
	rc = load_allocs(db, out);
out:
	sqlite3_finalize(st);
	return rc;
}

int db_find_payment(struct sim_db *db, const char *idempotency_key, struct sim_payment *out)
{
	int rc;

	pthread_mutex_lock(&db->lock);
	rc = find_payment_locked(db, idempotency_key, out);
	pthread_mutex_unlock(&db->lock);
	return rc;
}

/* "K" and 8 characters; I and O are left out so a reference read aloud is never ambiguous. */
static int make_reference(char *out, size_t n)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
	unsigned char rnd[8];

	if (n < 10 || getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return KIOSK_EIO;
	out[0] = 'K';
	for (size_t i = 0; i < sizeof(rnd); i++)
		out[i + 1] = alphabet[rnd[i] % (sizeof(alphabet) - 1)];
	out[9] = '\0';
	return 0;
}

/* An issuer's approval code: 6 letters and digits, new for each approval. */
static int make_approval_code(char *out, size_t n)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
	unsigned char rnd[6];

	if (n < 7 || getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return KIOSK_EIO;
	for (size_t i = 0; i < sizeof(rnd); i++)
		out[i] = alphabet[rnd[i] % (sizeof(alphabet) - 1)];
	out[6] = '\0';
	return 0;
}

/* Caller holds the lock and an open transaction: the approval code of a card payment the
 * portal approved, made now and kept with it, so every answer for the key repeats it. */
static int insert_card_approval(struct sim_db *db, struct sim_payment *p)
{
	static const char sql[] =
	    "INSERT INTO card_approvals (idempotency_key, approval_code) VALUES (?, ?)";
	sqlite3_stmt *st = NULL;
	int rc = make_approval_code(p->approval_code, sizeof(p->approval_code));

	if (rc)
		return rc;
	rc = KIOSK_ESTORE;
	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, p->idempotency_key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, p->approval_code, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_DONE)
			rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

static int exec_simple(struct sim_db *db, const char *sql)
{
	return sqlite3_exec(db->conn, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : KIOSK_ESTORE;
}

/* Caller holds the lock and an open transaction. SQLITE_CONSTRAINT means the reference was
 * already taken (the key was checked just before). */
static int insert_payment(struct sim_db *db, const struct sim_payment *p)
{
	static const char sql[] =
	    "INSERT INTO payments (idempotency_key, reference, customer_number, amount_cents,"
	    " status, message, brand, last4) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;
	int step;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, p->idempotency_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, p->reference, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->customer_number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, p->amount_cents);
	sqlite3_bind_text(st, 5, p->approved ? "approved" : "declined", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, p->message, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, p->brand, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, p->last4, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_DONE)
		rc = 0;
	else if (step == SQLITE_CONSTRAINT)
		rc = KIOSK_EBUSY;
out:
	sqlite3_finalize(st);
	return rc;
}

/* Caller holds the lock and an open transaction. The balance test is in the UPDATE itself,
 * so two kiosks paying the same bill at once can never take it below zero. */
static int charge_account(struct sim_db *db, const struct sim_payment *p)
{
	static const char sql[] = "UPDATE accounts SET balance_cents = balance_cents - ?1,"
				  " last_payment_cents = ?1, last_payment_date = date('now')"
				  " WHERE customer_number = ?2 AND balance_cents >= ?1";
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_int64(st, 1, p->amount_cents);
	sqlite3_bind_text(st, 2, p->customer_number, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto out;
	rc = sqlite3_changes(db->conn) == 1 ? 0 : KIOSK_EINVAL;
out:
	sqlite3_finalize(st);
	return rc;
}

static int take_cash(struct sim_db *db, const struct sim_payment *p);

/* Caller holds the lock and an open transaction: each bill of a basket is taken off its
 * account and recorded with the balance left; one that no longer fits fails the whole basket
 * (the caller rolls back, so no bill of it is applied). Cash is never refused: each bill takes
 * its share, and the account the resident chose also takes the credit over the amount due. */
static int charge_basket(struct sim_db *db, struct sim_payment *p)
{
	int cash = strcmp(p->tender, "cash") == 0;
	static const char sql[] =
	    "INSERT INTO allocations (idempotency_key, seq, customer_number, amount_cents,"
	    " balance_cents) SELECT ?1, ?2, customer_number, ?3, balance_cents FROM accounts"
	    " WHERE customer_number = ?4 RETURNING balance_cents";
	int rc = 0;

	for (int i = 0; i < p->n_allocs && rc == 0; i++) {
		struct sim_alloc *a = &p->allocs[i];
		struct sim_payment one = *p;
		sqlite3_stmt *st = NULL;

		snprintf(one.customer_number, sizeof(one.customer_number), "%s",
			 a->customer_number);
		one.amount_cents = a->amount_cents;
		if (cash && strcmp(p->credit_to, a->customer_number) == 0)
			one.amount_cents += p->credit_cents;
		if (p->approved &&
		    (rc = cash ? take_cash(db, &one) : charge_account(db, &one)) != 0)
			break;
		rc = KIOSK_ESTORE;
		if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) == SQLITE_OK) {
			sqlite3_bind_text(st, 1, p->idempotency_key, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 2, i);
			sqlite3_bind_int64(st, 3, a->amount_cents);
			sqlite3_bind_text(st, 4, a->customer_number, -1, SQLITE_STATIC);
			if (sqlite3_step(st) == SQLITE_ROW) {
				a->balance_cents = sqlite3_column_int64(st, 0);
				if (sqlite3_step(st) == SQLITE_DONE)
					rc = 0;
			}
		}
		sqlite3_finalize(st);
	}
	return rc;
}

/* Caller holds the lock and an open transaction. Cash is never refused for the balance: the
 * notes are in the kiosk's box. What does not go against the balance is credited. */
static int take_cash(struct sim_db *db, const struct sim_payment *p)
{
	/* The credit first: it is what the balance could not take, before it takes it. */
	static const char *const sql[] = {
	    "INSERT INTO credits (customer_number, credit_cents)"
	    " SELECT ?2, max(?1 - balance_cents, 0) FROM accounts WHERE customer_number = ?2"
	    " ON CONFLICT (customer_number) DO UPDATE SET"
	    " credit_cents = credit_cents + excluded.credit_cents",
	    "UPDATE accounts SET last_payment_cents = ?1, last_payment_date = date('now'),"
	    " balance_cents = max(balance_cents - ?1, 0) WHERE customer_number = ?2",
	};
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < sizeof(sql) / sizeof(sql[0]); i++) {
		sqlite3_stmt *st = NULL;

		if (sqlite3_prepare_v2(db->conn, sql[i], -1, &st, NULL) != SQLITE_OK)
			return KIOSK_ESTORE;
		sqlite3_bind_int64(st, 1, p->amount_cents);
		sqlite3_bind_text(st, 2, p->customer_number, -1, SQLITE_STATIC);
		rc = sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(db->conn) == 1
			 ? 0
			 : KIOSK_ESTORE;
		sqlite3_finalize(st);
	}
	return rc;
}

int db_record_payment(struct sim_db *db, struct sim_payment *p, struct sim_payment *existing,
		      int *duplicate)
{
	int rc;
	int in_tx = 0;

	*duplicate = 0;
	pthread_mutex_lock(&db->lock);
	rc = exec_simple(db, "BEGIN IMMEDIATE");
	if (rc != 0)
		goto out;
	in_tx = 1;
	rc = find_payment_locked(db, p->idempotency_key, existing);
	if (rc == 0) {
		*duplicate = 1;
		goto out;
	}
	if (rc != KIOSK_ENOTFOUND)
		goto out;
	for (int attempt = 0; attempt < 8; attempt++) {
		rc = make_reference(p->reference, sizeof(p->reference));
		if (rc == 0)
			rc = insert_payment(db, p);
		if (rc != KIOSK_EBUSY)
			break;
	}
	if (rc == 0 && p->transaction_id[0])
		rc = insert_posting(db, p);
	if (rc == 0 && strcmp(p->tender, "cash") == 0)
		rc = insert_cash(db, p);
	else if (rc == 0 && !p->transaction_id[0] && p->approved)
		rc = insert_card_approval(db, p);
	if (rc != 0)
		goto out;
	if (p->n_allocs > 0)
		rc = charge_basket(db, p);
	else if (p->approved)
		rc = strcmp(p->tender, "cash") == 0 ? take_cash(db, p) : charge_account(db, p);
	if (rc != 0)
		goto out;
	rc = exec_simple(db, "COMMIT");
	if (rc == 0)
		in_tx = 0;
out:
	if (in_tx)
		exec_simple(db, "ROLLBACK");
	if (rc == KIOSK_ESTORE)
		log_error("portal-sim", "payment not recorded: %s", sqlite3_errmsg(db->conn));
	pthread_mutex_unlock(&db->lock);
	return rc;
}

int db_confirm_payment(struct sim_db *db, const char *idempotency_key, const char *outcome_shown,
		       int receipt_printed)
{
	static const char sql[] =
	    "INSERT INTO confirmations (idempotency_key, outcome_shown, receipt_printed)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (idempotency_key) DO UPDATE SET"
	    " times = times + 1, outcome_shown = ?2,"
	    " receipt_printed = max(receipt_printed, ?3)";
	struct sim_payment p;
	sqlite3_stmt *st = NULL;
	int rc;

	pthread_mutex_lock(&db->lock);
	rc = find_payment_locked(db, idempotency_key, &p);
	if (rc != 0)
		goto out;
	rc = KIOSK_ESTORE;
	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, idempotency_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, outcome_shown, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, receipt_printed ? 1 : 0);
	if (sqlite3_step(st) == SQLITE_DONE)
		rc = 0;
out:
	if (rc == KIOSK_ESTORE)
		log_error("portal-sim", "confirmation not recorded: %s", sqlite3_errmsg(db->conn));
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return rc;
}

int db_record_audit(struct sim_db *db, const char *event_id, const char *kiosk_id, long long at,
		    const char *source, const char *action, const char *detail)
{
	static const char sql[] =
	    "INSERT INTO audit_events (event_id, kiosk_id, at, source, action, detail)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (event_id) DO UPDATE SET times = times + "
	    "1";
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	pthread_mutex_lock(&db->lock);
	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kiosk_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, at);
	sqlite3_bind_text(st, 4, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, detail, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_DONE)
		rc = 0;
out:
	if (rc)
		log_error("portal-sim", "audit event not recorded: %s", sqlite3_errmsg(db->conn));
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return rc;
}

int db_each_payment(struct sim_db *db, int (*fn)(const struct sim_ledger_row *row, void *ctx),
		    void *ctx)
{
	static const char sql[] =
	    "SELECT p.idempotency_key, p.customer_number, p.amount_cents, p.status, p.reference,"
	    " p.message, p.brand, p.last4, p.created_at, c.outcome_shown,"
	    " coalesce(t.tender, iif(k.notes IS NULL, 'card', 'cash')), coalesce(t.fee_cents, 0),"
	    " coalesce(t.transaction_id, ''), coalesce(t.approval_code, a.approval_code, ''),"
	    " coalesce(t.entry_mode, ''), coalesce(k.amount_due_cents, 0),"
	    " coalesce(k.credit_cents, 0), coalesce(k.notes, ''), coalesce(r.credit_to, '')"
	    " FROM payments p LEFT JOIN confirmations c USING (idempotency_key)"
	    " LEFT JOIN terminal_postings t USING (idempotency_key)"
	    " LEFT JOIN cash_postings k USING (idempotency_key)"
	    " LEFT JOIN cash_credit_to r USING (idempotency_key)"
	    " LEFT JOIN card_approvals a USING (idempotency_key) ORDER BY p.id";
	struct sim_ledger_row row;
	sqlite3_stmt *st = NULL;
	const unsigned char *status;
	int rc = KIOSK_ESTORE, step;

	pthread_mutex_lock(&db->lock);
	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&row, 0, sizeof(row));
		copy_text(row.p.idempotency_key, sizeof(row.p.idempotency_key), st, 0);
		copy_text(row.p.customer_number, sizeof(row.p.customer_number), st, 1);
		row.p.amount_cents = sqlite3_column_int64(st, 2);
		status = sqlite3_column_text(st, 3);
		row.p.approved = status && strcmp((const char *)status, "approved") == 0;
		copy_text(row.p.reference, sizeof(row.p.reference), st, 4);
		copy_text(row.p.message, sizeof(row.p.message), st, 5);
		copy_text(row.p.brand, sizeof(row.p.brand), st, 6);
		copy_text(row.p.last4, sizeof(row.p.last4), st, 7);
		copy_text(row.created_at, sizeof(row.created_at), st, 8);
		row.confirmed = sqlite3_column_type(st, 9) != SQLITE_NULL;
		copy_text(row.outcome_shown, sizeof(row.outcome_shown), st, 9);
		posting_columns(&row.p, st, 10);
		read_cash(&row.p, st, 15);
		copy_text(row.p.credit_to, sizeof(row.p.credit_to), st, 18);
		/* A basket's bills, each with the balance it was left with. */
		rc = load_allocs(db, &row.p);
		if (rc == 0)
			rc = fn(&row, ctx);
		if (rc != 0)
			goto out;
	}
	rc = step == SQLITE_DONE ? 0 : KIOSK_ESTORE;
out:
	if (rc == KIOSK_ESTORE)
		log_error("portal-sim", "ledger query failed: %s", sqlite3_errmsg(db->conn));
	sqlite3_finalize(st);
	pthread_mutex_unlock(&db->lock);
	return rc;
}
