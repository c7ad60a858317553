/* portal-sim's resident endpoints (/api/kiosk/v1/residents, /sessions, /password, /me/...):
 * registration with an emailed code, sign-in with lockout, bearer sessions, linked utility
 * accounts, paperless, history and Auto Pay, with the rules a real portal enforces. */
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <jansson.h>
#include <mbedtls/platform_util.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/portal-sim/rstore.h"
#include "tools/portal-sim/sim.h"

#define API "/api/kiosk/v1"
#define MAX_FAILED_SIGN_INS 5
#define LOCK_S (15 * 60)
#define MAX_CODE_TRIES 5
#define SESSION_S (30 * 60)

struct sim_residents {
	struct resident_options opt;
	struct rstore *rs;
	struct sim_db *accounts;
	struct sim_unsealer *unsealer;
};

struct resident {
	int64_t id;
	char email[256];
	unsigned char salt[PASSWORD_SALT_LEN];
	unsigned char hash[PASSWORD_HASH_LEN];
	int64_t iterations;
	char first_name[64], last_name[64], mobile[24];
	int64_t sms_opt_in, verified, failed, locked_until;
};

/* ---- replies ---- */

static void reply(struct sim_reply *out, unsigned status, json_t *doc)
{
	out->status = status;
	out->body = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	if (!out->body) {
		out->status = 500;
		out->body = strdup("{\"error\":\"internal\",\"message\":\"Out of memory\"}");
	}
}

static void fail(struct sim_reply *out, unsigned status, const char *code, const char *msg)
{
	reply(out, status, json_pack("{s:s, s:s}", "error", code, "message", msg));
}

static void internal(struct sim_reply *out)
{
	fail(out, 500, "internal", "The portal could not use its records");
}

/* ---- the rules (the kiosk checks the same, in app/core/validate.c) ---- */

static int email_ok(const char *e)
{
	const char *at = e ? strchr(e, '@') : NULL;
	size_t n = e ? strlen(e) : 0;

	if (!at || at == e || n > 254 || strchr(at + 1, '@') || !strchr(at + 1, '.') ||
	    at[1] == '.' || e[n - 1] == '.')
		return 0;
	for (const char *p = e; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("@.-_+", *p))
			return 0;
	return 1;
}

static int password_ok(const char *p)
{
	size_t n = p ? strlen(p) : 0;
	return n >= 10 && n <= 64;
}

static int name_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n >= 1 && n <= 48;
}

static int digits_only(const char *s, size_t min, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	return n >= min && n <= max && strspn(s, "0123456789") == n;
}

/* The ABA routing number checksum: 3-7-1 weights over nine digits, a multiple of ten. */
static int routing_ok(const char *r)
{
	static const int w[9] = {3, 7, 1, 3, 7, 1, 3, 7, 1};
	int sum = 0;

	if (!digits_only(r, 9, 9))
		return 0;
	for (int i = 0; i < 9; i++)
		sum += (r[i] - '0') * w[i];
	return sum % 10 == 0;
}

/* ---- records ---- */

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

static void resident_row(void *ctx, sqlite3_stmt *st)
{
	struct resident *r = ctx;

	r->id = sqlite3_column_int64(st, 0);
	copy_col(r->email, sizeof(r->email), st, 1);
	if (sqlite3_column_bytes(st, 2) == PASSWORD_SALT_LEN)
		memcpy(r->salt, sqlite3_column_blob(st, 2), PASSWORD_SALT_LEN);
	if (sqlite3_column_bytes(st, 3) == PASSWORD_HASH_LEN)
		memcpy(r->hash, sqlite3_column_blob(st, 3), PASSWORD_HASH_LEN);
	r->iterations = sqlite3_column_int64(st, 4);
	copy_col(r->first_name, sizeof(r->first_name), st, 5);
	copy_col(r->last_name, sizeof(r->last_name), st, 6);
	copy_col(r->mobile, sizeof(r->mobile), st, 7);
	r->sms_opt_in = sqlite3_column_int64(st, 8);
	r->verified = sqlite3_column_int64(st, 9);
	r->failed = sqlite3_column_int64(st, 10);
	r->locked_until = sqlite3_column_int64(st, 11);
}

#define RESIDENT_COLS                                                                              \
	"SELECT id, email, salt, hash, iterations, first_name, last_name, mobile, sms_opt_in,"     \
	" verified, failed_attempts, locked_until FROM residents "

static int find_by_email(struct sim_residents *r, const char *email, struct resident *out)
{
	int n;

	memset(out, 0, sizeof(*out));
	n = rstore_query(r->rs, RESIDENT_COLS "WHERE email = ?", resident_row, out, "t", email);
	return n < 0 ? n : n == 0 ? KIOSK_ENOTFOUND : 0;
}

static int find_by_id(struct sim_residents *r, int64_t id, struct resident *out)
{
	int n;

	memset(out, 0, sizeof(*out));
	n = rstore_query(r->rs, RESIDENT_COLS "WHERE id = ?", resident_row, out, "i", id);
	return n < 0 ? n : n == 0 ? KIOSK_ENOTFOUND : 0;
}

static void random_hex(char *out, size_t bytes)
{
	unsigned char raw[32];

	if (bytes > sizeof(raw) || getrandom(raw, bytes, 0) != (ssize_t)bytes)
		memset(raw, 0, sizeof(raw)); /* cannot happen on Linux; never an empty token */
	for (size_t i = 0; i < bytes; i++)
		sprintf(out + 2 * i, "%02x", raw[i]);
}

/* A new six-digit code for email, mailed; replaces any earlier one. */
static int send_code(struct sim_residents *r, const char *email, const char *first_name)
{
	uint32_t rnd;
	char code[8], body[512];
	time_t now = time(NULL);
	int rc;

	if (getrandom(&rnd, sizeof(rnd), 0) != sizeof(rnd))
		return KIOSK_EIO;
	snprintf(code, sizeof(code), "%06u", rnd % 1000000u);
	rc = rstore_exec(r->rs,
			 "INSERT OR REPLACE INTO codes (email, code, sent_at, expires_at, tries)"
			 " VALUES (?, ?, ?, ?, 0)",
			 "ttii", email, code, (int64_t)now, (int64_t)now + r->opt.code_ttl_s);
	if (rc)
		return rc;
	log_info("portal-sim", "verification code for %s: %s", email, code);
	snprintf(body, sizeof(body),
		 "Hello %s,\n\nYour verification code for the City of Springfield portal is %s.\n"
		 "It is valid for %u minutes.\n\nIf you did not create an account, you can ignore "
		 "this message.",
		 first_name, code, (r->opt.code_ttl_s + 59) / 60);
	return mail_send(r->opt.mbox, email, "Your verification code", body);
}

