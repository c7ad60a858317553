/* ddi-sim: a stand-in for an Eclipse hawkBit server's DDI API, for tests and demos, as strict as
 * hawkBit where a kiosk could tell the difference (hawkBit's DdiRootController is the model):
 *
 * - every request needs "Authorization: TargetToken <the target's token>" or "GatewayToken
 *   <the tenant's>", else 401; a gateway token registers an unknown controller on first poll;
 * - one action per target; ids are equal everywhere (deploymentBase/{id}, cancelAction/{id},
 *   stopId, confirmationBase/{id}); feedback on an action that is no longer active is 410,
 *   on an unknown action or one waiting for confirmation 404; feedback bodies are checked
 *   (status, execution and finished from hawkBit's lists) and 400 otherwise;
 * - "rejected" deployment feedback keeps the action open; a rejected cancel puts it back to
 *   running; closed (success or failure) ends it;
 * - deployment.download is forced or attempt, deployment.update is forced, attempt or skip
 *   (download-only or a closed maintenance window), maintenanceWindow is present only when a
 *   window is defined;
 * - artifacts carry sha1, md5 and sha256, their size, and "download" (https) and
 *   "download-http" links; Range requests are served.
 *
 *   ddi-sim --port-file F (--target-token T | --gateway-token G) [--tenant T]
 *           [--controller ID]... [--fleet N] [--bundle FILE] [--action N] [--sleep HH:MM:SS]
 *           [--log FILE] [--tls-cert PEM --tls-key PEM] [--no-assign] [--cut-first]
 *           [--update forced|attempt|skip] [--download forced|attempt] [--download-only]
 *           [--window available|unavailable] [--confirm] [--attributes]
 *           [--artifact-status CODE] [--overlong] [--extra-bundle] [--link-origin URL]
 *
 * --fleet N adds controllers kiosk-001 .. kiosk-N. Each target's token is the --target-token.
 * Test controls (no token, loopback): POST /admin/assign (a new action for every target),
 * /admin/cancel, /admin/quit (force-quit: closed on the server without the device),
 * /admin/confirm (an operator confirms), /admin/window?state=available|unavailable|none,
 * /admin/update?type=forced|attempt|skip.
 *
 * Log lines: "POLL <controller> <ms>", "GET <path> range=<start>", "<METHOD> <path>",
 * "UNAUTHORIZED <path>", "FEEDBACK <action> <json>", "CLOSED <action> <result>",
 * "GONE <action>", "CANCEL <action> <json>", "CANCELED <action>", "CONFIRM <action> <json>",
 * "ATTRIBUTES <controller> <json>". It runs until SIGTERM or SIGINT. */
#include <arpa/inet.h>
#include <getopt.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BODY_MAX (64 * 1024)
#define MAX_TARGETS 1024

enum action_state {
	ACT_NONE,
	ACT_WAIT_CONFIRM, /* user consent flow: offered as confirmationBase */
	ACT_OPEN,	  /* running: offered as deploymentBase */
	ACT_CANCELING,	  /* offered as cancelAction */
	ACT_CLOSED,	  /* finished, canceled or force-quit: no longer active */
};

struct target {
	char id[64];
	long action;
	enum action_state state;
	int cut_done;
	int attributes_wanted;
};

struct sim {
	const char *tenant, *bundle, *sleep, *target_token, *gateway_token, *link_origin;
	const char *update, *download, *window;
	int cut_first, confirm, attributes, artifact_status, overlong, extra_bundle, download_only;
	int tls;
	FILE *log;
	unsigned port;
	pthread_mutex_t lock;
	struct target targets[MAX_TARGETS];
	int ntargets;
	long next_action;
	int64_t bundle_size;
	char sha256[65], sha1[41], md5[33];
};

struct req {
	char *body;
	size_t len;
	int too_big;
};

