/* The heartbeat thread: report, read the answer, fetch and check configuration, upload logs. */
#include "app/fleet/heartbeat.h"

#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/inbox.h"
#include "app/common/log.h"
#include "app/fleet/rconf.h"
#include "app/portal/fleet.h"
#include "app/store/outbox.h"
#include "app/store/staff_pin.h"

#define MAX_LOG_LINES LOG_RING_LINES

struct heartbeat {
	struct heartbeat_config cfg;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond; /* CLOCK_MONOTONIC: stop, or a configuration result to report */
	bool stopping;
	int interval_s;
	struct timespec started;
	struct outbox *outbox; /* the heartbeat thread's own connection, for the depth only */
	/* Our own copy: the caller's path may live on its stack, and the thread opens it after
	 * heartbeat_start has returned (a dangling path made sqlite files with garbage names). */
	char outbox_path[1024];

	/* under lock */
	struct heartbeat_state state;
	char *applied_doc; /* to keep on disk, from heartbeat_config_result */
	long applied_version;
	long config_version; /* in force */
	long rejected_version;
	char rejected_reason[200];
	long fetched_version; /* handed to the UI thread, waiting to be applied */
	bool oos_told;	      /* what the last order said */
	bool oos_known;
	bool revoked; /* told once: the portal refuses our certificate from now on */
};

static const char *printer_name(enum core_printer p)
{
	switch (p) {
	case CORE_PRINTER_OK: return "ok";
	case CORE_PRINTER_PAPER_OUT: return "paper_out";
	case CORE_PRINTER_COVER_OPEN: return "cover_open";
	default: return "offline";
	}
}

/* The slot the running binary came from: the update agent installs into slot-a or slot-b. */
static const char *running_slot(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return "none";
	exe[n] = '\0';
	if (strstr(exe, "/slot-a/"))
		return "a";
	if (strstr(exe, "/slot-b/"))
		return "b";
	return "none";
}

/* An order for the UI thread, through its inbox. */
static void push_order(struct heartbeat *hb, const struct heartbeat_order *o)
{
	struct heartbeat_order *copy = malloc(sizeof(*copy));

	if (copy)
		*copy = *o;
	if (!copy || inbox_post(hb->cfg.inbox, INBOX_ORDER, copy)) {
		free(o->config);
		free(copy);
		return; /* the next beat asks again */
	}
}

static json_t *build_report(struct heartbeat *hb)
{
	struct outbox_stats ob = {0};
	struct timespec now;
	char last_error[320];
	json_t *r;

	if (hb->outbox && outbox_get_stats(hb->outbox, &ob))
		ob.pending = -1; /* unknown: the outbox could not be read */
	clock_gettime(CLOCK_MONOTONIC, &now);
	log_last_error(last_error, sizeof(last_error));
	pthread_mutex_lock(&hb->lock);
	r = json_pack("{s:s, s:s, s:s, s:I, s:{s:s, s:s, s:s, s:s}, s:I, s:I, s:s, s:b, s:b, s:s, "
		      "s:{s:I, s:I, s:s}}",
		      "kiosk_id", hb->cfg.portal.kiosk_id ? hb->cfg.portal.kiosk_id : "", "version",
		      hb->cfg.version, "slot", running_slot(), "uptime_s",
		      (json_int_t)(now.tv_sec - hb->started.tv_sec), "devices", "printer",
		      printer_name(hb->state.printer), "reader",
		      /* TODO(usb): the USB side has no reader presence yet; sim is always there. */
		      strcmp(hb->cfg.devices, "sim") ? "unknown" : "ready", "bill_validator",
		      core_cash_problem_name(hb->state.cash), "payment_terminal",
		      core_terminal_name(hb->state.terminal), "outbox_depth",
		      (json_int_t)ob.pending, "outbox_dead", (json_int_t)ob.dead, "last_error",
		      last_error, "session_active", hb->state.session_active, "out_of_service",
		      hb->state.out_of_service, "screen", hb->state.screen, "config", "version",
		      (json_int_t)hb->config_version, "rejected_version",
		      (json_int_t)hb->rejected_version, "rejected_reason", hb->rejected_reason);
	pthread_mutex_unlock(&hb->lock);
	return r;
}