static json_t *resident_json(const struct resident *res)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:b}", "email", res->email, "first_name",
			 res->first_name, "last_name", res->last_name, "mobile", res->mobile,
			 "sms_opt_in", (int)res->sms_opt_in);
}

static json_t *null_or_string(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	return t && *t ? json_string((const char *)t) : json_null();
}

/* The stored method ("Checking ending 6789", "Visa ending 1111", as autopay_method writes it)
 * as data too: kind, brand and last four, so a kiosk can say it in the resident's language. */
static void method_parts(json_t *autopay, const char *desc)
{
	const char *end = strstr(desc, " ending ");
	char word[16];

	if (!end || end - desc >= (ptrdiff_t)sizeof(word))
		return;
	snprintf(word, sizeof(word), "%.*s", (int)(end - desc), desc);
	json_object_set_new(autopay, "kind",
			    json_string(!strcmp(word, "Checking")  ? "checking"
					: !strcmp(word, "Savings") ? "savings"
								   : "card"));
	json_object_set_new(autopay, "brand",
			    strcmp(word, "Checking") && strcmp(word, "Savings") ? json_string(word)
										: json_null());
	json_object_set_new(autopay, "last4", json_string(end + strlen(" ending ")));
}

static void account_row(void *ctx, sqlite3_stmt *st)
{
	json_t *list = ctx;
	json_t *autopay =
	    json_pack("{s:b, s:s, s:o}", "active", sqlite3_column_int(st, 9), "method",
		      (const char *)sqlite3_column_text(st, 10), "max_cents",
		      sqlite3_column_type(st, 11) == SQLITE_NULL
			  ? json_null()
			  : json_integer(sqlite3_column_int64(st, 11)));

	method_parts(autopay, (const char *)sqlite3_column_text(st, 10));
	json_array_append_new(
	    list, json_pack("{s:s, s:s, s:s, s:I, s:I, s:o, s:o, s:I, s:b, s:o}", "customer_number",
			    (const char *)sqlite3_column_text(st, 0), "display_number",
			    (const char *)sqlite3_column_text(st, 1), "last_name",
			    (const char *)sqlite3_column_text(st, 2), "balance_cents",
			    (json_int_t)sqlite3_column_int64(st, 3), "last_bill_cents",
			    (json_int_t)sqlite3_column_int64(st, 4), "due_date",
			    null_or_string(st, 5), "last_payment_date", null_or_string(st, 6),
			    "last_payment_cents", (json_int_t)sqlite3_column_int64(st, 7),
			    "paperless", sqlite3_column_int(st, 8), "autopay", autopay));
}

/* The resident's linked accounts, oldest link first; only_number narrows to one. */
static json_t *accounts_json(struct sim_residents *r, int64_t id, const char *only_number)
{
	json_t *list = json_array();
	int n = rstore_query(
	    r->rs,
	    "SELECT a.customer_number, a.display_number, a.last_name, a.balance_cents,"
	    " a.last_bill_cents, a.due_date, a.last_payment_date, a.last_payment_cents,"
	    " l.paperless, l.autopay, l.autopay_method, l.autopay_max_cents"
	    " FROM links l JOIN accounts a ON a.customer_number = l.customer_number"
	    " WHERE l.resident_id = ? AND (? = '' OR l.customer_number = ?)"
	    " ORDER BY l.linked_at, l.customer_number",
	    account_row, list, "itt", id, only_number ? only_number : "",
	    only_number ? only_number : "");

	if (n < 0) {
		json_decref(list);
		return NULL;
	}
	return list;
}

static void reply_session(struct sim_residents *r, const struct resident *res,
			  struct sim_reply *out)
{
	char token[65];
	json_t *accounts;

	random_hex(token, 32);
	if (rstore_exec(r->rs,
			"INSERT INTO sessions (token, resident_id, expires_at) VALUES (?, ?, ?)",
			"tii", token, res->id, (int64_t)time(NULL) + SESSION_S) != 0 ||
	    !(accounts = accounts_json(r, res->id, NULL))) {
		internal(out);
		return;
	}
	reply(out, 200,
	      json_pack("{s:s, s:i, s:o, s:o}", "token", token, "expires_in_s", SESSION_S,
			"resident", resident_json(res), "accounts", accounts));
}

static void id_row(void *ctx, sqlite3_stmt *st)
{
	*(int64_t *)ctx = sqlite3_column_int64(st, 0);
}

/* The resident a bearer token belongs to; a session lasts 30 minutes from its last use. */
static int authenticate(struct sim_residents *r, const char *bearer, struct resident *res)
{
	int64_t id = 0, now = (int64_t)time(NULL);
	int n;

	if (!bearer || strlen(bearer) != 64)
		return KIOSK_EINVAL;
	n = rstore_query(r->rs,
			 "SELECT resident_id FROM sessions WHERE token = ? AND revoked = 0"
			 " AND expires_at > ?",
			 id_row, &id, "ti", bearer, now);
	if (n <= 0)
		return KIOSK_EINVAL;
	rstore_exec(r->rs, "UPDATE sessions SET expires_at = ? WHERE token = ?", "it",
		    now + SESSION_S, bearer);
	return find_by_id(r, id, res);
}

/* ---- request bodies ---- */

static const char *str(json_t *req, const char *name)
{
	return json_string_value(json_object_get(req, name));
}

/* ---- endpoints ---- */

