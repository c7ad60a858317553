/* portal-sim's fleet side: heartbeats, remote configuration and log uploads from kiosks, kept
 * in the same sqlite file so tests can look at them, and a small admin API on loopback for
 * tests and demos to play IT (take a kiosk out of service, publish a configuration, ask for
 * logs). The admin paths live outside /api/, so mutual TLS never applies to them. */
#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/portal-sim/sim.h"

#define API "/api/kiosk/v1"
#define ADMIN_KIOSKS "/admin/kiosks/"
#define ADMIN_CONFIGS "/admin/configs/"
#define ADMIN_REVOKE "/admin/revoke/"

static const char *schema =
    "CREATE TABLE IF NOT EXISTS fleet_kiosks ("
    " kiosk_id TEXT PRIMARY KEY, last_seen TEXT, report TEXT,"
    " out_of_service INTEGER NOT NULL DEFAULT 0, reason TEXT NOT NULL DEFAULT '',"
    " config_version INTEGER, upload_logs INTEGER NOT NULL DEFAULT 0, logs TEXT,"
    " unlock_pin INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE IF NOT EXISTS fleet_configs (version INTEGER PRIMARY KEY, doc TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS fleet_revoked (kiosk_id TEXT PRIMARY KEY, revoked_at TEXT NOT "
    "NULL);";

static struct {
	sqlite3 *conn;
	pthread_mutex_t lock;
} fleet = {.lock = PTHREAD_MUTEX_INITIALIZER};

int fleet_setup(const struct sim_options *opt)
{
	if (sqlite3_open_v2(opt->db, &fleet.conn,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
			    NULL) != SQLITE_OK)
		goto fail;
	sqlite3_busy_timeout(fleet.conn, 5000);
	if (sqlite3_exec(fleet.conn, schema, NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	return 0;
fail:
	log_error("portal-sim", "fleet store: %s", sqlite3_errmsg(fleet.conn));
	return KIOSK_ESTORE;
}

void fleet_close(void)
{
	sqlite3_close(fleet.conn);
	fleet.conn = NULL;
}

int fleet_path(const char *path)
{
	return !strcmp(path, API "/heartbeat") || !strncmp(path, API "/config/", 18) ||
	       !strcmp(path, API "/logs") || !strncmp(path, "/admin/", 7);
}

static void reply(struct sim_reply *out, unsigned status, json_t *doc)
{
	out->status = status;
	out->body = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
}

static void error(struct sim_reply *out, unsigned status, const char *code, const char *msg)
{
	reply(out, status, json_pack("{s:s, s:s}", "error", code, "message", msg));
}

/* Runs one statement with text parameters (NULL binds NULL); 0 or KIOSK_ESTORE. */
static int exec(const char *sql, int n, const char *const *params)
{
	sqlite3_stmt *st = NULL;
	int rc = KIOSK_ESTORE;

	if (sqlite3_prepare_v2(fleet.conn, sql, -1, &st, NULL) != SQLITE_OK)
		goto out;
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) == SQLITE_DONE)
		rc = 0;
out:
	if (rc)
		log_error("portal-sim", "fleet store: %s", sqlite3_errmsg(fleet.conn));
	sqlite3_finalize(st);
	return rc;
}

