/* hawkBit DDI client: poll, confirm, identify, fetch the deployment, download with resume and
 * a size bound, install through the agent when the server and the quiet hours allow, and
 * report progress and the final result as feedback. */
#include "app/update/ddi.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/statvfs.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/fsutil.h"
#include "app/common/https.h"
#include "app/common/log.h"
#include "app/update/bundle.h"
#include "app/update/http.h"
#include "app/update/signature.h"

/* The steps hawkBit shows as progress: downloaded, installed, switched, confirmed. */
#define DDI_STEPS 4
#define DDI_MAX_BACKOFF_S 3600
/* A bundle's files are at most BUNDLE_MAX_TOTAL; the tar headers and manifest add little. */
#define DDI_MAX_ARTIFACT (BUNDLE_MAX_TOTAL + (int64_t)64 * 1024 * 1024)

/* ---- where requests may go ---- */

struct origin {
	char scheme[8];
	char host[256];
	int port;
	const char *path; /* into the URL */
};

static int parse_origin(const char *url, struct origin *o)
{
	const char *p, *host, *end;
	size_t n;

	memset(o, 0, sizeof(*o));
	if (!strncasecmp(url, "https://", 8)) {
		snprintf(o->scheme, sizeof(o->scheme), "https");
		o->port = 443;
		host = url + 8;
	} else if (!strncasecmp(url, "http://", 7)) {
		snprintf(o->scheme, sizeof(o->scheme), "http");
		o->port = 80;
		host = url + 7;
	} else {
		return KIOSK_EINVAL;
	}
	end = host + strcspn(host, "/?#");
	/* user:password@ in a URL could hide the real host from a quick look: refused. */
	if (memchr(host, '@', (size_t)(end - host)))
		return KIOSK_EINVAL;
	if (*host == '[') {
		p = memchr(host, ']', (size_t)(end - host));
		if (!p)
			return KIOSK_EINVAL;
		n = (size_t)(p + 1 - host);
		p++;
	} else {
		p = memchr(host, ':', (size_t)(end - host));
		n = (size_t)((p ? p : end) - host);
	}
	if (n == 0 || n >= sizeof(o->host))
		return KIOSK_EINVAL;
	for (size_t i = 0; i < n; i++)
		o->host[i] = (char)tolower((unsigned char)host[i]);
	if (p && p < end && *p == ':') {
		char *stop;
		long port = strtol(p + 1, &stop, 10);
		if (stop != end || port <= 0 || port > 65535)
			return KIOSK_EINVAL;
		o->port = (int)port;
	}
	o->path = end;
	return 0;
}

static void controller_url(const struct ddi_config *cfg, char *buf, size_t n, const char *suffix)
{
	size_t len = strlen(cfg->base_url);
	/* A trailing slash on the base would make "//" in every path. */
	while (len > 0 && cfg->base_url[len - 1] == '/')
		len--;
	snprintf(buf, n, "%.*s/%s/controller/v1/%s%s", (int)len, cfg->base_url, cfg->tenant,
		 cfg->controller_id, suffix);
}

/* Only the configured server, and only this controller's resources on it: a link to another
 * host, scheme or port (or another tenant's path) would carry the token there. */
static int url_allowed(const struct ddi_config *cfg, const char *url, char *err, size_t errlen)
{
	struct origin want, got;
	char prefix[2048];

	controller_url(cfg, prefix, sizeof(prefix), "");
	if (parse_origin(prefix, &want) || parse_origin(url, &got) ||
	    strcmp(want.scheme, got.scheme) || strcmp(want.host, got.host) ||
	    want.port != got.port || strncmp(got.path, want.path, strlen(want.path)) ||
	    (got.path[strlen(want.path)] != '/' && got.path[strlen(want.path)] != '\0' &&
	     got.path[strlen(want.path)] != '?') ||
	    strstr(got.path, "/../")) {
		snprintf(err, errlen,
			 "the server linked to %s, which is not this kiosk's resource on %s; not "
			 "followed (the token goes to the configured server only)",
			 url, cfg->base_url);
		return KIOSK_EINVAL;
	}
	return 0;
}

static int id_ok(const char *s)
{
	if (!s || !s[0] || strlen(s) > 63)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("-_.", *s))
			return 0;
	return 1;
}