static void handle_register(struct sim_residents *r, json_t *req, struct sim_reply *out)
{
	const char *email = str(req, "email"), *password = str(req, "password");
	const char *first = str(req, "first_name"), *last = str(req, "last_name");
	const char *mobile = str(req, "mobile");
	json_t *sms = json_object_get(req, "sms_opt_in");
	unsigned char salt[PASSWORD_SALT_LEN], hash[PASSWORD_HASH_LEN];
	struct resident existing;
	int rc;

	if (!mobile)
		mobile = "";
	if (!email_ok(email) || !password_ok(password) || !name_ok(first) || !name_ok(last) ||
	    (*mobile && !digits_only(mobile, 10, 11)) || (sms && !json_is_boolean(sms)) ||
	    (json_is_true(sms) && !*mobile)) {
		fail(out, 400, "invalid_request",
		     "Send a valid email, a password of 10 to 64 characters, first_name, last_name "
		     "and optionally a 10 or 11 digit mobile with sms_opt_in");
		return;
	}
	rc = find_by_email(r, email, &existing);
	if (rc == 0) {
		fail(out, 409, "email_taken", "An account with this email already exists");
		return;
	}
	if (rc != KIOSK_ENOTFOUND || password_new_salt(salt) ||
	    password_hash(password, salt, PASSWORD_ITERATIONS, hash))
		goto internal;
	rc = rstore_exec(r->rs,
			 "INSERT INTO residents (email, salt, hash, iterations, first_name,"
			 " last_name, mobile, sms_opt_in) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			 "tbbittti", email, salt, PASSWORD_SALT_LEN, hash, PASSWORD_HASH_LEN,
			 (int64_t)PASSWORD_ITERATIONS, first, last, mobile,
			 (int64_t)json_is_true(sms));
	if (rc == KIOSK_EBUSY) { /* registered by a parallel request a moment ago */
		fail(out, 409, "email_taken", "An account with this email already exists");
		return;
	}
	if (rc || send_code(r, email, first))
		goto internal;
	reply(out, 200, json_pack("{s:s, s:s}", "status", "verification_sent", "email", email));
	return;
internal:
	internal(out);
}

struct code_row {
	char code[8];
	int64_t sent_at, expires_at, tries;
};

static void code_row(void *ctx, sqlite3_stmt *st)
{
	struct code_row *c = ctx;

	copy_col(c->code, sizeof(c->code), st, 0);
	c->sent_at = sqlite3_column_int64(st, 1);
	c->expires_at = sqlite3_column_int64(st, 2);
	c->tries = sqlite3_column_int64(st, 3);
}

static int find_code(struct sim_residents *r, const char *email, struct code_row *c)
{
	int n;

	memset(c, 0, sizeof(*c));
	n = rstore_query(r->rs,
			 "SELECT code, sent_at, expires_at, tries FROM codes WHERE email = ?",
			 code_row, c, "t", email);
	return n < 0 ? n : n == 0 ? KIOSK_ENOTFOUND : 0;
}

static void handle_verify(struct sim_residents *r, json_t *req, struct sim_reply *out)
{
	const char *email = str(req, "email"), *code = str(req, "code");
	struct resident res;
	struct code_row c;
	int rc;

	if (!email_ok(email) || !digits_only(code, 6, 6)) {
		fail(out, 400, "invalid_request", "Send email and a six-digit code");
		return;
	}
	rstore_lock(r->rs); /* a code's tries are counted exactly, even in parallel */
	rc = find_code(r, email, &c);
	if (rc == KIOSK_ENOTFOUND || (rc == 0 && find_by_email(r, email, &res) != 0)) {
		fail(out, 400, "invalid_code", "This code is not right");
	} else if (rc) {
		internal(out);
	} else if (c.expires_at <= (int64_t)time(NULL)) {
		fail(out, 410, "code_expired", "This code has expired; ask for a new one");
	} else if (c.tries >= MAX_CODE_TRIES) {
		fail(out, 429, "too_many_attempts", "Too many wrong codes; ask for a new one");
	} else if (strcmp(c.code, code) != 0) {
		rstore_exec(r->rs, "UPDATE codes SET tries = tries + 1 WHERE email = ?", "t",
			    email);
		reply(out, 400,
		      json_pack("{s:s, s:s, s:I}", "error", "invalid_code", "message",
				"This code is not right", "tries_left",
				(json_int_t)(MAX_CODE_TRIES - c.tries - 1)));
	} else if (rstore_exec(r->rs, "UPDATE residents SET verified = 1 WHERE id = ?", "i",
			       res.id) ||
		   rstore_exec(r->rs, "DELETE FROM codes WHERE email = ?", "t", email)) {
		internal(out);
	} else {
		res.verified = 1;
		reply_session(r, &res, out);
	}
	rstore_unlock(r->rs);
}

static void handle_resend(struct sim_residents *r, json_t *req, struct sim_reply *out)
{
	const char *email = str(req, "email");
	struct resident res;
	struct code_row c;
	int64_t now = (int64_t)time(NULL), wait;

	if (!email_ok(email)) {
		fail(out, 400, "invalid_request", "Send a valid email");
		return;
	}
	/* Only an unverified account gets a code; the answer is the same either way. */
	if (find_by_email(r, email, &res) == 0 && !res.verified) {
		if (find_code(r, email, &c) == 0 &&
		    (wait = c.sent_at + r->opt.resend_interval_s - now) > 0) {
			reply(out, 429,
			      json_pack("{s:s, s:s, s:I}", "error", "too_soon", "message",
					"A code was sent less than a minute ago", "retry_after_s",
					(json_int_t)wait));
			return;
		}
		if (send_code(r, email, res.first_name)) {
			internal(out);
			return;
		}
	}
	reply(out, 200, json_pack("{s:s}", "status", "sent"));
}