static void now_text(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int ensure_kiosk(const char *id)
{
	const char *p[] = {id};

	return exec("INSERT OR IGNORE INTO fleet_kiosks (kiosk_id) VALUES (?)", 1, p);
}

/* The kiosk a request speaks for: the body's id, else the header's. With mutual TLS the
 * certificate decides: an id that differs from its CN is refused (403), so one kiosk can
 * never read another's orders or write its reports. NULL after an error reply. */
static const char *speaker(const char *body_id, const char *header_id, const char *cert_id,
			   struct sim_reply *out)
{
	const char *claims[] = {body_id, header_id};

	if (cert_id) {
		for (size_t i = 0; i < 2; i++) {
			if (claims[i] && *claims[i] && strcmp(claims[i], cert_id)) {
				error(out, 403, "kiosk_id_mismatch",
				      "The kiosk id does not match the kiosk's certificate");
				return NULL;
			}
		}
		return cert_id;
	}
	if (body_id && *body_id)
		return body_id;
	if (header_id && *header_id)
		return header_id;
	error(out, 400, "invalid_request", "kiosk_id is required");
	return NULL;
}

/* A kiosk's report in, its orders out: out of service, configuration, logs (asked once). */
static void heartbeat(json_t *body, const char *header_id, const char *cert_id,
		      struct sim_reply *out)
{
	const char *id =
	    speaker(json_string_value(json_object_get(body, "kiosk_id")), header_id, cert_id, out);
	sqlite3_stmt *st = NULL;
	char when[32], *report = NULL;
	json_t *answer;

	if (!id)
		return;
	now_text(when, sizeof(when));
	report = json_dumps(body, JSON_COMPACT);
	const char *p[] = {when, report, id};
	if (ensure_kiosk(id) ||
	    exec("UPDATE fleet_kiosks SET last_seen = ?, report = ? WHERE kiosk_id = ?", 3, p) ||
	    sqlite3_prepare_v2(fleet.conn,
			       "SELECT out_of_service, reason, config_version, upload_logs, "
			       "unlock_pin FROM fleet_kiosks WHERE kiosk_id = ?",
			       -1, &st, NULL) != SQLITE_OK) {
		error(out, 500, "internal", "The portal's storage failed");
		goto done;
	}
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW) {
		error(out, 500, "internal", "The portal's storage failed");
		goto done;
	}
	answer = json_pack(
	    "{s:{s:b, s:s}, s:o, s:i}", "out_of_service", "on", sqlite3_column_int(st, 0), "reason",
	    (const char *)sqlite3_column_text(st, 1), "config_version",
	    sqlite3_column_type(st, 2) == SQLITE_NULL ? json_null()
						      : json_integer(sqlite3_column_int64(st, 2)),
	    "upload_logs", sqlite3_column_int(st, 3));
	if (sqlite3_column_int(st, 4)) /* like upload_logs: said once */
		json_object_set_new(answer, "unlock_service_pin", json_true());
	if (sqlite3_column_int(st, 3) > 0 || sqlite3_column_int(st, 4)) {
		const char *q[] = {id};
		exec("UPDATE fleet_kiosks SET upload_logs = 0, unlock_pin = 0 WHERE kiosk_id = ?",
		     1, q);
	}
	reply(out, 200, answer);
done:
	sqlite3_finalize(st);
	free(report);
}

static void get_config(const char *path, struct sim_reply *out)
{
	const char *v = path + strlen(API "/config/");
	sqlite3_stmt *st = NULL;
	json_t *doc;

	if (sqlite3_prepare_v2(fleet.conn, "SELECT doc FROM fleet_configs WHERE version = ?", -1,
			       &st, NULL) != SQLITE_OK) {
		error(out, 500, "internal", "The portal's storage failed");
		return;
	}
	sqlite3_bind_int64(st, 1, strtoll(v, NULL, 10));
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (doc = json_loads((const char *)sqlite3_column_text(st, 0), 0, NULL)))
		reply(out, 200, doc);
	else
		error(out, 404, "not_found", "No such configuration version");
	sqlite3_finalize(st);
}

static void take_logs(json_t *body, const char *header_id, const char *cert_id,
		      struct sim_reply *out)
{
	const char *lines = json_string_value(json_object_get(body, "lines"));
	const char *id;

	if (!header_id || !lines) {
		error(out, 400, "invalid_request", "X-Kiosk-Id and lines are required");
		return;
	}
	id = speaker(NULL, header_id, cert_id, out);
	if (!id)
		return;
	const char *p[] = {lines, id};
	if (ensure_kiosk(id) || exec("UPDATE fleet_kiosks SET logs = ? WHERE kiosk_id = ?", 2, p))
		error(out, 500, "internal", "The portal's storage failed");
	else
		reply(out, 200, json_pack("{s:s}", "status", "ok"));
}

