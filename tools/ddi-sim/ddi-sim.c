/* ddi-sim: a small stand-in for an Eclipse hawkBit server's DDI API, for tests and demos.
 * Plain HTTP on 127.0.0.1. It offers one action (one bundle), serves the artifact with
 * Range support, records every request and feedback body in a log, and can cut the first
 * download half-way or offer a cancelAction instead.
 *
 *   ddi-sim --port-file F [--tenant T] [--controller ID] [--bundle FILE] [--action N]
 *           [--cut-first] [--cancel] [--sleep HH:MM:SS] [--log FILE]
 *
 * Log lines: "GET <path> [range=<start>]", "FEEDBACK <action> <json>", "CLOSED <action>
 * <result>". It runs until SIGTERM or SIGINT. */
#include <arpa/inet.h>
#include <getopt.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BODY_MAX (64 * 1024)

struct sim {
	const char *tenant, *controller, *bundle, *action, *sleep;
	int cut_first, cancel;
	FILE *log;
	unsigned port;
	pthread_mutex_t lock;
	int action_open;
	int cut_done;
	int64_t bundle_size;
	char bundle_sha256[65];
};

struct req {
	char *body;
	size_t len;
};

struct stream {
	FILE *f;
	uint64_t sent, stop_at; /* stop_at: cut the connection there (0: never) */
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void logf_(struct sim *s, const char *fmt, const char *a, const char *b)
{
	pthread_mutex_lock(&s->lock);
	if (s->log) {
		fprintf(s->log, fmt, a, b);
		fputc('\n', s->log);
		fflush(s->log);
	}
	pthread_mutex_unlock(&s->lock);
}

static enum MHD_Result send_json(struct MHD_Connection *c, unsigned status, json_t *doc)
{
	char *text = json_dumps(doc, JSON_COMPACT);
	struct MHD_Response *r =
	    MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
	enum MHD_Result ret;

	json_decref(doc);
	MHD_add_response_header(r, "Content-Type", "application/hal+json;charset=UTF-8");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result send_status(struct MHD_Connection *c, unsigned status)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret = MHD_queue_response(c, status, r);

	MHD_destroy_response(r);
	return ret;
}

static void href(struct sim *s, char *buf, size_t n, const char *suffix)
{
	snprintf(buf, n, "http://127.0.0.1:%u/%s/controller/v1/%s%s", s->port, s->tenant,
		 s->controller, suffix);
}

static enum MHD_Result controller_base(struct sim *s, struct MHD_Connection *c)
{
	json_t *links = json_object();
	char url[512], suffix[128];

	pthread_mutex_lock(&s->lock);
	if (s->action_open && s->cancel) {
		href(s, url, sizeof(url), "/cancelAction/100");
		json_object_set_new(links, "cancelAction", json_pack("{s:s}", "href", url));
	} else if (s->action_open) {
		snprintf(suffix, sizeof(suffix), "/deploymentBase/%s?c=-2129030598", s->action);
		href(s, url, sizeof(url), suffix);
		json_object_set_new(links, "deploymentBase", json_pack("{s:s}", "href", url));
	}
	pthread_mutex_unlock(&s->lock);
	return send_json(c, 200,
			 json_pack("{s:{s:{s:s}}, s:o}", "config", "polling", "sleep", s->sleep,
				   "_links", links));
}

static enum MHD_Result deployment(struct sim *s, struct MHD_Connection *c)
{
	char url[512], suffix[256];
	const char *name = strrchr(s->bundle, '/') ? strrchr(s->bundle, '/') + 1 : s->bundle;

	snprintf(suffix, sizeof(suffix), "/softwaremodules/1/artifacts/%s", name);
	href(s, url, sizeof(url), suffix);
	return send_json(
	    c, 200,
	    json_pack("{s:s, s:{s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:[{s:s, s:{s:s}, s:I, "
		      "s:{s:{s:s}, s:{s:s}}}]}]}}",
		      "id", s->action, "deployment", "download", "forced", "update", "forced",
		      "maintenanceWindow", "available", "chunks", "part", "os", "version", "sim",
		      "name", "kiosk", "artifacts", "filename", name, "hashes", "sha256",
		      s->bundle_sha256, "size", (json_int_t)s->bundle_size, "_links",
		      "download-http", "href", url, "md5sum-http", "href", url));
}

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *st = cls;
	size_t n;

