/* portal-sim's HTTPS side: libmicrohttpd over TLS, a thread per connection, request bodies
 * collected and handed to api.c, and the fault switches (docs/portal-api.md, "Faults"). */
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <microhttpd.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/portal-sim/sim.h"
#include "tools/simhttp/simhttp.h"

#define BODY_MAX (64 * 1024)

struct sim_server {
	struct simhttp *http;
	struct sim_api *api;
	struct sim_residents *residents;
	struct sim_fault faults[SIM_MAX_FAULTS];
	atomic_int used[SIM_MAX_FAULTS]; /* matching requests each fault has taken so far */
	int fault_count;
	atomic_int stopping; /* cuts latency sleeps short so shutdown is prompt */
	int client_ca;	     /* --client-ca: API calls need a client certificate from it */
};

/* One request in flight: its body as it arrives. */
struct sim_request {
	struct simhttp_body body;
	struct timespec start;
};

static long elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

static void sleep_ms(struct sim_server *srv, unsigned ms)
{
	struct timespec step = {0, 10 * 1000000};

	for (unsigned waited = 0; waited < ms && !atomic_load(&srv->stopping); waited += 10)
		nanosleep(&step, NULL);
}

static int in_scope(const struct sim_fault *f, int is_payment)
{
	return f->scope == SIM_SCOPE_ALL || is_payment;
}

/* Takes one use of fault i; false once its :N budget is spent. */
static int take(struct sim_server *srv, int i)
{
	return srv->faults[i].limit < 0 ||
	       atomic_fetch_add(&srv->used[i], 1) < srv->faults[i].limit;
}

/* Sleeps for every latency fault in scope, then picks the first other fault in scope that
 * still has uses left (or NULL). */
static const struct sim_fault *pick_fault(struct sim_server *srv, int is_payment)
{
	const struct sim_fault *chosen = NULL;

	for (int i = 0; i < srv->fault_count; i++) {
		const struct sim_fault *f = &srv->faults[i];
		if (!in_scope(f, is_payment))
			continue;
		if (f->kind == SIM_FAULT_LATENCY) {
			if (take(srv, i))
				sleep_ms(srv, f->arg);
		} else if (!chosen && take(srv, i)) {
			chosen = f;
		}
	}
	return chosen;
}

/* The kiosk may have gone (killed, timed out) while we waited: a real portal's transaction
 * dies with its request, so nothing is charged for a request nobody can hear the answer to. */
static int client_gone(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	struct pollfd pfd;

	if (!ci)
		return 0;
	pfd.fd = ci->connect_fd;
	pfd.events = POLLRDHUP;
	pfd.revents = 0;
	return poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR));
}

/* slow-body: one byte every 200 ms, so any client deadline under ~20 s runs out first. */
struct slow_body {
	struct sim_server *srv;
	char *body;
	size_t len;
};

static ssize_t slow_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct slow_body *sb = cls;

	if (pos >= sb->len)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (max == 0)
		return 0;
	sleep_ms(sb->srv, 200);
	buf[0] = sb->body[pos];
	return 1;
}

static void slow_free(void *cls)
{
	struct slow_body *sb = cls;

	free(sb->body);
	free(sb);
}