int ddi_check_config(const struct ddi_config *cfg, char *err, size_t errlen)
{
	struct origin o;

	if (!cfg->base_url || parse_origin(cfg->base_url, &o) || (o.path[0] && o.path[0] != '/')) {
		snprintf(err, errlen, "'%s' is not an http(s) URL", cfg->base_url);
		return KIOSK_EINVAL;
	}
	if (https_url_allowed(&(struct https_policy){.allow_loopback_http = true}, cfg->base_url)) {
		snprintf(err, errlen,
			 "%s: plain http is allowed only to a server on this machine (tests); "
			 "use https",
			 cfg->base_url);
		return KIOSK_EINVAL;
	}
	if (!strcmp(o.scheme, "https") && (!cfg->ca_file || !cfg->ca_file[0])) {
		snprintf(err, errlen,
			 "%s: https needs the CA the server's certificate chains to (--ca); the "
			 "system's CAs are not trusted for updates",
			 cfg->base_url);
		return KIOSK_EINVAL;
	}
	if (!id_ok(cfg->tenant) || !id_ok(cfg->controller_id)) {
		snprintf(err, errlen, "tenant and controller id must be 1-63 of A-Z a-z 0-9 - _ .");
		return KIOSK_EINVAL;
	}
	if (!!(cfg->token && cfg->token[0]) == !!(cfg->gateway_token && cfg->gateway_token[0])) {
		snprintf(err, errlen, "give exactly one of a target token and a gateway token");
		return KIOSK_EINVAL;
	}
	return 0;
}

static struct http_config http_of(const struct ddi_config *cfg)
{
	int gw = cfg->gateway_token && cfg->gateway_token[0];
	struct http_config h = {.ca_file = cfg->ca_file,
				.auth_scheme = gw ? "GatewayToken" : "TargetToken",
				.token = gw ? cfg->gateway_token : cfg->token,
				.timeout_s = 30};

	/* Plain http only when the configured server is itself on this machine (ddi-sim in
	 * tests); url_allowed() keeps every request on that server. */
	h.allow_loopback_http =
	    strncmp(cfg->base_url, "http://", 7) == 0 &&
	    https_url_allowed(&(struct https_policy){.allow_loopback_http = true}, cfg->base_url) ==
		0;
	return h;
}

static int get_json(const struct ddi_config *cfg, const char *url, json_t **doc, long *status,
		    char *err, size_t errlen)
{
	struct http_config h = http_of(cfg);

	*doc = NULL;
	*status = 0;
	if (url_allowed(cfg, url, err, errlen))
		return KIOSK_EINVAL;
	return http_get_json(&h, url, doc, status, err, errlen);
}

static int send_json(const struct ddi_config *cfg, const char *method, const char *url,
		     json_t *body, long *status, char *err, size_t errlen)
{
	struct http_config h = http_of(cfg);

	*status = 0;
	if (url_allowed(cfg, url, err, errlen))
		return KIOSK_EINVAL;
	return http_send_json(&h, method, url, body, status, err, errlen);
}

/* ---- feedback ---- */

enum sent {
	SENT,	 /* the server took it */
	SENT_OVER, /* 404 or 410: the server has no active action by that id any more */
	SENT_NOT,  /* not delivered; try again later */
};

/* POSTs DDI feedback; progress (1..DDI_STEPS, 0: none) goes with "proceeding". */
static enum sent feedback(const struct ddi_config *cfg, const char *kind, const char *action,
			  const char *execution, const char *finished, int progress,
			  const char *detail)
{
	json_t *body = json_pack("{s:s, s:{s:s, s:{s:s}, s:[s]}}", "id", action, "status",
				 "execution", execution, "result", "finished", finished,
				 "details", detail ? detail : "");
	char err[512] = "", url[2048], suffix[256];
	long status = 0;
	int rc;

	if (!body)
		return SENT_NOT;
	if (progress > 0)
		json_object_set_new(json_object_get(json_object_get(body, "status"), "result"),
				    "progress",
				    json_pack("{s:i, s:i}", "cnt", progress, "of", DDI_STEPS));
	snprintf(suffix, sizeof(suffix), "/%s/%s/feedback", kind, action);
	controller_url(cfg, url, sizeof(url), suffix);
	rc = send_json(cfg, "POST", url, body, &status, err, sizeof(err));
	json_decref(body);
	if (rc == 0)
		return SENT;
	if (status == 404 || status == 410) {
		log_warn("update", "action %s: the server answered %ld: it is over there", action,
			 status);
		return SENT_OVER;
	}
	log_warn("update", "feedback not delivered: %s", err);
	return SENT_NOT;
}

static enum sent action_feedback(const struct ddi_config *cfg, const char *action,
				 const char *execution, const char *finished, int progress,
				 const char *detail)
{
	return feedback(cfg, "deploymentBase", action, execution, finished, progress, detail);
}

