/* The settings in force on the UI thread: a new snapshot (from kioskctl or the portal) is put in
 * force here, the core gets its share, and the remote configuration kept on disk is read at
 * start. Only the UI thread writes a->cfg; the other threads have a->boot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/a11y/speech.h"
#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/log.h"
#include "app/fleet/rconf.h"
#include "app/runtime/app.h"

/* The core's share of the settings in force (timeouts, languages, fee, maximum payment), the
 * timeouts doubled while speech is on. In a session only the timeouts change at once (the
 * resident asked for speech, or staff for more time); the rest waits for the session's end. */
void settings_apply_core(struct app *a)
{
	struct core_config ccfg = a->core.cfg;

	rconf_core_config(&a->cfg, &ccfg);
	if (a->speech) {
		ccfg.idle_ms *= 2;
		ccfg.warning_ms *= 2;
	}
	a->core_stale = !core_set_config(&a->core, &ccfg, clock_mono_ms());
	if (a->core_stale) {
		a->core.cfg.idle_ms = ccfg.idle_ms;
		a->core.cfg.warning_ms = ccfg.warning_ms;
	}
	a->dirty = true;
}

/* Puts a new snapshot of the settings in force: its live keys (CONFIG_LIVE) replace ours and
 * take effect; the rest of next is ignored. Returns when it takes effect, for kioskctl. */
const char *settings_apply(struct app *a, const struct kiosk_config *next)
{
	bool voice =
	    a->cfg.speech_volume != next->speech_volume || a->cfg.speech_rate != next->speech_rate;
	bool speech = strcmp(a->cfg.speech, next->speech) != 0;
	bool look = a->cfg.high_contrast != next->high_contrast ||
		    a->cfg.large_text != next->large_text || strcmp(a->cfg.look, next->look) != 0;

	config_copy(&a->cfg, next, CONFIG_LIVE);
	heartbeat_set_interval(a->hb, a->cfg.heartbeat_s);
	ulink_set_window(&a->link, a->cfg.update_window);
	if (voice)
		speech_set_voice(a->speech, a->cfg.speech_volume, a->cfg.speech_rate);
	if (speech)
		a->speech_default = access_speech_wanted(&a->cfg);
	settings_apply_core(a);
	/* A new look or speech for sessions: now when nobody is using the kiosk (and only then:
	 * other changes leave what someone at the welcome screen chose alone). */
	if ((look || speech) && !core_in_session(&a->core))
		access_restore_defaults(a);
	return a->core_stale ? "when the current session ends" : "now";
}

/* The last good remote configuration, between kiosk.conf and the command line. */
void settings_load_remote(struct app *a)
{
	struct kiosk_config cfg = a->local;
	char err[256];
	int rc;

	/* The data directory is where the command line or the file put it. */
	snprintf(cfg.data_dir, sizeof(cfg.data_dir), "%s", a->cfg.data_dir);
	rc = rconf_load(a->cfg.data_dir, &cfg, &a->rconf_version, err, sizeof(err));
	if (rc == KIOSK_ENOTFOUND)
		return;
	if (rc) {
		/* Firmware with tighter bounds than the one that took it: local settings rule. */
		log_error("fleet", "kept remote configuration not used: %s", err);
		a->rconf_version = 0;
		return;
	}
	cli_reapply(&a->cli, &cfg);
	config_copy(&a->cfg, &cfg, CONFIG_PORTAL);
	log_info("fleet", "remote configuration %ld in force", a->rconf_version);
}

/* A checked remote configuration, applied only between sessions; if it does not apply, the
 * one in force stays (and stays on disk). */
void settings_apply_pending(struct app *a)
{
	struct heartbeat_order *o = &a->pending_cfg;
	struct kiosk_config next;
	char err[256];
	long version = 0;

	if (!o->config || core_in_session(&a->core))
		return;
	if (rconf_parse(o->config, strlen(o->config), &a->local, &next, &version, err,
			sizeof(err)) ||
	    version != o->version) {
		log_error("fleet", "configuration %ld did not apply, keeping %ld: %s", o->version,
			  a->rconf_version, err);
		heartbeat_config_result(a->hb, o->version, o->config, err);
	} else {
		cli_reapply(&a->cli, &next);
		/* What the portal may set and the running kiosk applies; receipt lines are
		 * kept for the next start. */
		struct kiosk_config in_force = a->cfg;
		config_copy(&in_force, &next, CONFIG_PORTAL | CONFIG_LIVE);
		settings_apply(a, &in_force);
		a->rconf_version = version;
		log_info("fleet", "configuration %ld in force (idle timeout %d s)", version,
			 a->cfg.idle_timeout_s);
		heartbeat_config_result(a->hb, version, o->config, NULL);
	}
	o->config = NULL;
}
