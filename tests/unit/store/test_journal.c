/* Tests for app/store/journal on a real sqlite file: life of a payment, duplicate keys,
 * reopening, WAL and schema version, atomic state changes, what may be stored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include "app/common/err.h"
#include "app/store/journal.h"

#include <dirent.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];
static char db_path[300];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/kiosk-journal-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(db_path, sizeof(db_path), "%s/journal.db", dir);
	return 0;
}

static int teardown(void **state)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[600];

	(void)state;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	return 0;
}

static struct journal_payment payment(const char *key, int64_t cents)
{
	struct journal_payment p;

	memset(&p, 0, sizeof(p));
	snprintf(p.idempotency_key, sizeof(p.idempotency_key), "%s", key);
	snprintf(p.customer_number, sizeof(p.customer_number), "100200300");
	p.amount_cents = cents;
	snprintf(p.brand, sizeof(p.brand), "Visa");
	snprintf(p.last4, sizeof(p.last4), "1111");
	return p;
}

/* A second, independent connection: sees only what was committed to the file. */
static sqlite3 *peek_open(void)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	return db;
}

static int64_t peek_int(sqlite3 *db, const char *sql, const char *arg)
{
	sqlite3_stmt *st = NULL;
	int64_t v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void test_create_get_set(void **state)
{
	struct journal *j;
	struct journal_payment p = payment("k-0001", 8417), got;

	(void)state;
	assert_int_equal(journal_open(db_path, &j), 0);
	assert_int_equal(journal_create(j, &p), 0);
	assert_int_equal(journal_get(j, "k-0001", &got), 0);
	assert_string_equal(got.idempotency_key, "k-0001");
	assert_string_equal(got.customer_number, "100200300");
	assert_int_equal(got.amount_cents, 8417);
	assert_string_equal(got.brand, "Visa");
	assert_string_equal(got.last4, "1111");
	assert_int_equal(got.state, JOURNAL_CREATED);
	assert_string_equal(got.reference, "");
	assert_true(got.created_at > 1700000000);
	assert_int_equal(got.updated_at, got.created_at);

	assert_int_equal(journal_set_state(j, "k-0001", JOURNAL_SENT, NULL), 0);
	assert_int_equal(journal_set_state(j, "k-0001", JOURNAL_APPROVED, "K12345678"), 0);
	assert_int_equal(journal_set_state(j, "k-0001", JOURNAL_RECEIPT_PRINTED, NULL), 0);
	assert_int_equal(journal_get(j, "k-0001", &got), 0);
	assert_int_equal(got.state, JOURNAL_RECEIPT_PRINTED);
	assert_string_equal(got.reference, "K12345678"); /* NULL kept the stored one */
	assert_true(got.updated_at >= got.created_at);

	assert_int_equal(journal_get(j, "nope", &got), KIOSK_ENOTFOUND);
	assert_int_equal(journal_set_state(j, "nope", JOURNAL_SENT, NULL), KIOSK_ENOTFOUND);
	assert_int_equal(journal_set_state(j, "k-0001", (enum journal_state)42, NULL),
			 KIOSK_EINVAL);
	journal_close(j);

	/* Every state change left an event, committed to the file. */
	sqlite3 *db = peek_open();
	assert_int_equal(peek_int(db,
				  "SELECT count(*) FROM payment_events e JOIN payments p"
				  " ON p.id = e.payment_id WHERE p.idempotency_key = ?1",
				  "k-0001"),
			 4);
	assert_int_equal(peek_int(db,
				  "SELECT count(*) FROM payment_events WHERE from_state = 'sent'"
				  " AND to_state = 'approved' AND at > 0",
				  NULL),
			 1);
	assert_int_equal(
	    peek_int(db, "SELECT count(*) FROM payment_events WHERE from_state IS NULL", NULL), 1);
	sqlite3_close(db);
}

static void test_refusals(void **state)
{
	struct journal *j;
	struct journal_payment p = payment("dup", 500), got;

	(void)state;
	assert_int_equal(journal_open(db_path, &j), 0);
	assert_int_equal(journal_create(j, &p), 0);
	p.amount_cents = 999;
	assert_int_equal(journal_create(j, &p), KIOSK_EINVAL); /* the key is taken */
	assert_int_equal(journal_get(j, "dup", &got), 0);
	assert_int_equal(got.amount_cents, 500);

	p = payment("zero", 0);
	assert_int_equal(journal_create(j, &p), KIOSK_EINVAL);
	p = payment("negative", -100);
	assert_int_equal(journal_create(j, &p), KIOSK_EINVAL);
	p = payment("", 100);
	assert_int_equal(journal_create(j, &p), KIOSK_EINVAL);
	/* No card number can hide in the card fields. */
	p = payment("pan-in-brand", 100);
	snprintf(p.brand, sizeof(p.brand), "4111111111111");
	assert_int_equal(journal_create(j, &p), KIOSK_EINVAL);
	p = payment("bad-last4", 100);
	snprintf(p.last4, sizeof(p.last4), "11a1");
	assert_int_equal(journal_create(j, &p), KIOSK_EINVAL);
	p = payment("unterminated", 100);
	memset(p.idempotency_key, 'x', sizeof(p.idempotency_key));
	assert_int_equal(journal_create(j, &p), KIOSK_EINVAL);
	assert_int_equal(journal_get(j, "zero", &got), KIOSK_ENOTFOUND);
	journal_close(j);
}

static void test_reopen_wal_version(void **state)
{
	struct journal *j;
	struct journal_payment p = payment("keep-me", 12345), got;
	char wal[320];
	struct stat st;

	(void)state;
	assert_int_equal(journal_open(db_path, &j), 0);
	assert_int_equal(journal_create(j, &p), 0);
	assert_int_equal(journal_set_state(j, "keep-me", JOURNAL_SENT, NULL), 0);
	assert_int_equal(journal_set_state(j, "keep-me", JOURNAL_IN_DOUBT, NULL), 0);
	snprintf(wal, sizeof(wal), "%s-wal", db_path);
	assert_int_equal(stat(wal, &st), 0); /* writes go through the write-ahead log */
	journal_close(j);

	sqlite3 *db = peek_open();
	sqlite3_stmt *s = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	assert_int_equal(peek_int(db, "PRAGMA user_version", NULL), 5);
	sqlite3_close(db);

	assert_int_equal(journal_open(db_path, &j), 0);
	assert_int_equal(journal_get(j, "keep-me", &got), 0);
	assert_int_equal(got.amount_cents, 12345);
	assert_int_equal(got.state, JOURNAL_IN_DOUBT);
	journal_close(j);
}

/* The lifecycle as the kiosk's payment flow lives it, written out here independently of the
 * journal's own table: a payment is sent before it can be answered, only an approved one gets
 * a printed receipt, a confirmation or a reversal, and declined, failed and reversed are
 * final. */
static const struct {
	enum journal_state from, to;
} allowed[] = {
    {JOURNAL_CREATED, JOURNAL_SENT},
    {JOURNAL_CREATED, JOURNAL_FAILED},
    {JOURNAL_SENT, JOURNAL_APPROVED},
    {JOURNAL_SENT, JOURNAL_DECLINED},
    {JOURNAL_SENT, JOURNAL_IN_DOUBT},
    {JOURNAL_SENT, JOURNAL_FAILED},
    {JOURNAL_IN_DOUBT, JOURNAL_APPROVED},
    {JOURNAL_IN_DOUBT, JOURNAL_DECLINED},
    {JOURNAL_IN_DOUBT, JOURNAL_FAILED},
    {JOURNAL_APPROVED, JOURNAL_RECEIPT_PRINTED},
    {JOURNAL_APPROVED, JOURNAL_CONFIRMED},
    {JOURNAL_APPROVED, JOURNAL_REVERSED},
    {JOURNAL_RECEIPT_PRINTED, JOURNAL_CONFIRMED},
    {JOURNAL_RECEIPT_PRINTED, JOURNAL_REVERSED},
    {JOURNAL_CONFIRMED, JOURNAL_REVERSED},
};

static bool expected(enum journal_state from, enum journal_state to)
{
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (allowed[i].from == from && allowed[i].to == to)
			return true;
	return false;
}

/* Brings a new payment to `target` along legal steps only. */
static void walk_to(struct journal *j, const char *key, enum journal_state target)
{
	static const enum journal_state path[][4] = {
	    [JOURNAL_CREATED] = {0},
	    [JOURNAL_SENT] = {JOURNAL_SENT},
	    [JOURNAL_APPROVED] = {JOURNAL_SENT, JOURNAL_APPROVED},
	    [JOURNAL_DECLINED] = {JOURNAL_SENT, JOURNAL_DECLINED},
	    [JOURNAL_IN_DOUBT] = {JOURNAL_SENT, JOURNAL_IN_DOUBT},
	    [JOURNAL_REVERSED] = {JOURNAL_SENT, JOURNAL_APPROVED, JOURNAL_REVERSED},
	    [JOURNAL_RECEIPT_PRINTED] = {JOURNAL_SENT, JOURNAL_APPROVED, JOURNAL_RECEIPT_PRINTED},
	    [JOURNAL_CONFIRMED] = {JOURNAL_SENT, JOURNAL_APPROVED, JOURNAL_CONFIRMED},
	    [JOURNAL_FAILED] = {JOURNAL_FAILED},
	};
	struct journal_payment got;

	for (int i = 0; i < 4 && path[target][i] != JOURNAL_CREATED; i++)
		assert_int_equal(journal_set_state(j, key, path[target][i], NULL), 0);
	assert_int_equal(journal_get(j, key, &got), 0);
	assert_int_equal(got.state, target);
}

struct seen {
	char keys[8][40];
	int n;
	struct journal *j;
	int stop_after;
};

static int collect(const struct journal_payment *p, void *ctx)
{
	struct seen *s = ctx;

	snprintf(s->keys[s->n++], sizeof(s->keys[0]), "%s", p->idempotency_key);
	/* Reconciliation settles payments as it goes. */
	if (s->j && journal_set_state(s->j, p->idempotency_key, JOURNAL_FAILED, NULL) != 0)
		return -100;
	return s->n == s->stop_after ? 7 : 0;
}

static void test_unfinished(void **state)
{
	static const struct {
		const char *key;
		enum journal_state st;
	} rows[] = {
	    {"a", JOURNAL_CREATED},  {"b", JOURNAL_SENT},
	    {"c", JOURNAL_APPROVED}, {"d", JOURNAL_IN_DOUBT},
	    {"e", JOURNAL_DECLINED}, {"f", JOURNAL_CONFIRMED},
	    {"g", JOURNAL_REVERSED}, {"h", JOURNAL_RECEIPT_PRINTED},
	};
	struct journal *j;
	struct seen s = {0};

	(void)state;
	assert_int_equal(journal_open(db_path, &j), 0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct journal_payment p = payment(rows[i].key, 100 + (int64_t)i);

		assert_int_equal(journal_create(j, &p), 0);
		walk_to(j, rows[i].key, rows[i].st);
	}
	assert_int_equal(journal_each_unfinished(j, collect, &s), 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.keys[0], "a");
	assert_string_equal(s.keys[1], "b");
	assert_string_equal(s.keys[2], "d");

	/* A callback's non-zero answer stops the walk and comes back. */
	memset(&s, 0, sizeof(s));
	s.stop_after = 2;
	assert_int_equal(journal_each_unfinished(j, collect, &s), 7);
	assert_int_equal(s.n, 2);

	/* Settling each one from inside the callback works, and leaves nothing unfinished. */
	memset(&s, 0, sizeof(s));
	s.j = j;
	assert_int_equal(journal_each_unfinished(j, collect, &s), 0);
	assert_int_equal(s.n, 3);
	memset(&s, 0, sizeof(s));
	assert_int_equal(journal_each_unfinished(j, collect, &s), 0);
	assert_int_equal(s.n, 0);
	journal_close(j);
}

/* When the event row cannot be written, the state change is rolled back with it. */
static void test_state_change_is_atomic(void **state)
{
	struct journal *j;
	struct journal_payment p = payment("atomic", 100), got;

	(void)state;
	assert_int_equal(journal_open(db_path, &j), 0);
	assert_int_equal(journal_create(j, &p), 0);
	assert_int_equal(journal_set_state(j, "atomic", JOURNAL_SENT, NULL), 0);

	sqlite3 *db = peek_open();
	assert_int_equal(sqlite3_exec(db,
				      "CREATE TRIGGER no_approve BEFORE INSERT ON payment_events"
				      " WHEN NEW.to_state = 'approved'"
				      " BEGIN SELECT RAISE(ABORT, 'test refuses the event'); END",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);

	assert_true(journal_set_state(j, "atomic", JOURNAL_APPROVED, "K1") < 0);
	assert_int_equal(journal_get(j, "atomic", &got), 0);
	assert_int_equal(got.state, JOURNAL_SENT);
	assert_string_equal(got.reference, "");
	/* And the journal still works afterwards. */
	assert_int_equal(journal_set_state(j, "atomic", JOURNAL_IN_DOUBT, NULL), 0);
	journal_close(j);
}

static void test_newer_schema_refused(void **state)
{
	struct journal *j;

	(void)state;
	assert_int_equal(journal_open(db_path, &j), 0);
	journal_close(j);
	sqlite3 *db = peek_open();
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(journal_open(db_path, &j), KIOSK_ESTORE);
	assert_null(j);
}

/* Every pair of states: the journal's table matches the lifecycle above, and a move it does
 * not allow is refused on the file too, changing neither the payment nor its events. */
static void test_transition_table(void **state)
{
	struct journal *j;
	int n = 0;

	(void)state;
	assert_int_equal(journal_open(db_path, &j), 0);
	for (int from = 0; from < JOURNAL_STATE_COUNT; from++) {
		for (int to = 0; to < JOURNAL_STATE_COUNT; to++) {
			struct journal_payment p, got;
			char key[16];
			bool ok = expected((enum journal_state)from, (enum journal_state)to);

			assert_int_equal(
			    journal_transition_ok((enum journal_state)from, (enum journal_state)to),
			    ok);
			snprintf(key, sizeof(key), "t-%d-%d", from, to);
			p = payment(key, 100 + n++);
			assert_int_equal(journal_create(j, &p), 0);
			walk_to(j, key, (enum journal_state)from);
			assert_int_equal(journal_set_state(j, key, (enum journal_state)to, "K9"),
					 ok ? 0 : KIOSK_ESTATE);
			assert_int_equal(journal_get(j, key, &got), 0);
			assert_int_equal(got.state, ok ? to : from);
			assert_string_equal(got.reference, ok ? "K9" : "");
		}
		assert_int_equal(journal_state_final((enum journal_state)from),
				 from == JOURNAL_DECLINED || from == JOURNAL_FAILED ||
				     from == JOURNAL_REVERSED);
	}
	journal_close(j);

	/* A refused move left no event row: each payment has one per step it really took. */
	sqlite3 *db = peek_open();
	assert_int_equal(peek_int(db,
				  "SELECT count(*) FROM payment_events e JOIN payments p"
				  " ON p.id = e.payment_id WHERE p.idempotency_key = 't-7-0'",
				  NULL),
			 4); /* created, sent, approved, confirmed */
	assert_int_equal(peek_int(db,
				  "SELECT count(*) FROM payment_events e JOIN payments p"
				  " ON p.id = e.payment_id WHERE p.idempotency_key = 't-8-2'",
				  NULL),
			 2); /* created, failed */
	sqlite3_close(db);
}

/* A tender that takes money in parts: each amount is kept, only ever growing, and only while
 * the payment is under way. */
static void test_taken(void **state)
{
	struct journal *j;
	struct journal_payment p = payment("cash-1", 5000), got;

	(void)state;
	snprintf(p.tender, sizeof(p.tender), "cash");
	assert_int_equal(journal_open(db_path, &j), 0);
	assert_int_equal(journal_create(j, &p), 0);
	assert_int_equal(journal_set_taken(j, "cash-1", 1000), KIOSK_ESTATE); /* not sent yet */
	assert_int_equal(journal_set_state(j, "cash-1", JOURNAL_SENT, NULL), 0);
	assert_int_equal(journal_set_taken(j, "cash-1", 1000), 0);
	assert_int_equal(journal_set_taken(j, "cash-1", 3000), 0);
	assert_int_equal(journal_set_taken(j, "cash-1", 2000), KIOSK_ESTATE); /* never shrinks */
	assert_int_equal(journal_set_taken(j, "nope", 2000), KIOSK_ESTATE);
	assert_int_equal(journal_set_taken(j, "cash-1", -1), KIOSK_EINVAL);
	assert_int_equal(journal_get(j, "cash-1", &got), 0);
	assert_int_equal(got.taken_cents, 3000);
	assert_string_equal(got.tender, "cash");
	assert_int_equal(journal_set_state(j, "cash-1", JOURNAL_APPROVED, "C1"), 0);
	assert_int_equal(journal_set_taken(j, "cash-1", 5000), KIOSK_ESTATE); /* settled */
	/* A payment created without a tender is the magstripe's, as every version-1 row. */
	p = payment("card-1", 100);
	assert_int_equal(journal_create(j, &p), 0);
	assert_int_equal(journal_get(j, "card-1", &got), 0);
	assert_string_equal(got.tender, "magstripe");
	assert_int_equal(got.taken_cents, 0);
	journal_close(j);
}

static int count_unposted(const struct journal_payment *p, void *ctx)
{
	(void)p;
	(*(int *)ctx)++;
	return 0;
}

/* A terminal's payment: the fee is its own line, the card details come with the answer (never
 * a card number), and the posting to the portal moves pending -> queued -> done or refused. */
static void test_card_fee_and_post(void **state)
{
	struct journal *j;
	struct journal_payment p = payment("t-1", 5000), got;
	struct journal_card card = {.terminal_txn = "BV0q001765800634000.8515131751004933",
				    .approval_code = "087493",
				    .entry_mode = "tap",
				    .aid = "A0000000041010",
				    .app_label = "MASTERCARD"};
	struct journal_card bad = card;
	int n = 0;

	(void)state;
	snprintf(p.tender, sizeof(p.tender), "terminal");
	p.brand[0] = p.last4[0] = '\0'; /* the terminal tells them with its answer */
	p.fee_cents = 150;
	p.post = JOURNAL_POST_PENDING;
	assert_int_equal(journal_open(db_path, &j), 0);
	assert_int_equal(journal_create(j, &p), 0);
	/* Not under way yet: nothing to say of a card. */
	assert_int_equal(journal_set_card(j, "t-1", "MC", "4444", &card), KIOSK_ESTATE);
	assert_int_equal(journal_set_state(j, "t-1", JOURNAL_SENT, NULL), 0);
	snprintf(bad.aid, sizeof(bad.aid), "5555444433332222x");
	assert_int_equal(journal_set_card(j, "t-1", "MC", "4444", &bad), KIOSK_EINVAL);
	assert_int_equal(journal_set_card(j, "t-1", "MC", "5555444433334444", &card), KIOSK_EINVAL);
	assert_int_equal(journal_set_card(j, "t-1", "MC", "4444", &card), 0);
	assert_int_equal(journal_set_state(j, "t-1", JOURNAL_APPROVED, "8515131751004933"), 0);
	assert_int_equal(journal_each_unposted(j, count_unposted, &n), 0);
	assert_int_equal(n, 1); /* approved, not posted yet */
	assert_int_equal(journal_set_post(j, "t-1", JOURNAL_POST_QUEUED, NULL), 0);
	n = 0;
	assert_int_equal(journal_each_unposted(j, count_unposted, &n), 0);
	assert_int_equal(n, 0); /* the outbox carries it */
	assert_int_equal(journal_set_post(j, "t-1", JOURNAL_POST_DONE, "K7Q2M9XH4"), 0);
	assert_int_equal(journal_set_post(j, "t-1", JOURNAL_POST_REFUSED, NULL), KIOSK_ESTATE);
	assert_int_equal(journal_get(j, "t-1", &got), 0);
	assert_int_equal(got.amount_cents, 5000);
	assert_int_equal(got.fee_cents, 150);
	assert_int_equal(got.post, JOURNAL_POST_DONE);
	assert_string_equal(got.post_reference, "K7Q2M9XH4");
	assert_string_equal(got.brand, "MC");
	assert_string_equal(got.last4, "4444");
	assert_string_equal(got.card.terminal_txn, card.terminal_txn);
	assert_string_equal(got.card.approval_code, "087493");
	assert_string_equal(got.card.entry_mode, "tap");
	assert_string_equal(got.card.aid, "A0000000041010");
	assert_string_equal(got.card.app_label, "MASTERCARD");
	/* A swipe's payment has nothing to post: its posting cannot be moved. */
	p = payment("m-1", 100);
	assert_int_equal(journal_create(j, &p), 0);
	assert_int_equal(journal_set_post(j, "m-1", JOURNAL_POST_QUEUED, NULL), KIOSK_ESTATE);
	p = payment("bad-fee", 100);
	p.fee_cents = -1;
	assert_int_equal(journal_create(j, &p), KIOSK_EINVAL);
	assert_string_equal(journal_post_name(JOURNAL_POST_REFUSED), "refused");
	journal_close(j);
}

/* A version-1 file (what the kiosks in the field have) is migrated in place: its payments
 * keep everything, and are the magstripe's. */
static void test_migrates_v1(void **state)
{
	struct journal *j;
	struct journal_payment got;
	sqlite3 *db = NULL;

	(void)state;
	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(db,
			 "PRAGMA journal_mode = WAL;"
			 "CREATE TABLE payments (id INTEGER PRIMARY KEY,"
			 " idempotency_key TEXT NOT NULL UNIQUE, customer_number TEXT"
			 " NOT NULL, amount_cents INTEGER NOT NULL, brand TEXT NOT NULL,"
			 " last4 TEXT NOT NULL, state TEXT NOT NULL, reference TEXT NOT"
			 " NULL DEFAULT '', created_at INTEGER NOT NULL, updated_at"
			 " INTEGER NOT NULL);"
			 "CREATE TABLE payment_events (id INTEGER PRIMARY KEY, payment_id"
			 " INTEGER NOT NULL, from_state TEXT, to_state TEXT NOT NULL, at"
			 " INTEGER NOT NULL);"
			 "INSERT INTO payments VALUES (1, 'old-1', '100200300', 4200,"
			 " 'Visa', '1111', 'in_doubt', '', 1700000000, 1700000000);"
			 "PRAGMA user_version = 1;",
			 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(journal_open(db_path, &j), 0);
	assert_int_equal(journal_get(j, "old-1", &got), 0);
	assert_int_equal(got.amount_cents, 4200);
	assert_int_equal(got.state, JOURNAL_IN_DOUBT);
	assert_string_equal(got.tender, "magstripe");
	assert_int_equal(got.taken_cents, 0);
	assert_int_equal(journal_set_state(j, "old-1", JOURNAL_APPROVED, "K1"), 0);
	journal_close(j);
}

/* Rivera's and Pena's bills in full, as a basket's first two. */
static void two_bills(struct journal_payment *p)
{
	p->n_bills = 2;
	snprintf(p->bills[0].customer_number, sizeof(p->bills[0].customer_number), "100200300");
	p->bills[0].amount_cents = 8417;
	snprintf(p->bills[1].customer_number, sizeof(p->bills[1].customer_number), "300400500");
	p->bills[1].amount_cents = 12850;
}

/* A basket: each bill's share kept with the payment in the same transaction; a basket that
 * does not add up, repeats an account or has one bill is refused whole. */
static void test_basket_bills(void **state)
{
	struct journal *j;
	struct journal_payment p = payment("b-1", 8417 + 12850);
	struct journal_bill got[JOURNAL_MAX_BILLS];
	int n = -1;

	(void)state;
	two_bills(&p);
	assert_int_equal(journal_open(db_path, &j), 0);
	assert_int_equal(journal_create(j, &p), 0);
	assert_int_equal(journal_bills(j, "b-1", got, JOURNAL_MAX_BILLS, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(got[0].customer_number, "100200300");
	assert_int_equal(got[0].amount_cents, 8417);
	assert_string_equal(got[1].customer_number, "300400500");
	assert_int_equal(got[1].amount_cents, 12850);

	/* Refused whole: nothing of it is written. */
	snprintf(p.idempotency_key, sizeof(p.idempotency_key), "b-2");
	p.bills[1].amount_cents = 100; /* no longer the sum */
	assert_int_equal(journal_create(j, &p), KIOSK_EINVAL);
	p.bills[1].amount_cents = 12850;
	snprintf(p.bills[1].customer_number, sizeof(p.bills[1].customer_number), "100200300");
	assert_int_equal(journal_create(j, &p), KIOSK_EINVAL);
	p.n_bills = 1;
	assert_int_equal(journal_create(j, &p), KIOSK_EINVAL);
	assert_int_equal(journal_bills(j, "b-2", got, JOURNAL_MAX_BILLS, &n), KIOSK_ENOTFOUND);

	/* One bill: none of its own. */
	struct journal_payment one = payment("o-1", 500);
	assert_int_equal(journal_create(j, &one), 0);
	assert_int_equal(journal_bills(j, "o-1", got, JOURNAL_MAX_BILLS, &n), 0);
	assert_int_equal(n, 0);
	journal_close(j);
}

/* A basket paid in cash: the first bill takes the credit unless another is marked; the choice
 * may change until the posting leaves (pending), never after, and never to a bill it lacks. */
static void test_basket_credit_bill(void **state)
{
	struct journal *j;
	struct journal_payment p = payment("c-1", 8417 + 12850 + 1000);
	struct journal_bill got[JOURNAL_MAX_BILLS];
	int n = -1;

	(void)state;
	p.post = JOURNAL_POST_PENDING;
	two_bills(&p);
	p.n_bills = 3;
	snprintf(p.bills[2].customer_number, sizeof(p.bills[2].customer_number), "120340560");
	p.bills[2].amount_cents = 1000;
	assert_int_equal(journal_open(db_path, &j), 0);
	assert_int_equal(journal_create(j, &p), 0);
	assert_int_equal(journal_bills(j, "c-1", got, JOURNAL_MAX_BILLS, &n), 0);
	assert_int_equal(n, 3);
	assert_true(got[0].takes_credit);
	assert_false(got[1].takes_credit);
	assert_false(got[2].takes_credit);

	assert_int_equal(journal_set_credit_bill(j, "c-1", 1), 0);
	assert_int_equal(journal_bills(j, "c-1", got, JOURNAL_MAX_BILLS, &n), 0);
	assert_false(got[0].takes_credit);
	assert_true(got[1].takes_credit);
	assert_false(got[2].takes_credit);
	assert_int_equal(journal_set_credit_bill(j, "c-1", 3), KIOSK_ESTATE);
	assert_int_equal(journal_set_credit_bill(j, "nope", 0), KIOSK_ESTATE);

	/* Queued to the portal: the body is written, the choice is final. */
	assert_int_equal(journal_set_post(j, "c-1", JOURNAL_POST_QUEUED, NULL), 0);
	assert_int_equal(journal_set_credit_bill(j, "c-1", 2), KIOSK_ESTATE);
	assert_int_equal(journal_bills(j, "c-1", got, JOURNAL_MAX_BILLS, &n), 0);
	assert_true(got[1].takes_credit);
	assert_false(got[2].takes_credit);

	/* Marked on create. */
	p = payment("c-2", 8417 + 12850);
	p.post = JOURNAL_POST_PENDING;
	two_bills(&p);
	p.bills[1].takes_credit = true;
	assert_int_equal(journal_create(j, &p), 0);
	assert_int_equal(journal_bills(j, "c-2", got, JOURNAL_MAX_BILLS, &n), 0);
	assert_false(got[0].takes_credit);
	assert_true(got[1].takes_credit);
	journal_close(j);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(journal_state_name(JOURNAL_CREATED), "created");
	assert_string_equal(journal_state_name(JOURNAL_IN_DOUBT), "in_doubt");
	assert_string_equal(journal_state_name(JOURNAL_CONFIRMED), "confirmed");
	assert_string_equal(journal_state_name((enum journal_state)99), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_create_get_set, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reopen_wal_version, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unfinished, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_state_change_is_atomic, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_transition_table, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_taken, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_migrates_v1, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_card_fee_and_post, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_basket_bills, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_basket_credit_bill, setup, teardown),
	    cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