/* ---- the action in hand ---- */

static void download_path(const struct update_agent *ag, const char *action, char *buf, size_t n)
{
	snprintf(buf, n, "%s/downloads/action-%s.bundle", ag->root, action);
}

/* Deletes every download but keep's (NULL: all): a partial file never outlives its action. */
static void clean_downloads(const struct update_agent *ag, const char *keep)
{
	char dir[1100], path[2400], want[128];
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/downloads", ag->root);
	snprintf(want, sizeof(want), "action-%s.bundle", keep ? keep : "");
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || (keep && !strcmp(e->d_name, want)))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (unlink(path) == 0)
			log_info("update", "deleted %s", path);
	}
	closedir(d);
}

struct ddi_set {
	enum ddi_phase phase;
	const char *action;
	int slot;
	const char *note;
};

static void apply_set(struct update_state *st, void *ctx)
{
	const struct ddi_set *s = ctx;

	st->ddi_phase = s->phase;
	snprintf(st->ddi_action, sizeof(st->ddi_action), "%s", s->action ? s->action : "");
	if (s->slot >= 0)
		st->ddi_slot = s->slot;
	snprintf(st->ddi_note, sizeof(st->ddi_note), "%s", s->note ? s->note : "");
}

static int set_phase(struct update_agent *ag, enum ddi_phase phase, const char *action,
		     const char *note)
{
	/* Copies: action and note may point into ag->st, which the update reloads. */
	char a[sizeof(ag->st.ddi_action)], n[sizeof(ag->st.ddi_note)], err[256];
	struct ddi_set s = {phase, a, -1, n};

	snprintf(a, sizeof(a), "%s", action ? action : "");
	snprintf(n, sizeof(n), "%s", note ? note : "");
	int rc = agent_update(ag, apply_set, &s, err, sizeof(err));

	if (rc)
		log_error("update", "%s", err);
	return rc;
}

/* The action is over for the kiosk: its download goes, the state forgets it. */
static int drop_action(struct update_agent *ag, const char *why)
{
	log_info("update", "action %s: %s", ag->st.ddi_action, why);
	clean_downloads(ag, NULL);
	return set_phase(ag, DDI_IDLE, NULL, NULL);
}

/* Says a "waiting" detail once per action (the history in hawkBit stays readable). */
static void say_waiting(const struct ddi_config *cfg, struct update_agent *ag, const char *detail)
{
	if (!strcmp(ag->st.ddi_note, detail))
		return;
	log_info("update", "action %s: %s", ag->st.ddi_action, detail);
	if (action_feedback(cfg, ag->st.ddi_action, "proceeding", "none", 1, detail) == SENT)
		set_phase(ag, ag->st.ddi_phase, ag->st.ddi_action, detail);
}

/* ---- quiet hours ---- */

/* The quiet hours in force: the kiosk's own setting (kiosk.conf or remote configuration, which
 * the kiosk leaves in its marks dir), else the agent's --window. */
static void quiet_hours(const struct ddi_config *cfg, const struct update_agent *ag, char *buf,
			size_t n)
{
	char path[1200], *text = NULL;

	snprintf(buf, n, "%s", cfg->window ? cfg->window : "");
	snprintf(path, sizeof(path), "%s/%s", ag->marks, DDI_WINDOW_FILE);
	if (fs_read_file(path, 64, &text, NULL) == 0) {
		text[strcspn(text, "\r\n")] = '\0';
		if (clock_in_window(text, 0) >= 0)
			snprintf(buf, n, "%s", text);
		else
			log_warn("update", "%s holds no HH:MM-HH:MM window; ignored", path);
		free(text);
	}
}

static void run_on_switch(const struct ddi_config *cfg)
{
	if (cfg->on_switch && cfg->on_switch[0]) {
		int st = system(cfg->on_switch);
		if (st != 0)
			log_warn("update", "'%s' exited with %d", cfg->on_switch, st);
	}
}

/* Follows up an installed action: switch when allowed, then report the outcome once the new
 * slot confirmed or rolled back. */