/* A configuration version the portal wants: fetched and checked here, applied by the UI. */
static void take_config(struct heartbeat *hb, struct portal *p, long want)
{
	struct heartbeat_order o = {.type = HEARTBEAT_CONFIG, .version = want};
	struct kiosk_config tmp;
	char err[200];
	char *doc = NULL;
	long got = 0;
	int rc;

	pthread_mutex_lock(&hb->lock);
	bool skip = want == hb->config_version || want == hb->rejected_version ||
		    want == hb->fetched_version;
	pthread_mutex_unlock(&hb->lock);
	if (skip)
		return;
	rc = portal_get_config(p, want, &doc);
	if (rc) {
		log_warn("heartbeat", "cannot fetch configuration %ld: %s", want,
			 kiosk_strerror(rc));
		return; /* the next beat tries again */
	}
	rc = rconf_parse(doc, strlen(doc), &hb->cfg.local, &tmp, &got, err, sizeof(err));
	if (!rc && got != want) {
		snprintf(err, sizeof(err), "asked for version %ld, got %ld", want, got);
		rc = KIOSK_EINVAL;
	}
	pthread_mutex_lock(&hb->lock);
	if (rc) {
		log_error("heartbeat", "configuration %ld refused, keeping %ld: %s", want,
			  hb->config_version, err);
		hb->rejected_version = want;
		snprintf(hb->rejected_reason, sizeof(hb->rejected_reason), "%s", err);
		free(doc);
	} else {
		log_info("heartbeat", "configuration %ld checked; applied between sessions", want);
		hb->fetched_version = want;
		o.config = doc;
		push_order(hb, &o);
	}
	pthread_mutex_unlock(&hb->lock);
}

/* The portal's unlock of a staff PIN lock (after the third lockout only the portal lifts it):
 * written straight into the worker's store (app/store/staff_pin.h, its own connection), which
 * the worker consults at the next PIN, so no order needs to go through the UI thread. */
static void unlock_staff_pin(struct heartbeat *hb)
{
	char path[512];
	struct staff_pin *g = NULL;
	int rc = KIOSK_EINVAL;

	if (snprintf(path, sizeof(path), "%s/audit.sqlite", hb->cfg.data_dir) < (int)sizeof(path))
		rc = staff_pin_open(path, &g);
	if (rc == 0)
		rc = staff_pin_unlock(g);
	staff_pin_close(g);
	if (rc)
		log_error("heartbeat", "portal: cannot unlock service mode: %s",
			  kiosk_strerror(rc));
	else
		log_warn("heartbeat", "portal: service mode unlocked (staff PIN tries reset)");
}

static void read_answer(struct heartbeat *hb, struct portal *p, json_t *answer)
{
	json_t *oos = json_object_get(answer, "out_of_service");
	json_t *ver = json_object_get(answer, "config_version");
	json_t *logs = json_object_get(answer, "upload_logs");

	if (json_is_object(oos) && json_is_boolean(json_object_get(oos, "on"))) {
		struct heartbeat_order o = {.type = HEARTBEAT_OUT_OF_SERVICE};
		const char *reason = json_string_value(json_object_get(oos, "reason"));
		bool notify = false;

		o.on = json_is_true(json_object_get(oos, "on"));
		snprintf(o.reason, sizeof(o.reason), "%s", reason ? reason : "");
		pthread_mutex_lock(&hb->lock);
		if (!hb->oos_known || hb->oos_told != o.on) {
			hb->oos_known = true;
			hb->oos_told = o.on;
			push_order(hb, &o);
			notify = true;
		}
		pthread_mutex_unlock(&hb->lock);
		if (notify)
			log_info("heartbeat", "portal: out of service %s (%s)", o.on ? "on" : "off",
				 o.reason);
	}
	if (json_is_integer(ver) && json_integer_value(ver) > 0)
		take_config(hb, p, (long)json_integer_value(ver));
	if (json_is_true(json_object_get(answer, "unlock_service_pin")))
		unlock_staff_pin(hb);
	if (json_is_integer(logs) && json_integer_value(logs) > 0) {
		int want =
		    (int)(json_integer_value(logs) > MAX_LOG_LINES ? MAX_LOG_LINES
								   : json_integer_value(logs));
		size_t n = (size_t)MAX_LOG_LINES * 330;
		char *buf = malloc(n);
		if (buf) {
			int got = log_recent(want, buf, n);
			int rc = portal_upload_logs(p, buf, got);
			if (rc)
				log_warn("heartbeat", "log upload failed: %s", kiosk_strerror(rc));
			free(buf);
		}
	}
}

/* The portal refused the beat because it revoked our certificate: the UI thread takes the
 * kiosk out of service (once; every later beat is refused the same way). */
static void take_revocation(struct heartbeat *hb)
{
	struct heartbeat_order o = {.type = HEARTBEAT_OUT_OF_SERVICE, .on = true, .revoked = true};
	bool notify = false;

	snprintf(o.reason, sizeof(o.reason), "certificate revoked");
	pthread_mutex_lock(&hb->lock);
	if (!hb->revoked) {
		hb->revoked = true;
		push_order(hb, &o);
		notify = true;
	}
	pthread_mutex_unlock(&hb->lock);
	if (notify)
		log_error("heartbeat", "portal: this kiosk's certificate is revoked");
}

/* Keeps an applied configuration on disk: here, because the UI thread never waits on fsync. */
static void keep_applied(struct heartbeat *hb)
{
	char *doc;
	long version;

	pthread_mutex_lock(&hb->lock);
	doc = hb->applied_doc;
	version = hb->applied_version;
	hb->applied_doc = NULL;
	pthread_mutex_unlock(&hb->lock);
	if (!doc)
		return;
	if (rconf_save(hb->cfg.data_dir, doc, strlen(doc)) == 0)
		log_info("heartbeat", "configuration %ld in force and kept", version);
	free(doc);
}