/* POST /admin/kiosks/{id} {"out_of_service": true, "reason": "...", "config_version": 3,
 * "upload_logs": 50, "unlock_service_pin": true}, any of them; GET /admin/kiosks/{id} shows what
 * the portal knows. */
static void admin_kiosk(const char *method, const char *id, json_t *body, struct sim_reply *out)
{
	char num[24];
	json_t *v;

	if (!*id || strchr(id, '/')) {
		error(out, 404, "no_such_endpoint", "No such endpoint");
		return;
	}
	if (!strcmp(method, "GET")) {
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(fleet.conn,
				       "SELECT last_seen, report, out_of_service, reason, "
				       "config_version, logs FROM fleet_kiosks WHERE kiosk_id = ?",
				       -1, &st, NULL) != SQLITE_OK) {
			error(out, 500, "internal", "The portal's storage failed");
			return;
		}
		sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_ROW) {
			error(out, 404, "not_found", "No such kiosk");
		} else {
			const char *rep = (const char *)sqlite3_column_text(st, 1);
			const char *logs = (const char *)sqlite3_column_text(st, 5);
			json_t *r = rep ? json_loads(rep, 0, NULL) : NULL;
			reply(out, 200,
			      json_pack("{s:s, s:s?, s:o, s:b, s:s, s:I, s:s?}", "kiosk_id", id,
					"last_seen", (const char *)sqlite3_column_text(st, 0),
					"report", r ? r : json_null(), "out_of_service",
					sqlite3_column_int(st, 2), "reason",
					(const char *)sqlite3_column_text(st, 3), "config_version",
					(json_int_t)sqlite3_column_int64(st, 4), "logs", logs));
		}
		sqlite3_finalize(st);
		return;
	}
	if (strcmp(method, "POST") || !json_is_object(body)) {
		error(out, 400, "invalid_request", "POST a JSON object");
		return;
	}
	if (ensure_kiosk(id))
		goto fail;
	if ((v = json_object_get(body, "out_of_service"))) {
		const char *reason = json_string_value(json_object_get(body, "reason"));
		const char *p[] = {json_is_true(v) ? "1" : "0", reason ? reason : "", id};
		if (exec(
			"UPDATE fleet_kiosks SET out_of_service = ?, reason = ? WHERE kiosk_id = ?",
			3, p))
			goto fail;
	}
	if (json_is_true(json_object_get(body, "unlock_service_pin"))) {
		const char *p[] = {id};
		if (exec("UPDATE fleet_kiosks SET unlock_pin = 1 WHERE kiosk_id = ?", 1, p))
			goto fail;
	}
	if ((v = json_object_get(body, "config_version")) && json_is_integer(v)) {
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		const char *p[] = {num, id};
		if (exec("UPDATE fleet_kiosks SET config_version = ? WHERE kiosk_id = ?", 2, p))
			goto fail;
	}
	if ((v = json_object_get(body, "upload_logs")) && json_is_integer(v)) {
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		const char *p[] = {num, id};
		if (exec("UPDATE fleet_kiosks SET upload_logs = ? WHERE kiosk_id = ?", 2, p))
			goto fail;
	}
	reply(out, 200, json_pack("{s:s}", "status", "ok"));
	return;
fail:
	error(out, 500, "internal", "The portal's storage failed");
}

/* POST /admin/revoke/{kiosk_id}: the portal no longer takes that kiosk's certificates (by
 * CN, so every one issued to it so far; a simulator's stand-in for a CRL by serial). DELETE
 * lifts it, as IT would once the kiosk has a new identity. */
static void admin_revoke(const char *method, const char *id, struct sim_reply *out)
{
	char when[32];
	const char *p[] = {id, when};

	if (!*id || strchr(id, '/')) {
		error(out, 404, "no_such_endpoint", "No such endpoint");
		return;
	}
	now_text(when, sizeof(when));
	if (!strcmp(method, "POST")) {
		if (exec(
			"INSERT OR REPLACE INTO fleet_revoked (kiosk_id, revoked_at) VALUES (?, ?)",
			2, p))
			goto fail;
		log_info("portal-sim", "certificates of kiosk %s revoked", id);
	} else if (!strcmp(method, "DELETE")) {
		if (exec("DELETE FROM fleet_revoked WHERE kiosk_id = ?", 1, p))
			goto fail;
	} else {
		error(out, 405, "method_not_allowed", "POST or DELETE");
		return;
	}
	reply(out, 200, json_pack("{s:s}", "status", "ok"));
	return;
fail:
	error(out, 500, "internal", "The portal's storage failed");
}