static enum MHD_Result send_slow(struct sim_server *srv, struct MHD_Connection *conn,
				 unsigned status, char *body)
{
	struct slow_body *sb = calloc(1, sizeof(*sb));
	struct MHD_Response *resp;
	enum MHD_Result ret;

	if (!sb) {
		free(body);
		return MHD_NO;
	}
	sb->srv = srv;
	sb->body = body;
	sb->len = strlen(body);
	resp = MHD_create_response_from_callback(sb->len, 1, slow_read, sb, slow_free);
	if (!resp) {
		slow_free(sb);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", "application/json");
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, unsigned status, char *body)
{
	return simhttp_send(conn, status, "application/json", body);
}

static char *error_body(unsigned status)
{
	if (status == 422)
		return strdup("{\"error\":\"invalid_amount\",\"message\":\"The amount is more than "
			      "the balance due\"}");
	return strdup(status == 503 ? "{\"error\":\"unavailable\",\"message\":\"The portal is "
				      "temporarily unavailable\"}"
				    : "{\"error\":\"internal\",\"message\":\"The portal failed\"}");
}

/* A fault that acts instead of the API: nothing is recorded. */
static enum MHD_Result fault_before(struct MHD_Connection *conn, const struct sim_fault *f)
{
	switch (f->kind) {
	case SIM_FAULT_HTTP_ERROR: return send_reply(conn, f->arg, error_body(f->arg));
	case SIM_FAULT_MALFORMED:
		/* Cut off mid-object, as a broken proxy might. */
		return send_reply(conn, 200, strdup("{\"status\":\"appro"));
	default: return MHD_NO; /* drop: close without a word */
	}
}

/* A fault that acts on the API's answer, after the payment was recorded. */
static enum MHD_Result fault_after(struct sim_server *srv, struct MHD_Connection *conn,
				   const struct sim_fault *f, struct sim_reply *reply)
{
	switch (f->kind) {
	case SIM_FAULT_MALFORMED:
		free(reply->body);
		return send_reply(conn, 200, strdup("{\"status\":\"appro"));
	case SIM_FAULT_SLOW_BODY: return send_slow(srv, conn, reply->status, reply->body);
	case SIM_FAULT_NO_APPROVAL: {
		json_t *doc = json_loads(reply->body, 0, NULL);
		char *body;

		free(reply->body);
		json_object_del(doc, "approval_code");
		body = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
		json_decref(doc);
		return body ? send_reply(conn, reply->status, body) : MHD_NO;
	}
	default: free(reply->body); return MHD_NO;
	}
}

/* The token of "Authorization: Bearer TOKEN", or NULL. */
static const char *bearer_token(struct MHD_Connection *conn)
{
	const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");

	return auth && strncmp(auth, "Bearer ", 7) == 0 ? auth + 7 : NULL;
}

/* With --client-ca: whether IT revoked the (verified) certificate this connection presented. */
static int peer_revoked(struct MHD_Connection *conn)
{
	char cn[128];

	return mtls_peer_cn(conn, cn, sizeof(cn)) == 0 && fleet_is_revoked(cn);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct sim_server *srv = cls;
	struct sim_request *req = *con_cls;
	struct sim_reply reply = {0, NULL};
	const struct sim_fault *fault = NULL;
	const char *kiosk;
	char cn[128];
	int is_payment, bound = srv->client_ca && mtls_required(url);

	(void)version;
	if (!req) {
		req = calloc(1, sizeof(*req));
		if (!req)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &req->start);
		*con_cls = req;
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		if (simhttp_body_append(&req->body, BODY_MAX, upload_data, *upload_data_size) != 0)
			return MHD_NO;
		*upload_data_size = 0;
		return MHD_YES;
	}

	/* The whole request is in: a dropped answer now is a lost response, the case
	 * idempotency keys exist for. */
	is_payment = api_is_payment(method, url);
	if (api_is_faultable(url))
		fault = pick_fault(srv, is_payment);
	if (fault && !fault->commit) {
		log_info("portal-sim", "%s %s -> fault (nothing recorded) after %ld ms", method,
			 url, elapsed_ms(&req->start));
		return fault_before(conn, fault);
	}
	if (is_payment && client_gone(conn)) {
		log_info("portal-sim", "%s %s -> the kiosk hung up; nothing recorded", method, url);
		return MHD_NO;
	}
	if (req->body.too_big) {
		reply.status = 413;
		reply.body =
		    strdup("{\"error\":\"too_large\",\"message\":\"The request is too large\"}");
	} else if (srv->client_ca && mtls_required(url) && !mtls_verified(conn)) {
		reply.status = 403;
		reply.body = strdup("{\"error\":\"client_certificate_required\",\"message\":"
				    "\"This portal needs the kiosk's own certificate\"}");
	} else if (srv->client_ca && mtls_required(url) && peer_revoked(conn)) {
		reply.status = 403;
		reply.body = strdup("{\"error\":\"certificate_revoked\",\"message\":"
				    "\"This kiosk's certificate has been revoked\"}");
	} else if (enroll_path(url)) {
		enroll_handle(method, req->body.data, req->body.len, &reply);
	} else if (fleet_path(url) && bound && mtls_peer_cn(conn, cn, sizeof(cn))) {
		reply.status = 403;
		reply.body = strdup("{\"error\":\"client_certificate_required\",\"message\":"
				    "\"The kiosk's certificate names no kiosk\"}");
	} else if (fleet_path(url)) {
		/* With mutual TLS the certificate says which kiosk this is (fleet.c: speaker). */
		fleet_handle(method, url,
			     MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Kiosk-Id"),
			     bound ? cn : NULL, req->body.data, req->body.len, &reply);
	} else if (residents_path(url)) {
		residents_handle(srv->residents, method, url, bearer_token(conn), req->body.data,
				 req->body.len, &reply);
	} else {
		api_handle(srv->api, method, url, req->body.data, req->body.len, &reply);
	}
	if (!reply.body)
		return MHD_NO;
	kiosk = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Kiosk-Id");
	log_info("portal-sim", "%s %s -> %u in %ld ms (kiosk %s)%s", method, url, reply.status,
		 elapsed_ms(&req->start), kiosk ? kiosk : "-", fault ? ", then a fault" : "");
	if (fault)
		return fault_after(srv, conn, fault, &reply);
	return send_reply(conn, reply.status, reply.body);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct sim_request *req = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (req) {
		simhttp_body_free(&req->body);
		free(req);
		*con_cls = NULL;
	}
}

int server_start(const struct sim_options *opt, struct sim_api *api,
		 struct sim_residents *residents, struct sim_server **out, unsigned *port)
{
	struct sim_server *srv = calloc(1, sizeof(*srv));
	struct simhttp_options http = {.listen = opt->listen,
				       .port = opt->port,
				       .cert = opt->cert,
				       .key = opt->key,
				       .client_ca = opt->client_ca,
				       .name = "portal-sim"};
	int rc;

	if (!srv)
		return KIOSK_ENOMEM;
	srv->api = api;
	srv->residents = residents;
	srv->client_ca = opt->client_ca != NULL;
	srv->fault_count = opt->fault_count;
	for (int i = 0; i < opt->fault_count; i++) {
		srv->faults[i] = opt->faults[i];
		atomic_init(&srv->used[i], 0);
	}
	atomic_init(&srv->stopping, 0);
	rc = simhttp_start(&http, on_request, srv, on_completed, srv, &srv->http, port);
	if (rc != 0) {
		server_stop(srv);
		return rc;
	}
	*out = srv;
	return 0;
}

void server_stop(struct sim_server *srv)
{
	if (!srv)
		return;
	atomic_store(&srv->stopping, 1);
	simhttp_stop(srv->http);
	free(srv);
}