static void *run(void *arg)
{
	struct heartbeat *hb = arg;
	struct portal *p = NULL;
	int rc;

	if (hb->cfg.outbox_path && hb->cfg.outbox_path[0] &&
	    outbox_open(hb->cfg.outbox_path, 1000, &hb->outbox))
		log_warn("heartbeat", "cannot read the outbox: its depth is reported as -1");
	rc = portal_open(&hb->cfg.portal, &p);
	if (rc) {
		outbox_close(hb->outbox);
		log_error("heartbeat", "cannot set up the portal client: %s", kiosk_strerror(rc));
		return NULL;
	}
	pthread_mutex_lock(&hb->lock);
	while (!hb->stopping) {
		json_t *answer = NULL, *report;

		pthread_mutex_unlock(&hb->lock);
		keep_applied(hb);
		report = build_report(hb);
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = report ? portal_heartbeat(p, report, &answer) : KIOSK_ENOMEM;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (report && hb->cfg.portal_seen)
			hb->cfg.portal_seen(hb->cfg.portal_seen_ctx, rc == 0,
					    (int)((t1.tv_sec - t0.tv_sec) * 1000 +
						  (t1.tv_nsec - t0.tv_nsec) / 1000000));
		if (rc == 0)
			read_answer(hb, p, answer);
		else if (!strcmp(portal_last_error(p), "certificate_revoked"))
			take_revocation(hb);
		else
			log_warn("heartbeat", "portal did not take the heartbeat: %s",
				 kiosk_strerror(rc));
		json_decref(answer);

		struct timespec due;
		clock_gettime(CLOCK_MONOTONIC, &due);
		pthread_mutex_lock(&hb->lock);
		due.tv_sec += hb->interval_s;
		/* Woken early only to stop or to report a configuration result promptly. */
		while (!hb->stopping && !hb->applied_doc &&
		       pthread_cond_timedwait(&hb->cond, &hb->lock, &due) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&hb->lock);
	keep_applied(hb);
	portal_close(p);
	outbox_close(hb->outbox);
	return NULL;
}

int heartbeat_start(const struct heartbeat_config *cfg, struct heartbeat **out)
{
	struct heartbeat *hb;
	pthread_condattr_t ca;

	*out = NULL;
	if (cfg->interval_s <= 0)
		return 0;
	hb = calloc(1, sizeof(*hb));
	if (!hb)
		return KIOSK_ENOMEM;
	hb->cfg = *cfg;
	if (cfg->outbox_path) {
		snprintf(hb->outbox_path, sizeof(hb->outbox_path), "%s", cfg->outbox_path);
		hb->cfg.outbox_path = hb->outbox_path;
	}
	hb->interval_s = cfg->interval_s;
	hb->config_version = cfg->config_version;
	snprintf(hb->state.screen, sizeof(hb->state.screen), "welcome");
	clock_gettime(CLOCK_MONOTONIC, &hb->started);
	pthread_mutex_init(&hb->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&hb->cond, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&hb->thread, NULL, run, hb) != 0) {
		pthread_cond_destroy(&hb->cond);
		pthread_mutex_destroy(&hb->lock);
		free(hb);
		return KIOSK_ENOMEM;
	}
	*out = hb;
	return 0;
}

void heartbeat_stop(struct heartbeat *hb)
{
	if (!hb)
		return;
	pthread_mutex_lock(&hb->lock);
	hb->stopping = true;
	pthread_cond_signal(&hb->cond);
	pthread_mutex_unlock(&hb->lock);
	pthread_join(hb->thread, NULL);
	free(hb->applied_doc);
	pthread_cond_destroy(&hb->cond);
	pthread_mutex_destroy(&hb->lock);
	free(hb);
}

void heartbeat_set_state(struct heartbeat *hb, const struct heartbeat_state *st)
{
	if (!hb)
		return;
	pthread_mutex_lock(&hb->lock);
	hb->state = *st;
	pthread_mutex_unlock(&hb->lock);
}

void heartbeat_set_interval(struct heartbeat *hb, int interval_s)
{
	if (!hb || interval_s <= 0)
		return; /* turning it off takes a restart: the portal should hear that last */
	pthread_mutex_lock(&hb->lock);
	hb->interval_s = interval_s;
	pthread_mutex_unlock(&hb->lock);
}

void heartbeat_config_result(struct heartbeat *hb, long version, char *doc, const char *error)
{
	if (!hb) {
		free(doc);
		return;
	}
	pthread_mutex_lock(&hb->lock);
	hb->fetched_version = 0;
	if (error) {
		hb->rejected_version = version;
		snprintf(hb->rejected_reason, sizeof(hb->rejected_reason), "%s", error);
		free(doc);
	} else {
		hb->config_version = version;
		free(hb->applied_doc);
		hb->applied_doc = doc;
		hb->applied_version = version;
	}
	pthread_cond_signal(&hb->cond);
	pthread_mutex_unlock(&hb->lock);
}