static void handle_sign_in(struct sim_residents *r, json_t *req, struct sim_reply *out)
{
	const char *email = str(req, "email"), *password = str(req, "password");
	int64_t now = (int64_t)time(NULL);
	struct resident res;
	int rc;

	if (!email || !password || strlen(email) > 254 || strlen(password) > 64) {
		fail(out, 400, "invalid_request", "Send email and password");
		return;
	}
	rstore_lock(r->rs);
	rc = find_by_email(r, email, &res);
	if (rc == KIOSK_ENOTFOUND) {
		/* The same answer as a wrong password: no hint which emails are registered. */
		fail(out, 401, "invalid_credentials", "The email or password is not right");
	} else if (rc) {
		internal(out);
	} else if (res.locked_until > now) {
		reply(out, 423,
		      json_pack("{s:s, s:s, s:I}", "error", "locked", "message",
				"Too many failed sign-ins; the account is locked for 15 minutes",
				"retry_after_s", (json_int_t)(res.locked_until - now)));
	} else if (password_verify(password, res.salt, (unsigned)res.iterations, res.hash) != 0) {
		bool lock = res.failed + 1 >= MAX_FAILED_SIGN_INS;
		rstore_exec(
		    r->rs,
		    "UPDATE residents SET failed_attempts = ?, locked_until = ? WHERE id = ?",
		    "iii", lock ? (int64_t)0 : res.failed + 1, lock ? now + LOCK_S : (int64_t)0,
		    res.id);
		if (lock)
			reply(out, 423,
			      json_pack("{s:s, s:s, s:I}", "error", "locked", "message",
					"Too many failed sign-ins; the account is locked for 15 "
					"minutes",
					"retry_after_s", (json_int_t)LOCK_S));
		else
			fail(out, 401, "invalid_credentials", "The email or password is not right");
	} else if (!res.verified) {
		/* The right password on an unconfirmed account: a fresh code to finish with. */
		rstore_exec(r->rs, "UPDATE residents SET failed_attempts = 0 WHERE id = ?", "i",
			    res.id);
		send_code(r, res.email, res.first_name);
		fail(out, 403, "not_verified", "Confirm the email address with the code just sent");
	} else {
		rstore_exec(r->rs, "UPDATE residents SET failed_attempts = 0 WHERE id = ?", "i",
			    res.id);
		reply_session(r, &res, out);
	}
	rstore_unlock(r->rs);
}

static void handle_forgot(struct sim_residents *r, json_t *req, struct sim_reply *out)
{
	const char *email = str(req, "email");
	struct resident res;
	char token[33], body[512];

	if (!email_ok(email)) {
		fail(out, 400, "invalid_request", "Send a valid email");
		return;
	}
	if (find_by_email(r, email, &res) == 0) {
		random_hex(token, 16);
		snprintf(
		    body, sizeof(body),
		    "Hello %s,\n\nTo choose a new password for the City of Springfield portal, "
		    "open this link within one hour:\n"
		    "https://portal.springfield.example/reset?token=%s\n\n"
		    "If you did not ask for this, you can ignore this message.",
		    res.first_name, token);
		mail_send(r->opt.mbox, res.email, "Reset your password", body);
	}
	/* Registered or not, the same answer. */
	reply(out, 200, json_pack("{s:s}", "status", "sent_if_registered"));
}

static void handle_sign_out(struct sim_residents *r, const char *bearer, struct sim_reply *out)
{
	if (bearer && rstore_exec(r->rs, "UPDATE sessions SET revoked = 1 WHERE token = ?", "t",
				  bearer) != 0) {
		internal(out);
		return;
	}
	reply(out, 200, json_pack("{s:s}", "status", "signed_out"));
}

static void reply_accounts(struct sim_residents *r, const struct resident *res,
			   struct sim_reply *out)
{
	json_t *list = accounts_json(r, res->id, NULL);

	if (!list)
		internal(out);
	else
		reply(out, 200, json_pack("{s:o}", "accounts", list));
}

static void reply_account(struct sim_residents *r, const struct resident *res, const char *number,
			  struct sim_reply *out)
{
	json_t *list = accounts_json(r, res->id, number);

	if (!list)
		internal(out);
	else if (json_array_size(list) != 1)
		fail(out, 404, "not_found", "This account is not linked to you");
	else
		reply(out, 200, json_incref(json_array_get(list, 0)));
	json_decref(list);
}

static void handle_link(struct sim_residents *r, const struct resident *res, json_t *req,
			struct sim_reply *out)
{
	const char *number = str(req, "customer_number");
	json_t *name = json_object_get(req, "last_name");
	json_t *bill = json_object_get(req, "last_bill_cents");
	struct sim_account acc;
	char digits[24];
	int64_t cents;
	int rc;

	if (!number || (name && !json_is_string(name)) || (bill && !json_is_integer(bill)) ||
	    (!name && !bill)) {
		fail(out, 400, "invalid_request",
		     "Send customer_number and either last_name or last_bill_cents");
		return;
	}
	/* As for a guest lookup: one answer for a wrong number, name or amount. */
	cents = bill ? (int64_t)json_integer_value(bill) : 0;
	rc = match_account(r->accounts, number, name ? json_string_value(name) : NULL,
			   bill ? &cents : NULL, digits, sizeof(digits), &acc);
	if (rc == KIOSK_ESTORE) {
		internal(out);
		return;
	}
	if (rc) {
		fail(out, 404, "not_found",
		     "No account matches this customer number and last name or amount");
		return;
	}
	if (rstore_exec(r->rs,
			"INSERT OR IGNORE INTO links (resident_id, customer_number, linked_at)"
			" VALUES (?, ?, ?)",
			"iti", res->id, digits, (int64_t)time(NULL))) {
		internal(out);
		return;
	}
	reply_account(r, res, digits, out);
}

static int linked(struct sim_residents *r, const struct resident *res, const char *number)
{
	return rstore_query(r->rs,
			    "SELECT 1 FROM links WHERE resident_id = ? AND customer_number = ?",
			    NULL, NULL, "it", res->id, number) > 0;
}

static void handle_unlink(struct sim_residents *r, const struct resident *res, const char *number,
			  struct sim_reply *out)
{
	char body[512];
	int had_autopay;

	if (!linked(r, res, number)) {
		fail(out, 404, "not_found", "This account is not linked to you");
		return;
	}
	/* Auto Pay lives on the link: unlinking ends it, and the resident is told. */
	had_autopay =
	    rstore_query(r->rs,
			 "SELECT 1 FROM links WHERE resident_id = ? AND customer_number = ?"
			 " AND autopay = 1",
			 NULL, NULL, "it", res->id, number) > 0;
	if (rstore_exec(r->rs, "DELETE FROM links WHERE resident_id = ? AND customer_number = ?",
			"it", res->id, number)) {
		internal(out);
		return;
	}
	if (had_autopay) {
		snprintf(body, sizeof(body),
			 "Hello %s,\n\nUtility account %s was unlinked, so Auto Pay is turned off "
			 "for it. Nothing more will be paid automatically.",
			 res->first_name, number);
		mail_send(r->opt.mbox, res->email, "Auto Pay is turned off", body);
	}
	reply_accounts(r, res, out);
}