	(void)pos;
	if (st->stop_at && st->sent >= st->stop_at)
		return MHD_CONTENT_READER_END_WITH_ERROR; /* the cut: the client sees a short body
							   */
	if (st->stop_at && st->sent + max > st->stop_at)
		max = (size_t)(st->stop_at - st->sent);
	n = fread(buf, 1, max, st->f);
	if (n == 0)
		return MHD_CONTENT_READER_END_OF_STREAM;
	st->sent += n;
	return (ssize_t)n;
}

static void stream_free(void *cls)
{
	struct stream *st = cls;

	fclose(st->f);
	free(st);
}

static enum MHD_Result artifact(struct sim *s, struct MHD_Connection *c, const char *path)
{
	const char *range = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Range");
	unsigned long long start = 0;
	struct stream *st;
	struct MHD_Response *r;
	enum MHD_Result ret;
	char rtext[32], crange[96];
	unsigned status = 200;

	if (range && sscanf(range, "bytes=%llu-", &start) == 1 && start > 0) {
		if ((int64_t)start >= s->bundle_size)
			return send_status(c, 416);
		status = 206;
	}
	snprintf(rtext, sizeof(rtext), "range=%llu", start);
	logf_(s, "GET %s %s", path, rtext);
	st = calloc(1, sizeof(*st));
	st->f = fopen(s->bundle, "rb");
	if (!st->f || fseeko(st->f, (off_t)start, SEEK_SET) != 0) {
		free(st);
		return send_status(c, 500);
	}
	pthread_mutex_lock(&s->lock);
	if (s->cut_first && !s->cut_done) {
		st->stop_at = (uint64_t)(s->bundle_size - (int64_t)start) / 2;
		s->cut_done = 1;
	}
	pthread_mutex_unlock(&s->lock);
	r = MHD_create_response_from_callback((uint64_t)(s->bundle_size - (int64_t)start), 65536,
					      stream_read, st, stream_free);
	if (status == 206) {
		snprintf(crange, sizeof(crange), "bytes %llu-%lld/%lld", start,
			 (long long)s->bundle_size - 1, (long long)s->bundle_size);
		MHD_add_response_header(r, "Content-Range", crange);
	}
	MHD_add_response_header(r, "Accept-Ranges", "bytes");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result feedback(struct sim *s, struct MHD_Connection *c, const char *action,
				struct req *q)
{
	json_t *doc = json_loadb(q->body ? q->body : "", q->len, 0, NULL);
	json_t *status = json_object_get(doc, "status");
	const char *exec = json_string_value(json_object_get(status, "execution"));
	const char *fin =
	    json_string_value(json_object_get(json_object_get(status, "result"), "finished"));