struct stream {
	FILE *f;
	uint64_t sent, stop_at; /* stop_at: cut the connection there (0: never) */
	int overlong;		/* after the file, keep sending */
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void logf_(struct sim *s, const char *fmt, ...)
{
	va_list ap;

	if (!s->log)
		return;
	pthread_mutex_lock(&s->lock);
	va_start(ap, fmt);
	vfprintf(s->log, fmt, ap);
	va_end(ap);
	fputc('\n', s->log);
	fflush(s->log);
	pthread_mutex_unlock(&s->lock);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
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

/* The server's own address for links, in the scheme asked for ("https" or "http"). */
static void href(struct sim *s, const struct target *t, const char *scheme, char *buf, size_t n,
		 const char *suffix)
{
	if (s->link_origin)
		snprintf(buf, n, "%s/%s/controller/v1/%s%s", s->link_origin, s->tenant, t->id,
			 suffix);
	else
		snprintf(buf, n, "%s://127.0.0.1:%u/%s/controller/v1/%s%s", scheme, s->port,
			 s->tenant, t->id, suffix);
}

static const char *own_scheme(const struct sim *s)
{
	return s->tls ? "https" : "http";
}

static struct target *find_target(struct sim *s, const char *id)
{
	for (int i = 0; i < s->ntargets; i++)
		if (!strcmp(s->targets[i].id, id))
			return &s->targets[i];
	return NULL;
}

static struct target *add_target(struct sim *s, const char *id)
{
	struct target *t;

	if (s->ntargets >= MAX_TARGETS || strlen(id) >= sizeof(t->id))
		return NULL;
	t = &s->targets[s->ntargets++];
	memset(t, 0, sizeof(*t));
	snprintf(t->id, sizeof(t->id), "%s", id);
	t->attributes_wanted = s->attributes;
	return t;
}

static void assign(struct sim *s, struct target *t)
{
	t->action = s->next_action++;
	t->state = s->confirm ? ACT_WAIT_CONFIRM : ACT_OPEN;
	t->cut_done = 0;
}

/* hawkBit: update is skip for a download-only action or while the maintenance window is
 * closed; download is forced or attempt. */
static const char *update_type(const struct sim *s)
{
	if (s->download_only || (s->window && !strcmp(s->window, "unavailable")))
		return "skip";
	return s->update;
}

static enum MHD_Result controller_base(struct sim *s, struct MHD_Connection *c,
				       struct target *t)
{
	json_t *links = json_object();
	char url[512], suffix[128];

	logf_(s, "POLL %s %lld", t->id, now_ms());
	pthread_mutex_lock(&s->lock);
	if (t->state == ACT_CANCELING) {
		snprintf(suffix, sizeof(suffix), "/cancelAction/%ld", t->action);
		href(s, t, own_scheme(s), url, sizeof(url), suffix);
		json_object_set_new(links, "cancelAction", json_pack("{s:s}", "href", url));
	} else if (t->state == ACT_WAIT_CONFIRM) {
		snprintf(suffix, sizeof(suffix), "/confirmationBase/%ld?c=-2129030598", t->action);
		href(s, t, own_scheme(s), url, sizeof(url), suffix);
		json_object_set_new(links, "confirmationBase", json_pack("{s:s}", "href", url));
	} else if (t->state == ACT_OPEN) {
		snprintf(suffix, sizeof(suffix), "/deploymentBase/%ld?c=-2129030598", t->action);
		href(s, t, own_scheme(s), url, sizeof(url), suffix);
		json_object_set_new(links, "deploymentBase", json_pack("{s:s}", "href", url));
	}
	if (t->attributes_wanted) {
		href(s, t, own_scheme(s), url, sizeof(url), "/configData");
		json_object_set_new(links, "configData", json_pack("{s:s}", "href", url));
	}
	pthread_mutex_unlock(&s->lock);
	return send_json(c, 200,
			 json_pack("{s:{s:{s:s}}, s:o}", "config", "polling", "sleep", s->sleep,
				   "_links", links));
}

static json_t *artifact_json(struct sim *s, struct target *t, const char *name)
{
	char dl[512], dlh[512], md[512], mdh[512], suffix[256];

	snprintf(suffix, sizeof(suffix), "/softwaremodules/1/artifacts/%s", name);
	href(s, t, "https", dl, sizeof(dl), suffix);
	href(s, t, "http", dlh, sizeof(dlh), suffix);
	snprintf(suffix, sizeof(suffix), "/softwaremodules/1/artifacts/%s.MD5SUM", name);
	href(s, t, "https", md, sizeof(md), suffix);
	href(s, t, "http", mdh, sizeof(mdh), suffix);
	return json_pack("{s:s, s:{s:s, s:s, s:s}, s:I, s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}}",
			 "filename", name, "hashes", "sha1", s->sha1, "md5", s->md5, "sha256",
			 s->sha256, "size", (json_int_t)s->bundle_size, "_links", "download",
			 "href", dl, "md5sum", "href", md, "download-http", "href", dlh,
			 "md5sum-http", "href", mdh);
}

static json_t *deployment_json(struct sim *s, struct target *t)
{
	const char *name = strrchr(s->bundle, '/') ? strrchr(s->bundle, '/') + 1 : s->bundle;
	json_t *arts = json_array(), *chunks = json_array(), *dep;

	json_array_append_new(arts, artifact_json(s, t, name));
	json_array_append_new(chunks, json_pack("{s:s, s:s, s:s, s:o}", "part", "os", "version",
						"sim", "name", "kiosk", "artifacts", arts));
	if (s->extra_bundle) {
		/* A second software module with another bundle: a kiosk must refuse this. */
		json_t *more = json_array();
		json_array_append_new(more, artifact_json(s, t, "second.kbundle"));
		json_array_append_new(chunks, json_pack("{s:s, s:s, s:s, s:o}", "part", "app",
							"version", "sim", "name", "extra",
							"artifacts", more));
	}
	dep = json_pack("{s:s, s:s, s:o}", "download", s->download, "update", update_type(s),
			"chunks", chunks);
	if (s->window)
		json_object_set_new(dep, "maintenanceWindow", json_string(s->window));
	return dep;
}

static enum MHD_Result deployment(struct sim *s, struct MHD_Connection *c, struct target *t,
				  long action, int confirmation)
{
	char id[32];
	int ok;

	pthread_mutex_lock(&s->lock);
	ok = t->action == action &&
	     (confirmation ? t->state == ACT_WAIT_CONFIRM
			   : (t->state == ACT_OPEN || t->state == ACT_CLOSED));
	pthread_mutex_unlock(&s->lock);
	if (!ok || !s->bundle)
		return send_status(c, 404);
	snprintf(id, sizeof(id), "%ld", action);
	return send_json(c, 200,
			 json_pack("{s:s, s:o}", "id", id,
				   confirmation ? "confirmation" : "deployment",
				   deployment_json(s, t)));
}

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *st = cls;
	size_t n;

	(void)pos;
	if (st->stop_at && st->sent >= st->stop_at)
		return MHD_CONTENT_READER_END_WITH_ERROR; /* the cut: the client sees a short body */
	if (st->stop_at && st->sent + max > st->stop_at)
		max = (size_t)(st->stop_at - st->sent);
	n = fread(buf, 1, max, st->f);
	if (n == 0 && st->overlong && st->sent < (uint64_t)1 << 30) {
		memset(buf, 'x', max); /* a server that streams on and on */
		n = max;
	}
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

static enum MHD_Result artifact(struct sim *s, struct MHD_Connection *c, struct target *t,
				const char *path, const char *name)
{
	const char *range = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Range");
	const char *own = strrchr(s->bundle, '/') ? strrchr(s->bundle, '/') + 1 : s->bundle;
	unsigned long long start = 0;
	struct stream *st;
	struct MHD_Response *r;
	enum MHD_Result ret;
	char crange[96];
	unsigned status = 200;

	if (range && sscanf(range, "bytes=%llu-", &start) == 1 && start > 0) {
		if ((int64_t)start >= s->bundle_size)
			return send_status(c, 416);
		status = 206;
	}
	logf_(s, "GET %s range=%llu", path, start);
	if (strcmp(name, own))
		return send_status(c, 404);
	if (s->artifact_status)
		return send_status(c, (unsigned)s->artifact_status);
	st = calloc(1, sizeof(*st));
	st->f = fopen(s->bundle, "rb");
	if (!st->f || fseeko(st->f, (off_t)start, SEEK_SET) != 0) {
		free(st);
		return send_status(c, 500);
	}
	st->overlong = s->overlong;
	pthread_mutex_lock(&s->lock);
	if (s->cut_first && !t->cut_done) {
		st->stop_at = (uint64_t)(s->bundle_size - (int64_t)start) / 2;
		t->cut_done = 1;
	}
	pthread_mutex_unlock(&s->lock);
	r = MHD_create_response_from_callback(
	    s->overlong ? MHD_SIZE_UNKNOWN : (uint64_t)(s->bundle_size - (int64_t)start), 65536,
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

static int one_of(const char *v, const char *const *list)
{
	for (; v && *list; list++)
		if (!strcmp(v, *list))
			return 1;
	return 0;
}

/* hawkBit's DdiActionFeedback: status is required, with an execution and a result.finished
 * from its lists; anything else is 400. */
static json_t *parse_feedback(struct req *q, const char **exec, const char **fin)
{
	static const char *const execs[] = {"closed",   "proceeding", "canceled", "scheduled",
					    "rejected", "resumed",    "downloaded", "download",
					    NULL};
	static const char *const fins[] = {"success", "failure", "none", NULL};
	json_t *doc = json_loadb(q->body ? q->body : "", q->len, 0, NULL);
	json_t *status = json_object_get(doc, "status");
	json_t *details = json_object_get(status, "details");

	*exec = json_string_value(json_object_get(status, "execution"));
	*fin = json_string_value(json_object_get(json_object_get(status, "result"), "finished"));
	if (!one_of(*exec, execs) || !one_of(*fin, fins) ||
	    (details && !json_is_array(details))) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

static enum MHD_Result action_feedback(struct sim *s, struct MHD_Connection *c, struct target *t,
				       long action, struct req *q)
{
	const char *exec, *fin;
	json_t *doc;
	enum action_state state;
	unsigned code = 200;

	logf_(s, "FEEDBACK %ld %s", action, q->body ? q->body : "");
	pthread_mutex_lock(&s->lock);
	state = t->action == action ? t->state : ACT_NONE;
	pthread_mutex_unlock(&s->lock);
	if (state == ACT_NONE || state == ACT_WAIT_CONFIRM)
		return send_status(c, 404);
	if (state == ACT_CLOSED) {
		logf_(s, "GONE %ld", action);
		return send_status(c, 410);
	}
	doc = parse_feedback(q, &exec, &fin);
	if (!doc)
		return send_status(c, 400);
	pthread_mutex_lock(&s->lock);
	if (!strcmp(exec, "closed") ||
	    (!strcmp(exec, "downloaded") && s->download_only && !s->window)) {
		t->state = ACT_CLOSED;
		pthread_mutex_unlock(&s->lock);
		logf_(s, "CLOSED %ld %s", action, !strcmp(exec, "closed") ? fin : "downloaded");
	} else {
		/* proceeding, rejected (a warning: the action stays open), downloaded... */
		pthread_mutex_unlock(&s->lock);
	}
	json_decref(doc);
	return send_status(c, code);
}

static enum MHD_Result cancel_action(struct sim *s, struct MHD_Connection *c, struct target *t,
				     long action)
{
	char id[32];
	int ok;

	pthread_mutex_lock(&s->lock);
	ok = t->action == action && t->state == ACT_CANCELING;
	pthread_mutex_unlock(&s->lock);
	if (!ok)
		return send_status(c, 404);
	snprintf(id, sizeof(id), "%ld", action);
	return send_json(c, 200, json_pack("{s:s, s:{s:s}}", "id", id, "cancelAction", "stopId", id));
}

static enum MHD_Result cancel_feedback(struct sim *s, struct MHD_Connection *c, struct target *t,
				       long action, struct req *q)
{
	const char *exec, *fin;
	json_t *doc;

	logf_(s, "CANCEL %ld %s", action, q->body ? q->body : "");
	if (t->action != action)
		return send_status(c, 404);
	doc = parse_feedback(q, &exec, &fin);
	if (!doc)
		return send_status(c, 400);
	pthread_mutex_lock(&s->lock);
	if (t->state == ACT_CANCELING && !strcmp(exec, "closed") && !strcmp(fin, "success")) {
		t->state = ACT_CLOSED;
		pthread_mutex_unlock(&s->lock);
		logf_(s, "CANCELED %ld", action);
	} else if (t->state == ACT_CANCELING && !strcmp(exec, "rejected")) {
		t->state = ACT_OPEN; /* hawkBit: the cancel was rejected, the action runs on */
		pthread_mutex_unlock(&s->lock);
		logf_(s, "CANCEL-REJECTED %ld", action);
	} else {
		pthread_mutex_unlock(&s->lock);
	}
	json_decref(doc);
	return send_status(c, 200);
}

static enum MHD_Result confirmation_feedback(struct sim *s, struct MHD_Connection *c,
					     struct target *t, long action, struct req *q)
{
	json_t *doc = json_loadb(q->body ? q->body : "", q->len, 0, NULL);
	const char *v = json_string_value(json_object_get(doc, "confirmation"));
	static const char *const vals[] = {"confirmed", "denied", NULL};
	unsigned code = 200;

	logf_(s, "CONFIRM %ld %s", action, q->body ? q->body : "");
	pthread_mutex_lock(&s->lock);
	if (!one_of(v, vals))
		code = 400;
	else if (t->action != action)
		code = 404;
	else if (t->state == ACT_CLOSED)
		code = 410;
	else if (t->state != ACT_WAIT_CONFIRM)
		code = 404;
	else if (!strcmp(v, "confirmed"))
		t->state = ACT_OPEN;
	pthread_mutex_unlock(&s->lock);
	json_decref(doc);
	return send_status(c, code);
}

static enum MHD_Result config_data(struct sim *s, struct MHD_Connection *c, struct target *t,
				   struct req *q)
{
	static const char *const modes[] = {"merge", "replace", "remove", NULL};
	json_t *doc = json_loadb(q->body ? q->body : "", q->len, 0, NULL);
	json_t *data = json_object_get(doc, "data"), *v;
	json_t *mode = json_object_get(doc, "mode");
	const char *k;
	int ok = json_is_object(data) && json_object_size(data) > 0 &&
		 (!mode || one_of(json_string_value(mode), modes));

	json_object_foreach(data, k, v) ok = ok && json_is_string(v);
	logf_(s, "ATTRIBUTES %s %s", t->id, q->body ? q->body : "");
	if (ok) {
		pthread_mutex_lock(&s->lock);
		t->attributes_wanted = 0;
		pthread_mutex_unlock(&s->lock);
	}
	json_decref(doc);
	return send_status(c, ok ? 200 : 400);
}

static enum MHD_Result admin(struct sim *s, struct MHD_Connection *c, const char *what)
{
	const char *arg = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "state");
	const char *type = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "type");
	static const char *const types[] = {"forced", "attempt", "skip", NULL};

	logf_(s, "ADMIN %s", what);
	pthread_mutex_lock(&s->lock);
	for (int i = 0; i < s->ntargets; i++) {
		struct target *t = &s->targets[i];
		if (!strcmp(what, "assign") && s->bundle)
			assign(s, t);
		else if (!strcmp(what, "cancel") &&
			 (t->state == ACT_OPEN || t->state == ACT_WAIT_CONFIRM))
			t->state = ACT_CANCELING;
		else if (!strcmp(what, "quit") && t->state != ACT_NONE)
			t->state = ACT_CLOSED;
		else if (!strcmp(what, "confirm") && t->state == ACT_WAIT_CONFIRM)
			t->state = ACT_OPEN;
	}
	if (!strcmp(what, "window") && arg)
		s->window = !strcmp(arg, "available")	  ? "available"
			    : !strcmp(arg, "unavailable") ? "unavailable"
							  : NULL;
	if (!strcmp(what, "update") && one_of(type, types))
		s->update = !strcmp(type, "forced") ? "forced" : !strcmp(type, "attempt") ? "attempt" : "skip";
	pthread_mutex_unlock(&s->lock);
	return send_status(c, 200);
}

/* TargetToken for this target, or the tenant's GatewayToken; 0 when it may pass. */
static int authorized(struct sim *s, struct MHD_Connection *c)
{
	const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");

	if (!auth)
		return 0;
	if (s->target_token && !strncmp(auth, "TargetToken ", 12) &&
	    !strcmp(auth + 12, s->target_token))
		return 1;
	if (s->gateway_token && !strncmp(auth, "GatewayToken ", 13) &&
	    !strcmp(auth + 13, s->gateway_token))
		return 2;
	return 0;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version, const char *data,
			      size_t *data_size, void **con_cls)
{
	struct sim *s = cls;
	struct req *q = *con_cls;
	char prefix[128], id[64], name[256];
	const char *rest;
	struct target *t;
	long action;
	int auth, n = 0;

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
	if (!strncmp(url, "/admin/", 7) && !strcmp(method, "POST"))
		return admin(s, c, url + 7);
	snprintf(prefix, sizeof(prefix), "/%s/controller/v1/", s->tenant);
	if (strncmp(url, prefix, strlen(prefix)))
		return send_status(c, 404);
	rest = url + strlen(prefix);
	if (sscanf(rest, "%63[^/]%n", id, &n) != 1)
		return send_status(c, 404);
	rest += n;
	auth = authorized(s, c);
	pthread_mutex_lock(&s->lock);
	t = find_target(s, id);
	if (!t && auth == 2)
		t = add_target(s, id); /* hawkBit registers a target on a gateway's first poll */
	pthread_mutex_unlock(&s->lock);
	if (!auth || !t) {
		logf_(s, "UNAUTHORIZED %s %s", method, url);
		return send_status(c, 401);
	}
	if (strncmp(rest, "/softwaremodules/", 17) && strcmp(rest, ""))
		logf_(s, "%s %s", method, url);
	if (!strcmp(method, "GET") && !strcmp(rest, ""))
		return controller_base(s, c, t);
	if (!strcmp(method, "GET") && sscanf(rest, "/softwaremodules/1/artifacts/%255s", name) == 1 &&
	    s->bundle)
		return artifact(s, c, t, url, name);
	n = 0;
	if (sscanf(rest, "/deploymentBase/%ld%n", &action, &n) == 1 && rest[n] == '\0' &&
	    !strcmp(method, "GET"))
		return deployment(s, c, t, action, 0);
	n = 0;
	if (sscanf(rest, "/deploymentBase/%ld/feedback%n", &action, &n) == 1 && rest[n] == '\0' &&
	    !strcmp(method, "POST"))
		return action_feedback(s, c, t, action, q);
	n = 0;
	if (sscanf(rest, "/cancelAction/%ld%n", &action, &n) == 1 && rest[n] == '\0' &&
	    !strcmp(method, "GET"))
		return cancel_action(s, c, t, action);
	n = 0;
	if (sscanf(rest, "/cancelAction/%ld/feedback%n", &action, &n) == 1 && rest[n] == '\0' &&
	    !strcmp(method, "POST"))
		return cancel_feedback(s, c, t, action, q);
	n = 0;
	if (sscanf(rest, "/confirmationBase/%ld%n", &action, &n) == 1 && rest[n] == '\0' &&
	    !strcmp(method, "GET"))
		return deployment(s, c, t, action, 1);
	n = 0;
	if (sscanf(rest, "/confirmationBase/%ld/feedback%n", &action, &n) == 1 &&
	    rest[n] == '\0' && !strcmp(method, "POST"))
		return confirmation_feedback(s, c, t, action, q);
	if (!strcmp(rest, "/configData") && !strcmp(method, "PUT"))
		return config_data(s, c, t, q);
	return send_status(c, !strcmp(method, "GET") || !strcmp(method, "POST") ? 404 : 405);
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

/* The simulator leans on coreutils for the hashes: it is a test tool, not the kiosk. */
static int hash_with(const char *tool, const char *path, char *out, int width)
{
	char cmd[1200], fmt[16];
	FILE *p;
	int ok;

	snprintf(cmd, sizeof(cmd), "%s '%s'", tool, path);
	snprintf(fmt, sizeof(fmt), "%%%ds", width);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	ok = fscanf(p, fmt, out) == 1 && (int)strlen(out) == width;
	return pclose(p) == 0 && ok ? 0 : -1;
}

static int hash_bundle(struct sim *s)
{
	struct stat st;

	if (stat(s->bundle, &st) != 0)
		return -1;
	s->bundle_size = st.st_size;
	return hash_with("sha256sum", s->bundle, s->sha256, 64) ||
	       hash_with("sha1sum", s->bundle, s->sha1, 40) ||
	       hash_with("md5sum", s->bundle, s->md5, 32);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = calloc(1, (size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"port-file", required_argument, 0, 'p'},
	    {"tenant", required_argument, 0, 't'},
	    {"controller", required_argument, 0, 'c'},
	    {"fleet", required_argument, 0, 'F'},
	    {"bundle", required_argument, 0, 'b'},
	    {"action", required_argument, 0, 'a'},
	    {"cut-first", no_argument, 0, 'x'},
	    {"sleep", required_argument, 0, 's'},
	    {"log", required_argument, 0, 'l'},
	    {"target-token", required_argument, 0, 'T'},
	    {"gateway-token", required_argument, 0, 'G'},
	    {"tls-cert", required_argument, 0, 'C'},
	    {"tls-key", required_argument, 0, 'K'},
	    {"no-assign", no_argument, 0, 'n'},
	    {"update", required_argument, 0, 'u'},
	    {"download", required_argument, 0, 'd'},
	    {"download-only", no_argument, 0, 'D'},
	    {"window", required_argument, 0, 'w'},
	    {"confirm", no_argument, 0, 'f'},
	    {"attributes", no_argument, 0, 'A'},
	    {"artifact-status", required_argument, 0, 'S'},
	    {"overlong", no_argument, 0, 'o'},
	    {"extra-bundle", no_argument, 0, 'E'},
	    {"link-origin", required_argument, 0, 'L'},
	    {0, 0, 0, 0},
	};
	static struct sim s = {.tenant = "DEFAULT",
			       .sleep = "00:00:05",
			       .update = "forced",
			       .download = "forced",
			       .next_action = 1};
	const char *port_file = NULL, *cert = NULL, *key = NULL;
	char *cert_pem = NULL, *key_pem = NULL;
	struct sockaddr_in addr;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	int c, no_assign = 0, fleet = 0;

	pthread_mutex_init(&s.lock, NULL);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p': port_file = optarg; break;
		case 't': s.tenant = optarg; break;
		case 'c': add_target(&s, optarg); break;
		case 'F': fleet = atoi(optarg); break;
		case 'b': s.bundle = optarg; break;
		case 'a': s.next_action = atol(optarg); break;
		case 'x': s.cut_first = 1; break;
		case 's': s.sleep = optarg; break;
		case 'l': s.log = fopen(optarg, "a"); break;
		case 'T': s.target_token = optarg; break;
		case 'G': s.gateway_token = optarg; break;
		case 'C': cert = optarg; break;
		case 'K': key = optarg; break;
		case 'n': no_assign = 1; break;
		case 'u': s.update = optarg; break;
		case 'd': s.download = optarg; break;
		case 'D': s.download_only = 1; break;
		case 'w': s.window = optarg; break;
		case 'f': s.confirm = 1; break;
		case 'A': s.attributes = 1; break;
		case 'S': s.artifact_status = atoi(optarg); break;
		case 'o': s.overlong = 1; break;
		case 'E': s.extra_bundle = 1; break;
		case 'L': s.link_origin = optarg; break;
		default: fprintf(stderr, "ddi-sim: see the top of ddi-sim.c for usage\n"); return 2;
		}
	}
	if (!s.target_token && !s.gateway_token) {
		fprintf(stderr, "ddi-sim: hawkBit needs a token: --target-token or --gateway-token\n");
		return 2;
	}
	for (int i = 1; i <= fleet; i++) {
		char id[32];
		snprintf(id, sizeof(id), "kiosk-%03d", i);
		add_target(&s, id);
	}
	if (s.ntargets == 0)
		add_target(&s, "kiosk-1");
	for (int i = 0; i < s.ntargets; i++)
		s.targets[i].attributes_wanted = s.attributes;
	if (s.bundle && hash_bundle(&s)) {
		fprintf(stderr, "ddi-sim: cannot read %s\n", s.bundle);
		return 1;
	}
	for (int i = 0; s.bundle && !no_assign && i < s.ntargets; i++)
		assign(&s, &s.targets[i]);
	if (cert || key) {
		cert_pem = cert ? slurp(cert) : NULL;
		key_pem = key ? slurp(key) : NULL;
		if (!cert_pem || !key_pem) {
			fprintf(stderr, "ddi-sim: cannot read the TLS certificate and key\n");
			return 1;
		}
		s.tls = 1;
	}
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGPIPE, SIG_IGN);
	if (s.tls)
		d = MHD_start_daemon(MHD_USE_TLS | MHD_USE_INTERNAL_POLLING_THREAD |
					 MHD_USE_THREAD_PER_CONNECTION,
				     0, NULL, NULL, handle, &s, MHD_OPTION_SOCK_ADDR, &addr,
				     MHD_OPTION_HTTPS_MEM_CERT, cert_pem, MHD_OPTION_HTTPS_MEM_KEY,
				     key_pem, MHD_OPTION_NOTIFY_COMPLETED, completed, &s,
				     MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, MHD_OPTION_END);
	else
		d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION,
				     0, NULL, NULL, handle, &s, MHD_OPTION_SOCK_ADDR, &addr,
				     MHD_OPTION_NOTIFY_COMPLETED, completed, &s,
				     MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, MHD_OPTION_END);
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
	fprintf(stderr, "ddi-sim: listening on 127.0.0.1:%u (%s)\n", s.port, s.tls ? "https" : "http");
	while (!stop)
		pause();
	MHD_stop_daemon(d);
	if (s.log)
		fclose(s.log);
	free(cert_pem);
	free(key_pem);
	return 0;
}