static void handle_paperless(struct sim_residents *r, const struct resident *res,
			     const char *number, json_t *req, struct sim_reply *out)
{
	json_t *on = json_object_get(req, "enrolled");
	char body[512];

	if (!json_is_boolean(on)) {
		fail(out, 400, "invalid_request", "Send enrolled: true or false");
		return;
	}
	if (!linked(r, res, number)) {
		fail(out, 404, "not_found", "This account is not linked to you");
		return;
	}
	if (rstore_exec(
		r->rs,
		"UPDATE links SET paperless = ? WHERE resident_id = ? AND customer_number = ?",
		"iit", (int64_t)json_is_true(on), res->id, number)) {
		internal(out);
		return;
	}
	snprintf(
	    body, sizeof(body),
	    json_is_true(on)
		? "Hello %s,\n\nPaperless billing is on for utility account %s. Your bills will "
		  "come to this email address instead of by mail."
		: "Hello %s,\n\nPaperless billing is off for utility account %s. Your bills "
		  "will come by mail again.",
	    res->first_name, number);
	mail_send(r->opt.mbox, res->email,
		  json_is_true(on) ? "Paperless billing is on" : "Paperless billing is off", body);
	reply_account(r, res, number, out);
}

static void history_row(void *ctx, sqlite3_stmt *st)
{
	json_t **lists = ctx;
	int is_bill = strcmp((const char *)sqlite3_column_text(st, 0), "bill") == 0;

	if (json_array_size(lists[is_bill ? 0 : 1]) >= 6)
		return; /* the recent ones only */
	json_array_append_new(
	    lists[is_bill ? 0 : 1],
	    is_bill ? json_pack("{s:s, s:I}", "date", (const char *)sqlite3_column_text(st, 1),
				"amount_cents", (json_int_t)sqlite3_column_int64(st, 2))
		    : json_pack("{s:s, s:I, s:s}", "date", (const char *)sqlite3_column_text(st, 1),
				"amount_cents", (json_int_t)sqlite3_column_int64(st, 2),
				"reference", (const char *)sqlite3_column_text(st, 3)));
}

static void handle_history(struct sim_residents *r, const struct resident *res, const char *number,
			   struct sim_reply *out)
{
	json_t *lists[2] = {json_array(), json_array()};

	if (!linked(r, res, number)) {
		fail(out, 404, "not_found", "This account is not linked to you");
	} else if (rstore_query(
		       r->rs,
		       "SELECT kind, date, amount_cents, reference FROM history"
		       " WHERE customer_number = ?1 UNION ALL"
		       " SELECT 'payment', substr(created_at, 1, 10), amount_cents, reference"
		       " FROM payments WHERE customer_number = ?1 AND status = 'approved'"
		       " ORDER BY 2 DESC",
		       history_row, lists, "t", number) < 0) {
		internal(out);
	} else {
		reply(out, 200, json_pack("{s:O, s:O}", "bills", lists[0], "payments", lists[1]));
	}
	json_decref(lists[0]);
	json_decref(lists[1]);
}

/* Reads the payment method of an Auto Pay request into a short description ("Checking
 * ending 6789"); *msg names what is wrong. */
static int autopay_method(struct sim_residents *r, json_t *req, char *desc, size_t n,
			  const char **msg)
{
	json_t *bank = json_object_get(req, "bank"), *card = json_object_get(req, "card");

	if (json_is_object(bank) == json_is_object(card)) {
		*msg = "Send either bank or card";
		return KIOSK_EINVAL;
	}
	if (bank) {
		const char *routing = str(bank, "routing_number"),
			   *acct = str(bank, "account_number");
		const char *type = str(bank, "account_type"), *name = str(bank, "name");
		if (!routing_ok(routing) || !digits_only(acct, 4, 17) || !type ||
		    (strcmp(type, "checking") && strcmp(type, "savings")) || !name_ok(name)) {
			*msg = "The routing number, account number (4 to 17 digits), account_type "
			       "(checking or savings) or name is not valid";
			return KIOSK_EINVAL;
		}
		snprintf(desc, n, "%s ending %s", strcmp(type, "checking") ? "Savings" : "Checking",
			 acct + strlen(acct) - 4);
		return 0;
	}
	const char *brand = str(card, "brand"), *last4 = str(card, "last4");
	const char *sealed = str(card, "sealed"), *why = "";
	struct sim_card clear;
	int rc = 0;
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	if (!brand || strlen(brand) > 15 || !digits_only(last4, 4, 4) || !sealed ||
	    unseal_card(r->unsealer, sealed, &clear) != 0 ||
	    strcmp(clear.pan + strlen(clear.pan) - 4, last4) != 0) {
		*msg = "The sealed card data could not be opened or does not match last4";
		rc = KIOSK_EINVAL;
	} else if (!card_decide(&clear, (tm.tm_year % 100) * 100 + tm.tm_mon + 1, &why)) {
		*msg = why;
		rc = KIOSK_EINVAL;
	} else {
		snprintf(desc, n, "%s ending %s", brand, last4);
	}
	mbedtls_platform_zeroize(&clear, sizeof(clear));
	return rc;
}

static void handle_autopay(struct sim_residents *r, const struct resident *res, const char *number,
			   json_t *req, struct sim_reply *out)
{
	json_t *max = json_object_get(req, "max_cents");
	const char *msg = "";
	char method[64], body[768], limit[64];
	int rc;

	if (!linked(r, res, number)) {
		fail(out, 409, "not_linked",
		     "Auto Pay needs a utility account fully linked to this resident");
		return;
	}
	if ((max && !json_is_null(max) &&
	     (!json_is_integer(max) || json_integer_value(max) <= 0 ||
	      json_integer_value(max) > 10000000))) {
		fail(out, 400, "invalid_request", "max_cents must be a positive amount or null");
		return;
	}
	rc = autopay_method(r, req, method, sizeof(method), &msg);
	if (rc) {
		fail(out, 400, "invalid_request", msg);
		return;
	}
	if (json_is_integer(max))
		rc = rstore_exec(
		    r->rs,
		    "UPDATE links SET autopay = 1, autopay_method = ?, autopay_max_cents = ?"
		    " WHERE resident_id = ? AND customer_number = ?",
		    "tiit", method, (int64_t)json_integer_value(max), res->id, number);
	else
		rc = rstore_exec(
		    r->rs,
		    "UPDATE links SET autopay = 1, autopay_method = ?, autopay_max_cents ="
		    " NULL WHERE resident_id = ? AND customer_number = ?",
		    "tit", method, res->id, number);
	if (rc) {
		internal(out);
		return;
	}
	if (json_is_integer(max))
		snprintf(limit, sizeof(limit), "up to $%lld.%02lld per bill",
			 (long long)(json_integer_value(max) / 100),
			 (long long)(json_integer_value(max) % 100));
	else
		snprintf(limit, sizeof(limit), "the full amount of each bill");
	snprintf(body, sizeof(body),
		 "Hello %s,\n\nAuto Pay is active for utility account %s. We will pay %s from your "
		 "%s on each due date.\n\nYou can update or turn off Auto Pay at any time from "
		 "Bills and Payments.",
		 res->first_name, number, limit, method);
	mail_send(r->opt.mbox, res->email, "Auto Pay is active", body);
	reply_account(r, res, number, out);
}

