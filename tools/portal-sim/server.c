/* portal-sim's HTTPS side: libmicrohttpd over TLS, a thread per connection, request bodies
 * collected and handed to api.c, and the fault switches (latency, drop, 5xx, malformed). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "tools/portal-sim/sim.h"

#define BODY_MAX (64 * 1024)

struct sim_server {
	struct MHD_Daemon *daemon;
	struct sim_api *api;
	struct sim_residents *residents;
	unsigned latency_ms;
	enum sim_fault fault;
	atomic_int stopping; /* cuts latency sleeps short so shutdown is prompt */
	char *cert_pem;
	char *key_pem;
	char *client_ca_pem; /* --client-ca: API calls need a client certificate from it */
};

/* One request in flight: its body as it arrives. */
struct sim_request {
	char *body;
	size_t len;
	int too_big;
	struct timespec start;
};

static char *read_text_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long size;

	if (!f)
		goto out;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto out;
	buf = calloc(1, (size_t)size + 1);
	if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) {
		free(buf);
		buf = NULL;
	}
out:
	if (f)
		fclose(f);
	if (!buf)
		log_error("portal-sim", "cannot read %s", path);
	return buf;
}

static long elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

static void simulate_latency(struct sim_server *srv)
{
	struct timespec step = {0, 10 * 1000000};

	for (unsigned waited = 0; waited < srv->latency_ms && !atomic_load(&srv->stopping);
	     waited += 10)
		nanosleep(&step, NULL);
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, unsigned status, char *body)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	resp = MHD_create_response_from_buffer(strlen(body), body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", "application/json");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	ret = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Applies the fault switch to a fault-able call; returns 1 when it answered (or dropped). */
static int apply_fault(struct sim_server *srv, struct MHD_Connection *conn, enum MHD_Result *ret)
{
	switch (srv->fault) {
	case SIM_FAULT_NONE: return 0;
	case SIM_FAULT_DROP: *ret = MHD_NO; return 1;
	case SIM_FAULT_5XX:
		*ret = send_reply(conn, 503,
				  strdup("{\"error\":\"unavailable\",\"message\":\"The portal is "
					 "temporarily unavailable\"}"));
		return 1;
	case SIM_FAULT_MALFORMED:
		/* Cut off mid-object, as a broken proxy might. */
		*ret = send_reply(conn, 200, strdup("{\"status\":\"appro"));
		return 1;
	}
	return 0;
}

/* The token of "Authorization: Bearer TOKEN", or NULL. */
static const char *bearer_token(struct MHD_Connection *conn)
{
	const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");

	return auth && strncmp(auth, "Bearer ", 7) == 0 ? auth + 7 : NULL;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct sim_server *srv = cls;
	struct sim_request *req = *con_cls;
	struct sim_reply reply = {0, NULL};
	const char *kiosk;
	enum MHD_Result ret;

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
		size_t n = *upload_data_size;
		if (req->len + n > BODY_MAX) {
			req->too_big = 1;
		} else {
			char *grown = realloc(req->body, req->len + n + 1);
			if (!grown)
				return MHD_NO;
			memcpy(grown + req->len, upload_data, n);
			req->body = grown;
			req->len += n;
			req->body[req->len] = '\0';
		}
		*upload_data_size = 0;
		return MHD_YES;
	}

	/* The whole request is in: a dropped answer now is a lost response, the case
	 * idempotency keys exist for. */
	if (api_is_faultable(url)) {
		simulate_latency(srv);
		if (apply_fault(srv, conn, &ret)) {
			log_info("portal-sim", "%s %s -> fault after %ld ms", method, url,
				 elapsed_ms(&req->start));
			return ret;
		}
	}
	if (req->too_big) {
		reply.status = 413;
		reply.body =
		    strdup("{\"error\":\"too_large\",\"message\":\"The request is too large\"}");
	} else if (srv->client_ca_pem && mtls_required(url) && !mtls_verified(conn)) {
		reply.status = 403;
		reply.body = strdup("{\"error\":\"client_certificate_required\",\"message\":"
				    "\"This portal needs the kiosk's own certificate\"}");
	} else if (enroll_path(url)) {
		enroll_handle(method, req->body, req->len, &reply);
	} else if (fleet_path(url)) {
		fleet_handle(method, url,
			     MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Kiosk-Id"),
			     req->body, req->len, &reply);
	} else if (residents_path(url)) {
		residents_handle(srv->residents, method, url, bearer_token(conn), req->body,
				 req->len, &reply);
	} else {
		api_handle(srv->api, method, url, req->body, req->len, &reply);
	}
	if (!reply.body)
		return MHD_NO;
	kiosk = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Kiosk-Id");
	log_info("portal-sim", "%s %s -> %u in %ld ms (kiosk %s)", method, url, reply.status,
		 elapsed_ms(&req->start), kiosk ? kiosk : "-");
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
		free(req->body);
		free(req);
		*con_cls = NULL;
	}
}

int server_start(const struct sim_options *opt, struct sim_api *api,
		 struct sim_residents *residents, struct sim_server **out, unsigned *port)
{
	struct sim_server *srv = calloc(1, sizeof(*srv));
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *info;
	int rc = KIOSK_EIO;

	if (!srv)
		return KIOSK_ENOMEM;
	srv->api = api;
	srv->residents = residents;
	srv->latency_ms = opt->latency_ms;
	srv->fault = opt->fault;
	atomic_init(&srv->stopping, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)opt->port);
	if (inet_pton(AF_INET, opt->listen, &sa.sin_addr) != 1) {
		log_error("portal-sim", "--listen wants an IPv4 address, not %s", opt->listen);
		rc = KIOSK_EINVAL;
		goto out;
	}
	if (!MHD_is_feature_supported(MHD_FEATURE_TLS)) {
		log_error("portal-sim", "this libmicrohttpd has no TLS support");
		goto out;
	}
	srv->cert_pem = read_text_file(opt->cert);
	srv->key_pem = read_text_file(opt->key);
	if (!srv->cert_pem || !srv->key_pem)
		goto out;
	if (opt->client_ca && !(srv->client_ca_pem = read_text_file(opt->client_ca)))
		goto out;

	srv->daemon = MHD_start_daemon(MHD_USE_TLS | MHD_USE_THREAD_PER_CONNECTION |
					   MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG,
				       (uint16_t)opt->port, NULL, NULL, on_request, srv,
				       MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_HTTPS_MEM_CERT,
				       srv->cert_pem, MHD_OPTION_HTTPS_MEM_KEY, srv->key_pem,
				       MHD_OPTION_HTTPS_MEM_TRUST, srv->client_ca_pem,
				       MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
				       MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_END);
	if (!srv->daemon) {
		log_error("portal-sim", "cannot listen on %s:%u", opt->listen, opt->port);
		goto out;
	}
	info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	if (!info || info->port == 0)
		goto out;
	*port = info->port;
	*out = srv;
	rc = 0;
out:
	if (rc != 0)
		server_stop(srv);
	return rc;
}

void server_stop(struct sim_server *srv)
{
	if (!srv)
		return;
	atomic_store(&srv->stopping, 1);
	if (srv->daemon)
		MHD_stop_daemon(srv->daemon);
	free(srv->cert_pem);
	free(srv->client_ca_pem);
	if (srv->key_pem) {
		memset(srv->key_pem, 0, strlen(srv->key_pem));
		free(srv->key_pem);
	}
	free(srv);
}
