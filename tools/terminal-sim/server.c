/* terminal-sim's two listeners: nexo over HTTPS (POST /nexo, as a terminal on the kiosk's local
 * link) with the fault switches, and the admin side for tests over plain HTTP on loopback
 * (present or remove a card, reboot, state). */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <microhttpd.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/simhttp/simhttp.h"
#include "tools/terminal-sim/tsim.h"

#define BODY_MAX (64 * 1024)

struct tsim_server {
	struct tsim_poi *poi;
	struct simhttp *nexo;
	struct simhttp *admin;
	struct tsim_fault faults[TSIM_MAX_FAULTS];
	atomic_int used[TSIM_MAX_FAULTS];
	int fault_count;
};

/* Takes one use of the first fault of this kind with uses left; its index or -1. */
static int take(struct tsim_server *s, enum tsim_fault_kind kind)
{
	for (int i = 0; i < s->fault_count; i++) {
		if (s->faults[i].kind != kind)
			continue;
		if (s->faults[i].limit < 0 || atomic_fetch_add(&s->used[i], 1) < s->faults[i].limit)
			return i;
	}
	return -1;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

/* A rebooting terminal takes no connections: closed as they arrive, before TLS. */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	struct tsim_server *s = cls;

	(void)addr;
	(void)addrlen;
	if (poi_rebooting(s->poi) || take(s, TSIM_FAULT_REBOOTING) >= 0) {
		log_info("terminal-sim", "connection refused: rebooting");
		return MHD_NO;
	}
	return MHD_YES;
}

/* Collects the body; *done once the whole request is in. */
static enum MHD_Result collect(void **con_cls, const char *upload_data, size_t *upload_data_size,
			       struct simhttp_body **body)
{
	struct simhttp_body *b = *con_cls;

	if (!b) {
		b = calloc(1, sizeof(*b));
		if (!b)
			return MHD_NO;
		*con_cls = b;
		*body = NULL;
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (simhttp_body_append(b, BODY_MAX, upload_data, *upload_data_size) != 0)
			return MHD_NO;
		*upload_data_size = 0;
		*body = NULL;
		return MHD_YES;
	}
	*body = b;
	return MHD_YES;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct simhttp_body *b = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (b) {
		simhttp_body_free(b);
		free(b);
		*con_cls = NULL;
	}
}

static enum MHD_Result on_nexo(void *cls, struct MHD_Connection *conn, const char *url,
			       const char *method, const char *version, const char *upload_data,
			       size_t *upload_data_size, void **con_cls)
{
	struct tsim_server *s = cls;
	struct simhttp_body *body = NULL;
	struct tsim_answer a;
	int i;

	(void)version;
	if (collect(con_cls, upload_data, upload_data_size, &body) != MHD_YES)
		return MHD_NO;
	if (!body)
		return MHD_YES;
	if (strcmp(url, "/nexo") != 0)
		return simhttp_send(conn, 404, "text/plain", strdup(""));
	if (strcmp(method, "POST") != 0)
		return simhttp_send(conn, 405, "text/plain", strdup(""));
	if (body->too_big)
		return simhttp_send(conn, 413, "text/plain", strdup(""));
	poi_handle(s->poi, body->data ? body->data : "", body->len, &a);
	if (a.drop || (a.approved && take(s, TSIM_FAULT_DROP_AFTER_APPROVE) >= 0)) {
		log_info("terminal-sim", "answer dropped%s", a.approved ? " after approving" : "");
		free(a.body);
		return MHD_NO;
	}
	if ((i = take(s, TSIM_FAULT_SLOW)) >= 0)
		sleep_ms(s->faults[i].arg);
	if (take(s, TSIM_FAULT_MALFORMED) >= 0) {
		size_t n = a.body ? strlen(a.body) : 0;
		log_info("terminal-sim", "answer cut short (malformed fault)");
		if (n > 0)
			a.body[n / 2] = '\0';
	}
	return simhttp_send(conn, a.status, "application/json", a.body ? a.body : strdup(""));
}

static enum MHD_Result admin_reply(struct MHD_Connection *conn, unsigned status, const char *key,
				   const char *value)
{
	json_t *doc = json_pack("{s:s}", key, value);
	char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;

	json_decref(doc);
	return text ? simhttp_send(conn, status, "application/json", text) : MHD_NO;
}