static void settle(struct ddi_config *cfg, struct update_agent *ag)
{
	struct update_state *st = &ag->st;
	int s = st->ddi_slot;
	char detail[256], window[64], err[512] = "";
	enum sent sent;
	int rc;

	if (st->ddi_phase != DDI_INSTALLED)
		return;
	switch (st->slots[s].state) {
	case SLOT_INSTALLED:
		quiet_hours(cfg, ag, window, sizeof(window));
		if (!clock_in_window(window, -1)) {
			snprintf(detail, sizeof(detail),
				 "installed in slot %c; waiting for the kiosk's quiet hours (%s) to "
				 "switch",
				 slot_letter(s), window);
			say_waiting(cfg, ag, detail);
			return;
		}
		rc = agent_switch(ag, err, sizeof(err));
		if (rc == KIOSK_EBUSY) {
			say_waiting(cfg, ag, "installed; waiting for the resident's session to end");
			return;
		}
		if (rc) {
			log_error("update", "switch: %s", err);
			return;
		}
		snprintf(detail, sizeof(detail), "switched to slot %c (%s); waiting for health",
			 slot_letter(s), st->slots[s].version);
		action_feedback(cfg, st->ddi_action, "proceeding", "none", 3, detail);
		run_on_switch(cfg);
		return;
	case SLOT_TRYING: return;
	case SLOT_GOOD:
		snprintf(detail, sizeof(detail), "version %s running and healthy in slot %c",
			 st->slots[s].version, slot_letter(s));
		sent = action_feedback(cfg, st->ddi_action, "closed", "success", 0, detail);
		break;
	default:
		snprintf(detail, sizeof(detail),
			 "version %s did not report healthy; rolled back to slot %c (%s)",
			 st->slots[s].version, slot_letter(st->active),
			 st->slots[st->active].version);
		sent = action_feedback(cfg, st->ddi_action, "closed", "failure", 0, detail);
		break;
	}
	/* Kept until the server heard it, or said the action is over (404, 410). */
	if (sent == SENT)
		drop_action(ag, detail);
	else if (sent == SENT_OVER)
		drop_action(ag, "dropped: the server ended it");
}

/* ---- cancel ---- */

static void handle_cancel(struct ddi_config *cfg, struct update_agent *ag, const char *href)
{
	struct update_state *st = &ag->st;
	json_t *doc = NULL;
	char err[512] = "", detail[256];
	const char *stop, *id;
	long status;
	int ours, switched;

	if (get_json(cfg, href, &doc, &status, err, sizeof(err))) {
		log_warn("update", "cancel: %s", err);
		return;
	}
	id = json_string_value(json_object_get(doc, "id"));
	stop = json_string_value(json_object_get(json_object_get(doc, "cancelAction"), "stopId"));
	if (!id_ok(id) || !id_ok(stop)) {
		log_warn("update", "cancel: the server's answer names no action");
		goto out;
	}
	ours = st->ddi_phase != DDI_IDLE && !strcmp(st->ddi_action, stop);
	switched = ours && st->ddi_phase == DDI_INSTALLED &&
		   st->slots[st->ddi_slot].state != SLOT_INSTALLED;
	if (switched) {
		/* The slots, not the server, decide now; say so rather than pretend. The
		 * action stays open on the server and gets its final result later. */
		snprintf(detail, sizeof(detail),
			 "already switched to %s; the health check and rollback decide",
			 st->slots[st->ddi_slot].version);
		feedback(cfg, "cancelAction", id, "rejected", "none", 0, detail);
		goto out;
	}
	if (ours && st->ddi_phase == DDI_INSTALLED) {
		if (agent_discard_installed(ag, err, sizeof(err)))
			log_error("update", "cancel: %s", err);
		snprintf(detail, sizeof(detail),
			 "cancelled; the installed version was never switched to and is removed");
	} else if (ours) {
		snprintf(detail, sizeof(detail), "cancelled; the download is deleted");
	} else {
		snprintf(detail, sizeof(detail), "cancelled; nothing of it was on the kiosk");
	}
	/* Dropped even if the answer is lost: the server asks again and hears "nothing of it". */
	if (ours)
		drop_action(ag, detail);
	feedback(cfg, "cancelAction", id, "closed", "success", 0, detail);
	log_info("update", "action %s cancelled by the server: %s", stop, detail);
out:
	json_decref(doc);
}

/* ---- confirmation and attributes ---- */

static void note_denied(struct update_state *st, void *ctx)
{
	snprintf(st->ddi_denied, sizeof(st->ddi_denied), "%s", (const char *)ctx);
}