static void handle_autopay_off(struct sim_residents *r, const struct resident *res,
			       const char *number, struct sim_reply *out)
{
	char body[512];

	if (!linked(r, res, number)) {
		fail(out, 404, "not_found", "This account is not linked to you");
		return;
	}
	if (rstore_exec(
		r->rs,
		"UPDATE links SET autopay = 0, autopay_method = '', autopay_max_cents = NULL"
		" WHERE resident_id = ? AND customer_number = ?",
		"it", res->id, number)) {
		internal(out);
		return;
	}
	snprintf(body, sizeof(body),
		 "Hello %s,\n\nAuto Pay is turned off for utility account %s. Nothing more will be "
		 "paid automatically.",
		 res->first_name, number);
	mail_send(r->opt.mbox, res->email, "Auto Pay is turned off", body);
	reply_account(r, res, number, out);
}

/* A payment's date (YYYY-MM-DD) as residents read it: "December 15, 2026", "15 de diciembre
 * de 2026" (the kiosk writes its screens and receipts the same way). Plain ASCII, for SMS. */
static void date_words(const char *iso, int es, char *out, size_t n)
{
	static const char *const months[2][12] = {
	    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
	     "October", "November", "December"},
	    {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
	     "octubre", "noviembre", "diciembre"}};
	int y, m, d;

	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
		snprintf(out, n, "%s", iso);
	else if (es)
		snprintf(out, n, "%d de %s de %d", d, months[1][m - 1], y);
	else
		snprintf(out, n, "%s %d, %d", months[0][m - 1], d, y);
}

struct payment_row {
	char number[24], date[16];
	int64_t cents;
};

static void payment_row(void *ctx, sqlite3_stmt *st)
{
	struct payment_row *p = ctx;

	copy_col(p->number, sizeof(p->number), st, 0);
	p->cents = sqlite3_column_int64(st, 1);
	copy_col(p->date, sizeof(p->date), st, 2);
}

static void handle_receipt(struct sim_residents *r, const struct resident *res, json_t *req,
			   struct sim_reply *out)
{
	const char *ref = str(req, "reference");
	struct payment_row p;
	char body[512], date[40];

	memset(&p, 0, sizeof(p));
	if (!ref || strlen(ref) > 16 ||
	    rstore_query(r->rs,
			 "SELECT customer_number, amount_cents, substr(created_at, 1, 10)"
			 " FROM payments WHERE reference = ? AND status = 'approved'",
			 payment_row, &p, "t", ref) <= 0 ||
	    !linked(r, res, p.number)) {
		fail(out, 404, "not_found", "No payment of yours has this reference");
		return;
	}
	date_words(p.date, 0, date, sizeof(date));
	snprintf(body, sizeof(body),
		 "Hello %s,\n\nThank you for your payment.\n\nUtility account: %s\nAmount paid: "
		 "$%lld.%02lld\nDate: %s\nReference: %s\n\nCity of Springfield",
		 res->first_name, p.number, (long long)(p.cents / 100), (long long)(p.cents % 100),
		 date, ref);
	mail_send(r->opt.mbox, res->email, "Your payment receipt", body);
	reply(out, 200, json_pack("{s:s}", "status", "sent"));
}

/* ---- POST /receipts: a kiosk's payment receipt by email or text message ---- */

/* A reference as the portal makes them: K and 8 of 0-9 A-Z without I and O. */
static int reference_ok(const char *ref)
{
	if (!ref || strlen(ref) != 9 || ref[0] != 'K')
		return 0;
	for (const char *p = ref + 1; *p; p++)
		if (!isdigit((unsigned char)*p) &&
		    !(isupper((unsigned char)*p) && *p != 'I' && *p != 'O'))
			return 0;
	return 1;
}

