/* hawkBit DDI client: poll, fetch the deployment, download with resume, install through
 * the agent, and report progress and the final result as feedback. */
#include "app/update/ddi.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/fsutil.h"
#include "app/common/https.h"
#include "app/common/log.h"
#include "app/update/http.h"
#include "app/update/signature.h"
#include <mbedtls/sha256.h>

static struct http_config http_of(const struct ddi_config *cfg)
{
	struct http_config h = {.ca_file = cfg->ca_file, .token = cfg->token, .timeout_s = 30};

	/* Plain http only when the configured server is itself on this machine (ddi-sim in
	 * tests): never to a host a server's answer names. */
	h.allow_loopback_http =
	    strncmp(cfg->base_url, "http://", 7) == 0 &&
	    https_url_allowed(&(struct https_policy){.allow_loopback_http = true}, cfg->base_url) ==
		0;
	return h;
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

/* The steps hawkBit shows as progress: downloaded, installed, switched, confirmed. */
#define DDI_STEPS 4

/* POSTs DDI feedback; progress (1..DDI_STEPS, 0: none) goes with "proceeding". */
static int feedback(const struct ddi_config *cfg, const char *url, const char *id,
		    const char *execution, const char *finished, int progress, const char *detail)
{
	struct http_config h = http_of(cfg);
	json_t *body =
	    json_pack("{s:s, s:{s:s, s:{s:s}, s:[s]}}", "id", id, "status", "execution", execution,
		      "result", "finished", finished, "details", detail ? detail : "");
	char err[512] = "";
	int rc;

	if (!body)
		return KIOSK_ENOMEM;
	if (progress > 0)
		json_object_set_new(json_object_get(json_object_get(body, "status"), "result"),
				    "progress",
				    json_pack("{s:i, s:i}", "cnt", progress, "of", DDI_STEPS));
	rc = http_post_json(&h, url, body, err, sizeof(err));
	json_decref(body);
	if (rc)
		log_warn("update", "feedback not delivered: %s", err);
	return rc;
}

static int action_feedback(const struct ddi_config *cfg, const char *action, const char *execution,
			   const char *finished, int progress, const char *detail)
{
	char url[2048], suffix[256];

	snprintf(suffix, sizeof(suffix), "/deploymentBase/%s/feedback", action);
	controller_url(cfg, url, sizeof(url), suffix);
	return feedback(cfg, url, action, execution, finished, progress, detail);
}

/* "HH:MM:SS" into seconds, 0 if it is not that. */
static int parse_sleep(const char *s)
{
	int h, m, sec;

	if (!s || sscanf(s, "%d:%d:%d", &h, &m, &sec) != 3)
		return 0;
	return h * 3600 + m * 60 + sec;
}

static void run_on_switch(const struct ddi_config *cfg)
{
	if (cfg->on_switch && cfg->on_switch[0]) {
		int st = system(cfg->on_switch);
		if (st != 0)
			log_warn("update", "'%s' exited with %d", cfg->on_switch, st);
	}
}

/* Follows up an action installed earlier: switch when the kiosk is idle, then report the
 * outcome once the new slot confirmed or rolled back. *busy: do not take new work yet. */
static int settle(struct ddi_config *cfg, struct update_agent *ag, int *busy, char *err,
		  size_t errlen)
{
	struct update_state *st = &ag->st;
	int s = st->ddi_slot;
	char detail[256];
	int rc;

	*busy = 0;
	if (st->ddi_phase != DDI_INSTALLED)
		return 0;
	switch (st->slots[s].state) {
	case SLOT_INSTALLED:
		*busy = 1;
		rc = agent_switch(ag, err, errlen);
		if (rc == KIOSK_EBUSY)
			return 0;
		if (rc)
			return rc;
		snprintf(detail, sizeof(detail), "switched to slot %c (%s); waiting for health",
			 slot_letter(s), st->slots[s].version);
		action_feedback(cfg, st->ddi_action, "proceeding", "none", 3, detail);
		run_on_switch(cfg);
		return 0;
	case SLOT_TRYING: *busy = 1; return 0;
	case SLOT_GOOD:
		snprintf(detail, sizeof(detail), "version %s running and healthy in slot %c",
			 st->slots[s].version, slot_letter(s));
		rc = action_feedback(cfg, st->ddi_action, "closed", "success", 0, detail);
		break;
	default:
		snprintf(detail, sizeof(detail),
			 "version %s did not report healthy; rolled back to slot %c (%s)",
			 st->slots[s].version, slot_letter(st->active),
			 st->slots[st->active].version);
		rc = action_feedback(cfg, st->ddi_action, "closed", "failure", 0, detail);
		break;
	}
	if (rc) {
		/* Keep the outcome until the server has heard it. */
		*busy = 1;
		snprintf(err, errlen, "the result of action %s is not delivered yet",
			 st->ddi_action);
		return rc;
	}
	log_info("update", "action %s reported: %s", st->ddi_action, detail);
	st->ddi_phase = DDI_IDLE;
	st->ddi_action[0] = '\0';
	return agent_save(ag);
}

static int handle_cancel(struct ddi_config *cfg, struct update_agent *ag, const char *href)
{
	struct http_config h = http_of(cfg);
	json_t *doc = NULL;
	char err[512] = "", url[2048];
	const char *stop;
	int rc;

	rc = http_get_json(&h, href, &doc, err, sizeof(err));
	if (rc) {
		log_warn("update", "cancel: %s", err);
		return rc;
	}
	stop = json_string_value(json_object_get(json_object_get(doc, "cancelAction"), "stopId"));
	snprintf(url, sizeof(url), "%s/feedback", href);
	if (!stop) {
		rc = KIOSK_EPROTO;
	} else if (ag->st.ddi_phase == DDI_INSTALLED && !strcmp(ag->st.ddi_action, stop)) {
		/* Already installed and switched or about to be: the slots, not the server,
		 * decide now; say so rather than pretend. */
		rc = feedback(cfg, url, json_string_value(json_object_get(doc, "id")), "rejected",
			      "none", 0, "already installed; health check and rollback decide");
	} else {
		log_info("update", "action %s cancelled by the server", stop);
		rc = feedback(cfg, url, json_string_value(json_object_get(doc, "id")), "closed",
			      "success", 0, "cancelled before install");
	}
	json_decref(doc);
	return rc;
}

/* The first artifact of the first chunk: a kiosk deployment carries one bundle. */
static int pick_artifact(json_t *deployment, const char **url, const char **name, int64_t *size,
			 const char **sha256)
{
	json_t *chunk = json_array_get(json_object_get(deployment, "chunks"), 0);
	json_t *art = json_array_get(json_object_get(chunk, "artifacts"), 0);
	json_t *links = json_object_get(art, "_links");
	json_t *dl = json_object_get(links, "download");

	if (!dl)
		dl = json_object_get(links, "download-http");
	*url = json_string_value(json_object_get(dl, "href"));
	*name = json_string_value(json_object_get(art, "filename"));
	*size = json_is_integer(json_object_get(art, "size"))
		    ? json_integer_value(json_object_get(art, "size"))
		    : -1;
	*sha256 = json_string_value(json_object_get(json_object_get(art, "hashes"), "sha256"));
	return *url && *name ? 0 : KIOSK_EPROTO;
}

static int deploy(struct ddi_config *cfg, struct update_agent *ag, const char *href, char *err,
		  size_t errlen)
{
	struct http_config h = http_of(cfg);
	json_t *doc = NULL;
	const char *id, *url, *name, *sha;
	char path[2048], hex[65], detail[600];
	int64_t size;
	int rc;

	rc = http_get_json(&h, href, &doc, err, errlen);
	if (rc)
		return rc;
	id = json_string_value(json_object_get(doc, "id"));
	rc = KIOSK_EPROTO;
	if (!id || pick_artifact(json_object_get(doc, "deployment"), &url, &name, &size, &sha)) {
		snprintf(err, errlen, "the deployment names no artifact");
		if (id)
			action_feedback(cfg, id, "closed", "failure", 0, err);
		goto out;
	}
	/* Named by action, so a later action never resumes a different file. */
	snprintf(path, sizeof(path), "%s/downloads/action-%s.bundle", ag->root, id);
	if (strchr(id, '/')) {
		snprintf(err, errlen, "unusable action id '%s'", id);
		goto out;
	}
	log_info("update", "action %s: downloading %s (%lld bytes)", id, name, (long long)size);
	action_feedback(cfg, id, "proceeding", "none", 1, "downloading");
	rc = http_download(&h, url, path, size, err, errlen);
	if (rc) {
		/* The partial file stays: the next poll resumes it. */
		action_feedback(cfg, id, "proceeding", "none", 1,
				"download interrupted; will resume");
		goto out;
	}
	if (sha && (sig_file_sha256(path, hex) || strcmp(hex, sha))) {
		snprintf(err, errlen, "%s does not match the server's SHA-256", name);
		unlink(path);
		rc = KIOSK_ECRYPTO;
		action_feedback(cfg, id, "closed", "failure", 0, err);
		goto out;
	}
	action_feedback(cfg, id, "proceeding", "none", 2, "verifying and installing");
	rc = agent_install(ag, path, err, errlen);
	if (rc == KIOSK_EBUSY) {
		/* Another version (installed by hand) is still on trial: not this bundle's
		 * fault. Keep the download and try again at a later poll. */
		action_feedback(cfg, id, "proceeding", "none", 1, err);
		goto out;
	}
	unlink(path);
	if (rc) {
		snprintf(detail, sizeof(detail), "refused: %s", err);
		action_feedback(cfg, id, "closed", "failure", 0, detail);
		goto out;
	}
	ag->st.ddi_phase = DDI_INSTALLED;
	ag->st.ddi_slot = 1 - ag->st.active;
	snprintf(ag->st.ddi_action, sizeof(ag->st.ddi_action), "%s", id);
	rc = agent_save(ag);
	if (rc == 0) {
		int busy;
		/* Switch now if the kiosk is idle; otherwise a later poll does. */
		rc = settle(cfg, ag, &busy, err, errlen);
	}
out:
	json_decref(doc);
	return rc;
}

int ddi_poll_once(struct ddi_config *cfg, struct update_agent *ag, char *err, size_t errlen)
{
	struct http_config h = http_of(cfg);
	json_t *base = NULL, *links;
	const char *href;
	char url[2048];
	int busy = 0, rc;

	rc = settle(cfg, ag, &busy, err, errlen);
	if (rc || busy)
		return rc;
	controller_url(cfg, url, sizeof(url), "");
	rc = http_get_json(&h, url, &base, err, errlen);
	if (rc)
		return rc;
	cfg->server_sleep_s = parse_sleep(json_string_value(
	    json_object_get(json_object_get(json_object_get(base, "config"), "polling"), "sleep")));
	links = json_object_get(base, "_links");
	href = json_string_value(json_object_get(json_object_get(links, "cancelAction"), "href"));
	if (href)
		handle_cancel(cfg, ag, href);
	href = json_string_value(json_object_get(json_object_get(links, "deploymentBase"), "href"));
	if (href && !href[0])
		href = NULL;
	if (href && !json_object_get(links, "cancelAction"))
		rc = deploy(cfg, ag, href, err, errlen);
	json_decref(base);
	return rc;
}

void ddi_sleep(const struct ddi_config *cfg)
{
	int s = cfg->server_sleep_s > 0 ? cfg->server_sleep_s : cfg->interval_s;

	sleep((unsigned)(s > 0 ? s : 300));
}