static void handle_confirmation(struct ddi_config *cfg, struct update_agent *ag, const char *href)
{
	json_t *doc = NULL, *body;
	char err[512] = "", url[2048], suffix[256];
	const char *id;
	long status;
	int deny = cfg->staff_confirms;

	if (get_json(cfg, href, &doc, &status, err, sizeof(err))) {
		log_warn("update", "confirmation: %s", err);
		return;
	}
	id = json_string_value(json_object_get(doc, "id"));
	if (!id_ok(id) || (deny && !strcmp(ag->st.ddi_denied, id)))
		goto out;
	body = json_pack("{s:s, s:[s]}", "confirmation", deny ? "denied" : "confirmed", "details",
			 deny ? "this kiosk does not confirm updates on its own (set so by IT); "
				"confirm the action in hawkBit"
			      : "confirmed by the kiosk's update agent");
	snprintf(suffix, sizeof(suffix), "/confirmationBase/%s/feedback", id);
	controller_url(cfg, url, sizeof(url), suffix);
	if (send_json(cfg, "POST", url, body, &status, err, sizeof(err)) == 0) {
		log_info("update", "action %s %s", id, deny ? "left for staff to confirm" : "confirmed");
		if (deny && agent_update(ag, note_denied, (void *)id, err, sizeof(err)))
			log_error("update", "%s", err);
	} else {
		log_warn("update", "confirmation: %s", err);
	}
	json_decref(body);
out:
	json_decref(doc);
}

static void last_health(const struct update_state *st, char *buf, size_t n)
{
	int other = 1 - st->active;

	if (st->trying >= 0)
		snprintf(buf, n, "on trial, start %d of %d", st->boot_attempts, st->max_attempts);
	else if (st->slots[other].state == SLOT_BAD)
		snprintf(buf, n, "healthy; %s was rolled back", st->slots[other].version);
	else
		snprintf(buf, n, "%s", slot_state_name(st->slots[st->active].state));
}

static void send_attributes(struct ddi_config *cfg, struct update_agent *ag, const char *href)
{
	struct update_state *st = &ag->st;
	char err[512] = "", health[128], hw[160] = "", *model = NULL, window[64];
	struct utsname u;
	json_t *body;
	long status;

	if (fs_read_file("/sys/class/dmi/id/product_name", 100, &model, NULL) == 0)
		model[strcspn(model, "\r\n")] = '\0';
	if (uname(&u) == 0)
		snprintf(hw, sizeof(hw), "%s%s%s", model && model[0] ? model : "",
			 model && model[0] ? ", " : "", u.machine);
	free(model);
	last_health(st, health, sizeof(health));
	quiet_hours(cfg, ag, window, sizeof(window));
	body = json_pack("{s:s, s:{s:s, s:s, s:s#, s:s, s:s, s:s}}", "mode", "merge", "data",
			 "kiosk_id", cfg->controller_id, "version",
			 st->slots[st->active].version, "slot", st->active ? "b" : "a", 1,
			 "hardware", hw[0] ? hw : "unknown", "last_health", health,
			 "update_window", window[0] ? window : "any time");
	if (send_json(cfg, "PUT", href, body, &status, err, sizeof(err)))
		log_warn("update", "attributes not delivered: %s", err);
	else
		log_info("update", "attributes sent to the server");
	json_decref(body);
}

/* ---- the deployment ---- */

struct offer {
	const char *id;
	const char *download; /* skip, attempt, forced */
	const char *update;
	const char *window; /* maintenanceWindow: NULL (none), available, unavailable */
	const char *url;
	const char *name;
	const char *sha256;
	int64_t size;
};

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && !strcmp(s + n - t, tail);
}

/* Exactly one .kbundle across every chunk and artifact, with its size and SHA-256, and a
 * link on the configured server. */