int fleet_is_revoked(const char *kiosk_id)
{
	sqlite3_stmt *st = NULL;
	int revoked = 0;

	pthread_mutex_lock(&fleet.lock);
	if (sqlite3_prepare_v2(fleet.conn, "SELECT 1 FROM fleet_revoked WHERE kiosk_id = ?", -1,
			       &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, kiosk_id, -1, SQLITE_TRANSIENT);
		revoked = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	pthread_mutex_unlock(&fleet.lock);
	return revoked;
}

/* POST /admin/configs/{version} {"settings": {...}}: published as the document kiosks fetch.
 * Stored as given, unchecked: checking is the kiosk's job, and tests publish bad ones. */
static void admin_config(const char *method, const char *v, json_t *body, struct sim_reply *out)
{
	long long version = strtoll(v, NULL, 10);
	char *doc;
	char num[24];

	if (strcmp(method, "POST") || version < 1 || !json_is_object(body)) {
		error(out, 400, "invalid_request",
		      "POST {\"settings\": {...}} to a version from 1");
		return;
	}
	json_object_set_new(body, "version", json_integer(version));
	doc = json_dumps(body, JSON_COMPACT | JSON_SORT_KEYS);
	snprintf(num, sizeof(num), "%lld", version);
	const char *p[] = {num, doc};
	if (!doc || exec("INSERT OR REPLACE INTO fleet_configs (version, doc) VALUES (?, ?)", 2, p))
		error(out, 500, "internal", "The portal's storage failed");
	else
		reply(out, 200, json_pack("{s:s}", "status", "ok"));
	free(doc);
}

void fleet_handle(const char *method, const char *path, const char *kiosk_id, const char *cert_id,
		  const char *body, size_t body_len, struct sim_reply *out)
{
	json_t *doc = NULL;

	out->body = NULL;
	if (body_len) {
		doc = json_loadb(body, body_len, 0, NULL);
		if (!json_is_object(doc)) {
			error(out, 400, "invalid_request", "The body is not a JSON object");
			goto out;
		}
	}
	pthread_mutex_lock(&fleet.lock);
	if (!strcmp(path, API "/heartbeat")) {
		if (strcmp(method, "POST") || !doc)
			error(out, strcmp(method, "POST") ? 405 : 400,
			      strcmp(method, "POST") ? "method_not_allowed" : "invalid_request",
			      "POST a JSON report");
		else
			heartbeat(doc, kiosk_id, cert_id, out);
	} else if (!strncmp(path, API "/config/", strlen(API "/config/"))) {
		if (strcmp(method, "GET"))
			error(out, 405, "method_not_allowed", "GET a configuration");
		else
			get_config(path, out);
	} else if (!strcmp(path, API "/logs")) {
		take_logs(doc, kiosk_id, cert_id, out);
	} else if (!strncmp(path, ADMIN_KIOSKS, strlen(ADMIN_KIOSKS))) {
		admin_kiosk(method, path + strlen(ADMIN_KIOSKS), doc, out);
	} else if (!strncmp(path, ADMIN_REVOKE, strlen(ADMIN_REVOKE))) {
		admin_revoke(method, path + strlen(ADMIN_REVOKE), out);
	} else if (!strncmp(path, ADMIN_CONFIGS, strlen(ADMIN_CONFIGS))) {
		admin_config(method, path + strlen(ADMIN_CONFIGS), doc, out);
	} else {
		error(out, 404, "no_such_endpoint", "No such endpoint");
	}
	pthread_mutex_unlock(&fleet.lock);
out:
	json_decref(doc);
}