static enum MHD_Result admin_card(struct tsim_server *s, struct MHD_Connection *conn,
				  const struct simhttp_body *body)
{
	json_error_t err;
	json_t *doc = json_loadb(body->data ? body->data : "", body->len, 0, &err);
	const char *why = "body must be {\"entry\": \"chip|tap|swipe|wallet\", \"pan\": \"...\"} "
			  "(and \"locked\": true for a phone still locked)";
	const json_t *locked = json_object_get(doc, "locked");
	int rc = KIOSK_EINVAL;

	if (json_is_object(doc) && (!locked || json_is_boolean(locked)))
		rc = poi_present_card(s->poi, json_string_value(json_object_get(doc, "entry")),
				      json_string_value(json_object_get(doc, "pan")),
				      json_is_true(locked), &why);
	json_decref(doc);
	if (rc != 0)
		return admin_reply(conn, 400, "error", why);
	return admin_reply(conn, 200, "status", "presented");
}

static enum MHD_Result admin_reboot(struct tsim_server *s, struct MHD_Connection *conn,
				    const struct simhttp_body *body)
{
	json_error_t err;
	json_t *doc = json_loadb(body->data ? body->data : "", body->len, 0, &err);
	json_t *secs = json_object_get(doc, "seconds");
	json_int_t n = json_is_integer(secs) ? json_integer_value(secs) : -1;

	json_decref(doc);
	if (n < 1 || n > 3600)
		return admin_reply(conn, 400, "error", "body must be {\"seconds\": 1..3600}");
	poi_reboot(s->poi, (unsigned)n);
	return admin_reply(conn, 200, "status", "rebooting");
}

static enum MHD_Result on_admin(void *cls, struct MHD_Connection *conn, const char *url,
				const char *method, const char *version, const char *upload_data,
				size_t *upload_data_size, void **con_cls)
{
	struct tsim_server *s = cls;
	struct simhttp_body *body = NULL;
	char *state;

	(void)version;
	if (collect(con_cls, upload_data, upload_data_size, &body) != MHD_YES)
		return MHD_NO;
	if (!body)
		return MHD_YES;
	if (strcmp(url, "/state") == 0 && strcmp(method, "GET") == 0) {
		state = poi_state_json(s->poi);
		return state ? simhttp_send(conn, 200, "application/json", state) : MHD_NO;
	}
	if (strcmp(method, "POST") != 0 || body->too_big)
		return admin_reply(conn, 405, "error",
				   "POST /card, /card/remove, /reboot; GET /state");
	if (strcmp(url, "/card") == 0)
		return admin_card(s, conn, body);
	if (strcmp(url, "/card/remove") == 0) {
		poi_remove_card(s->poi);
		return admin_reply(conn, 200, "status", "removed");
	}
	if (strcmp(url, "/reboot") == 0)
		return admin_reboot(s, conn, body);
	return admin_reply(conn, 404, "error", "no such admin call");
}

int server_start(const struct tsim_options *opt, struct tsim_poi *poi, struct tsim_server **out,
		 unsigned *port, unsigned *admin_port)
{
	struct tsim_server *s = calloc(1, sizeof(*s));
	struct simhttp_options nexo = {.listen = opt->listen,
				       .port = opt->port,
				       .cert = opt->cert,
				       .key = opt->key,
				       .name = "terminal-sim"};
	/* The admin side is for tests on this machine only: loopback, always. */
	struct simhttp_options admin = {
	    .listen = "127.0.0.1", .port = opt->admin_port, .name = "terminal-sim"};
	int rc;

	*out = NULL;
	if (!s)
		return KIOSK_ENOMEM;
	s->poi = poi;
	s->fault_count = opt->fault_count;
	for (int i = 0; i < opt->fault_count; i++) {
		s->faults[i] = opt->faults[i];
		atomic_init(&s->used[i], 0);
	}
	nexo.accept = on_accept;
	nexo.accept_cls = s;
	rc = simhttp_start(&nexo, on_nexo, s, on_completed, s, &s->nexo, port);
	if (rc == 0)
		rc = simhttp_start(&admin, on_admin, s, on_completed, s, &s->admin, admin_port);
	if (rc != 0) {
		server_stop(s);
		return rc;
	}
	*out = s;
	return 0;
}

void server_stop(struct tsim_server *s)
{
	if (!s)
		return;
	if (s->poi)
		poi_stop(s->poi);
	simhttp_stop(s->nexo);
	simhttp_stop(s->admin);
	free(s);
}