static int read_offer(const struct ddi_config *cfg, json_t *doc, struct offer *o, char *err,
		      size_t errlen)
{
	json_t *dep = json_object_get(doc, "deployment"), *chunk, *art, *pick = NULL, *links;
	size_t i, j, bundles = 0;
	const char *names[2] = {"download", "download-http"};

	memset(o, 0, sizeof(*o));
	o->id = json_string_value(json_object_get(doc, "id"));
	o->download = json_string_value(json_object_get(dep, "download"));
	o->update = json_string_value(json_object_get(dep, "update"));
	o->window = json_string_value(json_object_get(dep, "maintenanceWindow"));
	if (!id_ok(o->id) || !o->download || !o->update) {
		snprintf(err, errlen, "the deployment has no usable id, download or update field");
		return KIOSK_EPROTO;
	}
	json_array_foreach(json_object_get(dep, "chunks"), i, chunk)
	{
		json_array_foreach(json_object_get(chunk, "artifacts"), j, art)
		{
			const char *name = json_string_value(json_object_get(art, "filename"));
			if (name && ends_with(name, ".kbundle")) {
				bundles++;
				pick = art;
			} else {
				log_info("update", "action %s: artifact %s is not a kiosk bundle",
					 o->id, name ? name : "(unnamed)");
			}
		}
	}
	if (bundles != 1) {
		snprintf(err, errlen,
			 "the deployment must carry exactly one .kbundle artifact; it carries %zu "
			 "(in %zu chunks)",
			 bundles, json_array_size(json_object_get(dep, "chunks")));
		return KIOSK_EINVAL;
	}
	o->name = json_string_value(json_object_get(pick, "filename"));
	o->sha256 =
	    json_string_value(json_object_get(json_object_get(pick, "hashes"), "sha256"));
	o->size = json_is_integer(json_object_get(pick, "size"))
		      ? json_integer_value(json_object_get(pick, "size"))
		      : -1;
	if (o->size < 0 || o->size > DDI_MAX_ARTIFACT || !o->sha256) {
		snprintf(err, errlen,
			 "%s: the artifact's size (at most %lld bytes) and SHA-256 are required",
			 o->name, (long long)DDI_MAX_ARTIFACT);
		return KIOSK_EINVAL;
	}
	/* hawkBit names the https link "download" and the plain one "download-http": take
	 * whichever is on the configured server. */
	links = json_object_get(pick, "_links");
	for (i = 0; i < 2 && !o->url; i++) {
		const char *href =
		    json_string_value(json_object_get(json_object_get(links, names[i]), "href"));
		char why[256];
		if (href && url_allowed(cfg, href, why, sizeof(why)) == 0)
			o->url = href;
	}
	if (!o->url) {
		snprintf(err, errlen,
			 "%s: no download link on the configured server %s (not followed: the "
			 "token goes nowhere else)",
			 o->name, cfg->base_url);
		return KIOSK_EINVAL;
	}
	return 0;
}

static int64_t file_size_of(const char *path)
{
	FILE *f = fopen(path, "rb");
	int64_t n = -1;

	if (f && fseeko(f, 0, SEEK_END) == 0)
		n = (int64_t)ftello(f);
	if (f)
		fclose(f);
	return n < 0 ? 0 : n;
}

/* Room for the rest of the download with the reserve left over. */
static int check_space(const struct ddi_config *cfg, const char *path, int64_t need, char *err,
		       size_t errlen)
{
	char dir[1200];
	struct statvfs v;
	int64_t avail;

	snprintf(dir, sizeof(dir), "%s", path);
	*strrchr(dir, '/') = '\0';
	if (statvfs(dir, &v) != 0) {
		snprintf(err, errlen, "cannot see the free space in %s: %s", dir, strerror(errno));
		return KIOSK_EIO;
	}
	avail = (int64_t)v.f_bavail * (int64_t)v.f_frsize;
	if (need + cfg->disk_reserve > avail) {
		snprintf(err, errlen,
			 "not enough disk space: the download needs %lld bytes more, %lld are "
			 "free and %lld stay reserved for the payment journal",
			 (long long)need, (long long)avail, (long long)cfg->disk_reserve);
		return KIOSK_EIO;
	}
	return 0;
}

/* Fails the action on the server and forgets it here. */
static int fail_action(const struct ddi_config *cfg, struct update_agent *ag, const char *id,
		       const char *why)
{
	log_error("update", "action %s failed: %s", id, why);
	action_feedback(cfg, id, "closed", "failure", 0, why);
	if (!strcmp(ag->st.ddi_action, id))
		return drop_action(ag, "failed");
	clean_downloads(ag, NULL);
	return 0;
}

static int fetch(struct ddi_config *cfg, struct update_agent *ag, const struct offer *o,
		 const char *path, char *err, size_t errlen)
{
	struct http_config h = http_of(cfg);
	char detail[700], hex[65];
	long status = 0;
	int rc;

	if (ag->st.ddi_phase != DDI_DOWNLOADING || strcmp(ag->st.ddi_action, o->id)) {
		/* A new action: whatever an earlier one left goes. */
		clean_downloads(ag, o->id);
		if (set_phase(ag, DDI_DOWNLOADING, o->id, NULL))
			return KIOSK_EIO;
		log_info("update", "action %s: downloading %s (%lld bytes)", o->id, o->name,
			 (long long)o->size);
		action_feedback(cfg, o->id, "proceeding", "none", 1, "downloading");
	}
	rc = check_space(cfg, path, o->size - file_size_of(path), err, errlen);
	if (rc) {
		fail_action(cfg, ag, o->id, err);
		return rc;
	}
	rc = http_download(&h, o->url, path, o->size, &status, err, errlen);
	if (rc && http_transient(rc, status)) {
		/* The partial file stays: the next poll resumes it, after a backoff. */
		snprintf(detail, sizeof(detail), "download interrupted at %lld of %lld bytes (%s); "
			 "will resume", (long long)file_size_of(path), (long long)o->size, err);
		action_feedback(cfg, o->id, "proceeding", "none", 1, detail);
		return rc;
	}
	if (rc) {
		snprintf(detail, sizeof(detail), "download refused: %s", err);
		fail_action(cfg, ag, o->id, detail);
		return rc;
	}
	if (sig_file_sha256(path, hex) || strcmp(hex, o->sha256)) {
		snprintf(err, errlen, "%s does not match the server's SHA-256", o->name);
		fail_action(cfg, ag, o->id, err);
		return KIOSK_ECRYPTO;
	}
	return set_phase(ag, DDI_DOWNLOADED, o->id, NULL);
}