	logf_(s, "FEEDBACK %s %s", action, q->body ? q->body : "");
	if (!doc || !exec || !fin || !json_is_string(json_object_get(doc, "id"))) {
		json_decref(doc);
		return send_status(c, 400);
	}
	if (!strcmp(exec, "closed") || !strcmp(exec, "rejected")) {
		pthread_mutex_lock(&s->lock);
		s->action_open = 0;
		pthread_mutex_unlock(&s->lock);
		logf_(s, "CLOSED %s %s", action, fin);
	}
	json_decref(doc);
	return send_status(c, 200);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *data,
			      size_t *data_size, void **con_cls)
{
	struct sim *s = cls;
	struct req *q = *con_cls;
	char prefix[256], action_path[256];
	const char *rest;

	(void)version;
	if (!q) {
		q = calloc(1, sizeof(*q));
		*con_cls = q;
		return MHD_YES;
	}
	if (*data_size) {
		if (q->len + *data_size > BODY_MAX)
			return MHD_NO;
		q->body = realloc(q->body, q->len + *data_size + 1);
		memcpy(q->body + q->len, data, *data_size);
		q->len += *data_size;
		q->body[q->len] = '\0';
		*data_size = 0;
		return MHD_YES;
	}
	snprintf(prefix, sizeof(prefix), "/%s/controller/v1/%s", s->tenant, s->controller);
	if (strncmp(url, prefix, strlen(prefix)))
		return send_status(c, 404);
	rest = url + strlen(prefix);
	if (strncmp(rest, "/softwaremodules/", 17))
		logf_(s, "%s %s", method, url);
	if (!strcmp(method, "GET") && !strcmp(rest, ""))
		return controller_base(s, c);
	snprintf(action_path, sizeof(action_path), "/deploymentBase/%s", s->action);
	if (!strcmp(method, "GET") && !strcmp(rest, action_path) && s->bundle)
		return deployment(s, c);
	if (!strcmp(method, "GET") && !strncmp(rest, "/softwaremodules/1/artifacts/", 29) &&
	    s->bundle)
		return artifact(s, c, url);
	snprintf(action_path, sizeof(action_path), "/deploymentBase/%s/feedback", s->action);
	if (!strcmp(method, "POST") && !strcmp(rest, action_path))
		return feedback(s, c, s->action, q);
	if (!strcmp(method, "GET") && !strcmp(rest, "/cancelAction/100"))
		return send_json(
		    c, 200,
		    json_pack("{s:s, s:{s:s}}", "id", "100", "cancelAction", "stopId", s->action));
	if (!strcmp(method, "POST") && !strcmp(rest, "/cancelAction/100/feedback"))
		return feedback(s, c, "cancel-100", q);
	return send_status(c, 404);
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	struct req *q = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (q) {
		free(q->body);
		free(q);
	}
	*con_cls = NULL;
}

static int hash_bundle(struct sim *s)
{
	char cmd[1200];
	FILE *p;
	struct stat st;

	if (stat(s->bundle, &st) != 0)
		return -1;
	s->bundle_size = st.st_size;
	/* The simulator leans on coreutils for the hash: it is a test tool, not the kiosk. */
	snprintf(cmd, sizeof(cmd), "sha256sum '%s'", s->bundle);
	p = popen(cmd, "r");
	if (!p || fscanf(p, "%64s", s->bundle_sha256) != 1) {
		if (p)
			pclose(p);
		return -1;
	}
	pclose(p);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"port-file", required_argument, 0, 'p'},  {"tenant", required_argument, 0, 't'},
	    {"controller", required_argument, 0, 'c'}, {"bundle", required_argument, 0, 'b'},
	    {"action", required_argument, 0, 'a'},     {"cut-first", no_argument, 0, 'x'},
	    {"cancel", no_argument, 0, 'C'},	       {"sleep", required_argument, 0, 's'},
	    {"log", required_argument, 0, 'l'},	       {0, 0, 0, 0},
	};
	static struct sim s = {
	    .tenant = "DEFAULT", .controller = "kiosk-1", .action = "1", .sleep = "00:00:05"};
	const char *port_file = NULL;
	struct sockaddr_in addr;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	int c;

	pthread_mutex_init(&s.lock, NULL);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p': port_file = optarg; break;
		case 't': s.tenant = optarg; break;
		case 'c': s.controller = optarg; break;
		case 'b': s.bundle = optarg; break;
		case 'a': s.action = optarg; break;
		case 'x': s.cut_first = 1; break;
		case 'C': s.cancel = 1; break;
		case 's': s.sleep = optarg; break;
		case 'l': s.log = fopen(optarg, "a"); break;
		default: fprintf(stderr, "ddi-sim: see the top of ddi-sim.c for usage\n"); return 2;
		}
	}
	if (s.bundle && hash_bundle(&s)) {
		fprintf(stderr, "ddi-sim: cannot read %s\n", s.bundle);
		return 1;
	}
	s.action_open = s.bundle != NULL;
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGPIPE, SIG_IGN);
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0,
			     NULL, NULL, handle, &s, MHD_OPTION_SOCK_ADDR, &addr,
			     MHD_OPTION_NOTIFY_COMPLETED, completed, &s, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "ddi-sim: cannot listen\n");
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	s.port = info ? info->port : 0;
	if (port_file) {
		char tmp[1024];
		FILE *f;
		snprintf(tmp, sizeof(tmp), "%s.tmp", port_file);
		f = fopen(tmp, "w");
		if (!f || fprintf(f, "%u\n", s.port) < 0 || fclose(f) != 0 ||
		    rename(tmp, port_file) != 0) {
			fprintf(stderr, "ddi-sim: cannot write %s\n", port_file);
			MHD_stop_daemon(d);
			return 1;
		}
	}
	fprintf(stderr, "ddi-sim: listening on 127.0.0.1:%u\n", s.port);
	while (!stop)
		pause();
	MHD_stop_daemon(d);
	if (s.log)
		fclose(s.log);
	return 0;
}