/* +1, then a NANP number: area code and exchange each start with 2 to 9. */
static int sms_number_ok(const char *to)
{
	if (!to || strlen(to) != 12 || strncmp(to, "+1", 2) != 0)
		return 0;
	for (const char *p = to + 2; *p; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return to[2] >= '2' && to[5] >= '2';
}

static int hex32_ok(const char *id)
{
	if (!id || strlen(id) != 32)
		return 0;
	for (const char *p = id; *p; p++)
		if (!isdigit((unsigned char)*p) && !(*p >= 'a' && *p <= 'f'))
			return 0;
	return 1;
}

struct sent_row {
	char reference[16], channel[8], recipient[256], lang[4];
};

static void sent_row(void *ctx, sqlite3_stmt *st)
{
	struct sent_row *p = ctx;

	copy_col(p->reference, sizeof(p->reference), st, 0);
	copy_col(p->channel, sizeof(p->channel), st, 1);
	copy_col(p->recipient, sizeof(p->recipient), st, 2);
	copy_col(p->lang, sizeof(p->lang), st, 3);
}

/* The message for a payment, in its language: a text message fits one SMS (160 characters
 * of the GSM alphabet), so it is plain ASCII. */
static void receipt_text(const struct payment_row *p, const char *ref, int es, int sms,
			 char *subject, size_t sn, char *body, size_t bn)
{
	long long d = (long long)(p->cents / 100), c = (long long)(p->cents % 100);
	char date[40];

	date_words(p->date, es, date, sizeof(date));

	snprintf(subject, sn, "%s", es ? "Su recibo de pago" : "Your payment receipt");
	if (sms && es)
		snprintf(
		    body, bn,
		    "Ciudad de Springfield: recibimos su pago de $%lld.%02lld a la cuenta %s el "
		    "%s. Referencia %s. Gracias.",
		    d, c, p->number, date, ref);
	else if (sms)
		snprintf(body, bn,
			 "City of Springfield: we received your payment of $%lld.%02lld to account "
			 "%s on %s. Reference %s. Thank you.",
			 d, c, p->number, date, ref);
	else if (es)
		snprintf(body, bn,
			 "Gracias por su pago.\n\nCuenta de servicios: %s\nMonto pagado: "
			 "$%lld.%02lld\nFecha: %s\nReferencia: %s\n\nCiudad de Springfield",
			 p->number, d, c, date, ref);
	else
		snprintf(body, bn,
			 "Thank you for your payment.\n\nUtility account: %s\nAmount paid: "
			 "$%lld.%02lld\nDate: %s\nReference: %s\n\nCity of Springfield",
			 p->number, d, c, date, ref);
}

static void handle_kiosk_receipt(struct sim_residents *r, json_t *req, struct sim_reply *out)
{
	const char *id = str(req, "message_id"), *ref = str(req, "reference");
	const char *channel = str(req, "channel"), *to = str(req, "to"), *lang = str(req, "lang");
	struct payment_row p; /* .number: the account as the resident knows it (100-200-300) */
	struct sent_row seen;
	char subject[64], body[512];
	int sms, es, n, rc;

	if (json_object_size(req) != 5 || !hex32_ok(id) || !reference_ok(ref) || !channel ||
	    (strcmp(channel, "email") && strcmp(channel, "sms")) || !to || !lang ||
	    (strcmp(lang, "en") && strcmp(lang, "es"))) {
		fail(out, 400, "invalid_request",
		     "Send exactly message_id (32 hex), reference, channel (email or sms), to and "
		     "lang (en or es)");
		return;
	}
	sms = !strcmp(channel, "sms");
	es = !strcmp(lang, "es");
	/* The answer never repeats the address: a kiosk logs what the portal says. */
	if (sms ? !sms_number_ok(to) : !email_ok(to)) {
		fail(out, 422, "invalid_recipient",
		     sms ? "A text message needs a US mobile number as +1 and 10 digits"
			 : "This is not an email address we can send to");
		return;
	}
	memset(&p, 0, sizeof(p));
	if (rstore_query(r->rs,
			 "SELECT a.display_number, p.amount_cents, substr(p.created_at, 1, 10)"
			 " FROM payments p JOIN accounts a USING (customer_number)"
			 " WHERE p.reference = ? AND p.status = 'approved'",
			 payment_row, &p, "t", ref) <= 0) {
		fail(out, 404, "not_found", "No approved payment has this reference");
		return;
	}
	rstore_lock(r->rs);
	memset(&seen, 0, sizeof(seen));
	n = rstore_query(r->rs,
			 "SELECT reference, channel, recipient, lang FROM receipt_messages"
			 " WHERE message_id = ?",
			 sent_row, &seen, "t", id);
	if (n > 0) {
		if (strcmp(seen.reference, ref) || strcmp(seen.channel, channel) ||
		    strcmp(seen.recipient, to) || strcmp(seen.lang, lang)) {
			rstore_unlock(r->rs);
			fail(out, 409, "idempotency_key_reused",
			     "This message_id was used for another message");
			return;
		}
		/* A retry after a lost answer: counted, never sent twice. */
		rc = rstore_exec(
		    r->rs, "UPDATE receipt_messages SET times = times + 1 WHERE message_id = ?",
		    "t", id);
		rstore_unlock(r->rs);
		if (rc)
			internal(out);
		else
			reply(out, 200,
			      json_pack("{s:s, s:s}", "message_id", id, "status", "sent"));
		return;
	}
	receipt_text(&p, ref, es, sms, subject, sizeof(subject), body, sizeof(body));
	rc = n < 0 ? n
		   : rstore_exec(r->rs,
				 "INSERT INTO receipt_messages (message_id, reference, channel,"
				 " recipient, lang) VALUES (?, ?, ?, ?, ?)",
				 "ttttt", id, ref, channel, to, lang);
	if (rc == 0)
		rc = sms ? sms_send(r->opt.sms, to, body)
			 : mail_send(r->opt.mbox, to, subject, body);
	rstore_unlock(r->rs);
	if (rc)
		internal(out);
	else
		reply(out, 200, json_pack("{s:s, s:s}", "message_id", id, "status", "sent"));
}

/* ---- routing ---- */

int residents_path(const char *path)
{
	static const char *const prefixes[] = {API "/residents", API "/sessions", API "/password/",
					       API "/me/", API "/receipts"};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(path, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

/* "/me/accounts/NUMBER/REST": the number (digits only) and what follows it. */
static int account_path(const char *path, char *number, size_t n, const char **rest)
{
	static const char prefix[] = API "/me/accounts/";
	const char *p = path + strlen(prefix);
	size_t len;

	if (strncmp(path, prefix, strlen(prefix)) != 0)
		return 0;
	len = strspn(p, "0123456789");
	if (len == 0 || len >= n || (p[len] != '\0' && p[len] != '/'))
		return 0;
	memcpy(number, p, len);
	number[len] = '\0';
	*rest = p + len;
	return 1;
}

static void route_me(struct sim_residents *r, const struct resident *res, const char *method,
		     const char *path, json_t *req, struct sim_reply *out)
{
	int get = strcmp(method, "GET") == 0, post = strcmp(method, "POST") == 0;
	const char *rest = "";
	char number[24];

	if (strcmp(path, API "/me/accounts") == 0) {
		if (get)
			reply_accounts(r, res, out);
		else if (post && req)
			handle_link(r, res, req, out);
		else
			fail(out, 405, "method_not_allowed", "Use GET or POST");
	} else if (strcmp(path, API "/me/receipts") == 0 && post && req) {
		handle_receipt(r, res, req, out);
	} else if (account_path(path, number, sizeof(number), &rest)) {
		if (get && !*rest)
			reply_account(r, res, number, out);
		else if (get && !strcmp(rest, "/history"))
			handle_history(r, res, number, out);
		else if (post && !strcmp(rest, "/unlink"))
			handle_unlink(r, res, number, out);
		else if (post && req && !strcmp(rest, "/paperless"))
			handle_paperless(r, res, number, req, out);
		else if (post && req && !strcmp(rest, "/autopay"))
			handle_autopay(r, res, number, req, out);
		else if (post && !strcmp(rest, "/autopay/off"))
			handle_autopay_off(r, res, number, out);
		else
			fail(out, 404, "no_such_endpoint", "There is no such API endpoint");
	} else {
		fail(out, 404, "no_such_endpoint", "There is no such API endpoint");
	}
}

void residents_handle(struct sim_residents *r, const char *method, const char *path,
		      const char *bearer, const char *body, size_t body_len, struct sim_reply *out)
{
	int post = strcmp(method, "POST") == 0;
	json_t *req = NULL;
	struct resident res;

	if (body_len > 0) {
		req = json_loadb(body, body_len, JSON_REJECT_DUPLICATES, NULL);
		if (!json_is_object(req)) {
			json_decref(req);
			fail(out, 400, "invalid_request", "The body must be a JSON object");
			return;
		}
	}
	if (!strncmp(path, API "/me/", strlen(API "/me/"))) {
		if (authenticate(r, bearer, &res) != 0)
			fail(out, 401, "unauthorized",
			     "Sign in first; the session ended or is unknown");
		else
			route_me(r, &res, method, path, req, out);
	} else if (!post || (!req && strcmp(path, API "/sessions/revoke") != 0)) {
		fail(out, post ? 400 : 405, post ? "invalid_request" : "method_not_allowed",
		     post ? "The body must be a JSON object" : "Use POST");
	} else if (!strcmp(path, API "/residents")) {
		handle_register(r, req, out);
	} else if (!strcmp(path, API "/residents/verify")) {
		handle_verify(r, req, out);
	} else if (!strcmp(path, API "/residents/resend-code")) {
		handle_resend(r, req, out);
	} else if (!strcmp(path, API "/sessions")) {
		handle_sign_in(r, req, out);
	} else if (!strcmp(path, API "/sessions/revoke")) {
		handle_sign_out(r, bearer, out);
	} else if (!strcmp(path, API "/password/forgot")) {
		handle_forgot(r, req, out);
	} else if (!strcmp(path, API "/receipts")) {
		handle_kiosk_receipt(r, req, out);
	} else {
		fail(out, 404, "no_such_endpoint", "There is no such API endpoint");
	}
	json_decref(req);
}

/* ---- the demo resident ---- */

#define DEMO_EMAIL "jane.rivera@example.org"
#define DEMO_PASSWORD "Kiosk-Demo-2026"

static int seed_demo(struct sim_residents *r)
{
	unsigned char salt[PASSWORD_SALT_LEN], hash[PASSWORD_HASH_LEN];
	struct resident res;
	int rc = find_by_email(r, DEMO_EMAIL, &res);

	if (rc != KIOSK_ENOTFOUND)
		return rc;
	rc = password_new_salt(salt);
	if (rc == 0)
		rc = password_hash(DEMO_PASSWORD, salt, PASSWORD_ITERATIONS, hash);
	if (rc == 0)
		rc = rstore_exec(r->rs,
				 "INSERT INTO residents (email, salt, hash, iterations, first_name,"
				 " last_name, verified) VALUES (?, ?, ?, ?, 'Jane', 'Rivera', 1)",
				 "tbbi", DEMO_EMAIL, salt, PASSWORD_SALT_LEN, hash,
				 PASSWORD_HASH_LEN, (int64_t)PASSWORD_ITERATIONS);
	if (rc == 0)
		rc = rstore_exec(r->rs,
				 "INSERT INTO links (resident_id, customer_number, linked_at)"
				 " SELECT id, '100200300', 0 FROM residents WHERE email = ?",
				 "t", DEMO_EMAIL);
	return rc;
}

/* The long-data resident (issue 16's layout tour): a 70-character email, 26-character names
 * with accents and apostrophes, and six linked accounts, one of them $99,999.99 due. */
#define LONG_EMAIL "maria.josefa.angela.darcy-dalessandro.nunez.penalba@springfield-ut.org"

static int seed_long(struct sim_residents *r)
{
	static const char *const linked[] = {"999888777", "100200300", "555000111",
					     "300400500", "700800900", "120340560"};
	unsigned char salt[PASSWORD_SALT_LEN], hash[PASSWORD_HASH_LEN];
	struct resident res;
	int rc = find_by_email(r, LONG_EMAIL, &res);

	if (rc != KIOSK_ENOTFOUND)
		return rc;
	rc = password_new_salt(salt);
	if (rc == 0)
		rc = password_hash(DEMO_PASSWORD, salt, PASSWORD_ITERATIONS, hash);
	if (rc == 0)
		rc = rstore_exec(r->rs,
				 "INSERT INTO residents (email, salt, hash, iterations, first_name,"
				 " last_name, verified) VALUES (?, ?, ?, ?, 'María Josefa Ángela "
				 "D''Arcy', 'D''Alessandro-Núñez Peñalba', 1)",
				 "tbbi", LONG_EMAIL, salt, PASSWORD_SALT_LEN, hash,
				 PASSWORD_HASH_LEN, (int64_t)PASSWORD_ITERATIONS);
	for (size_t i = 0; rc == 0 && i < sizeof(linked) / sizeof(linked[0]); i++)
		rc = rstore_exec(r->rs,
				 "INSERT INTO links (resident_id, customer_number, linked_at)"
				 " SELECT id, ?, 0 FROM residents WHERE email = ?",
				 "tt", linked[i], LONG_EMAIL);
	return rc;
}

int residents_open(const struct resident_options *opt, struct sim_db *accounts,
		   struct sim_unsealer *unsealer, struct sim_residents **out)
{
	struct sim_residents *r = calloc(1, sizeof(*r));
	int rc;

	if (!r)
		return KIOSK_ENOMEM;
	r->opt = *opt;
	r->accounts = accounts;
	r->unsealer = unsealer;
	rc = rstore_open(opt->db, &r->rs);
	if (rc == 0)
		rc = seed_demo(r);
	if (rc == 0)
		rc = seed_long(r);
	if (rc) {
		residents_close(r);
		return rc;
	}
	*out = r;
	return 0;
}

void residents_close(struct sim_residents *r)
{
	if (!r)
		return;
	rstore_close(r->rs);
	free(r);
}