static int install(struct ddi_config *cfg, struct update_agent *ag, const struct offer *o,
		   const char *path, char *err, size_t errlen)
{
	struct ddi_set s = {DDI_INSTALLED, o->id, 0, NULL};
	char detail[700];
	int rc;

	action_feedback(cfg, o->id, "proceeding", "none", 2, "verifying and installing");
	rc = agent_install(ag, path, err, errlen);
	if (rc == KIOSK_EBUSY) {
		/* Another version (installed by hand) is still on trial: not this bundle's
		 * fault. Keep the download and try again at a later poll. */
		say_waiting(cfg, ag, err);
		return 0;
	}
	if (rc) {
		snprintf(detail, sizeof(detail), "refused: %s", err);
		fail_action(cfg, ag, o->id, detail);
		return rc;
	}
	unlink(path);
	s.slot = 1 - ag->st.active;
	rc = agent_update(ag, apply_set, &s, err, errlen);
	if (rc == 0)
		settle(cfg, ag); /* switch now if the kiosk is idle and in its quiet hours */
	return rc;
}

static int deploy(struct ddi_config *cfg, struct update_agent *ag, const char *href, char *err,
		  size_t errlen)
{
	struct update_state *st = &ag->st;
	json_t *doc = NULL;
	struct offer o;
	char path[1200], window[64], detail[256];
	long status;
	int rc;

	rc = get_json(cfg, href, &doc, &status, err, errlen);
	if (rc)
		return rc;
	rc = read_offer(cfg, doc, &o, err, errlen);
	if (rc) {
		if (id_ok(o.id))
			fail_action(cfg, ag, o.id, err);
		goto out;
	}
	if (st->ddi_phase != DDI_IDLE && strcmp(st->ddi_action, o.id)) {
		/* The server moved on (the old action was cancelled or ended there). */
		if (st->ddi_phase == DDI_INSTALLED)
			agent_discard_installed(ag, err, errlen);
		drop_action(ag, "replaced by a newer action");
	}
	if (st->ddi_phase == DDI_INSTALLED)
		goto out; /* settle() follows it */
	download_path(ag, o.id, path, sizeof(path));
	if (!strcmp(o.download, "skip")) {
		log_info("update", "action %s: the server says not to download yet", o.id);
		goto out;
	}
	if (st->ddi_phase != DDI_DOWNLOADED || strcmp(st->ddi_action, o.id)) {
		rc = fetch(cfg, ag, &o, path, err, errlen);
		if (rc)
			goto out;
	}
	/* Downloaded. The server decides when to install (update, maintenance window)... */
	if (!strcmp(o.update, "skip") && !o.window) {
		/* A download-only assignment: done once the bundle is here (hawkBit closes it). */
		action_feedback(cfg, o.id, "downloaded", "success", 0,
				"downloaded; the assignment is download-only, nothing installed");
		drop_action(ag, "download-only: done");
		goto out;
	}
	if (!strcmp(o.update, "skip") || (o.window && strcmp(o.window, "available"))) {
		say_waiting(cfg, ag, "downloaded; waiting for the maintenance window");
		goto out;
	}
	/* ...and the kiosk's own quiet hours, too. */
	quiet_hours(cfg, ag, window, sizeof(window));
	if (!clock_in_window(window, -1)) {
		snprintf(detail, sizeof(detail),
			 "downloaded; waiting for the kiosk's quiet hours (%s)", window);
		say_waiting(cfg, ag, detail);
		goto out;
	}
	rc = install(cfg, ag, &o, path, err, errlen);
out:
	json_decref(doc);
	return rc;
}

static const char *link_href(json_t *links, const char *name)
{
	const char *href = json_string_value(json_object_get(json_object_get(links, name), "href"));
	return href && href[0] ? href : NULL;
}

int ddi_poll_once(struct ddi_config *cfg, struct update_agent *ag, char *err, size_t errlen)
{
	json_t *base = NULL, *links;
	const char *href;
	char url[2048];
	long status = 0;
	int rc;

	rc = agent_refresh(ag);
	if (rc) {
		snprintf(err, errlen, "%s is damaged", ag->state_path);
		return rc;
	}
	/* What is in hand first (a result owed, a switch waiting), so the answer below is read
	 * knowing what the server has heard. */
	settle(cfg, ag);
	controller_url(cfg, url, sizeof(url), "");
	rc = get_json(cfg, url, &base, &status, err, errlen);
	if (rc) {
		if (status == 401 || status == 403)
			snprintf(err + strlen(err), errlen - strlen(err),
				 " (the %s token was refused)",
				 cfg->gateway_token ? "gateway" : "target");
		goto out;
	}
	cfg->server_sleep_s = ddi_parse_sleep(json_string_value(
	    json_object_get(json_object_get(json_object_get(base, "config"), "polling"), "sleep")));
	links = json_object_get(base, "_links");
	if ((href = link_href(links, "configData")))
		send_attributes(cfg, ag, href);
	if ((href = link_href(links, "cancelAction"))) {
		handle_cancel(cfg, ag, href);
	} else if ((href = link_href(links, "confirmationBase"))) {
		handle_confirmation(cfg, ag, href);
	} else if ((href = link_href(links, "deploymentBase"))) {
		rc = deploy(cfg, ag, href, err, errlen);
	} else if (ag->st.ddi_phase == DDI_DOWNLOADING || ag->st.ddi_phase == DDI_DOWNLOADED) {
		/* Offered no more (force-quit, or closed on the server): nothing to resume. */
		drop_action(ag, "no longer offered by the server");
	} else if (ag->st.ddi_phase == DDI_IDLE) {
		clean_downloads(ag, NULL);
	}
out:
	if (rc && http_transient(rc, status))
		cfg->failures++;
	else
		cfg->failures = 0;
	json_decref(base);
	return rc;
}

int ddi_parse_sleep(const char *s)
{
	long long part[3] = {0, 0, 0};
	int i = 0;

	if (!s)
		return 0;
	for (const char *p = s;; p++) {
		if (*p >= '0' && *p <= '9') {
			/* Digits past a day's worth only make the number bigger: stop counting. */
			if (part[i] < 100000000LL)
				part[i] = part[i] * 10 + (*p - '0');
		} else if (*p == ':' && i < 2 && p > s && p[-1] != ':') {
			i++;
		} else if (*p == '\0' && i == 2 && p[-1] != ':') {
			break;
		} else {
			return 0;
		}
	}
	if (part[1] > 59 || part[2] > 59)
		return 0;
	long long total = part[0] * 3600 + part[1] * 60 + part[2];
	return total > DDI_MAX_SLEEP_S ? DDI_MAX_SLEEP_S : total < 1 ? 1 : (int)total;
}

static double uniform(struct ddi_config *cfg)
{
	if (!cfg->rand_state)
		cfg->rand_state = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
	return (double)rand_r(&cfg->rand_state) / ((double)RAND_MAX + 1.0);
}

static int base_sleep(const struct ddi_config *cfg)
{
	return cfg->server_sleep_s > 0 ? cfg->server_sleep_s
	       : cfg->interval_s > 0   ? cfg->interval_s
				       : 300;
}

int64_t ddi_next_sleep_ms(struct ddi_config *cfg)
{
	int base = base_sleep(cfg);
	double s, r = uniform(cfg);

	if (cfg->failures > 0) {
		/* Doubling per failure up to an hour (or the poll interval, if longer), then
		 * "equal jitter": between half and all of it, so a fleet that lost the server
		 * together does not come back together. */
		int cap = base > DDI_MAX_BACKOFF_S ? base : DDI_MAX_BACKOFF_S;
		double b = base;
		for (int i = 0; i < cfg->failures && b < cap; i++)
			b *= 2;
		s = (b > cap ? cap : b) * (0.5 + 0.5 * r);
	} else {
		/* Half to one and a half times: the same average rate, and kiosks that polled
		 * together once (a server that stalled and answered them all at once) are spread
		 * over a whole interval again by their next poll. */
		s = base * (0.5 + r);
	}
	return (int64_t)(s * 1000.0);
}

int64_t ddi_first_delay_ms(struct ddi_config *cfg)
{
	int base = base_sleep(cfg);

	return (int64_t)((base < 30 ? base : 30) * 1000.0 * uniform(cfg));
}
