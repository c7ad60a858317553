/* The fleet on the UI thread: the heartbeat's orders (out of service, a new configuration, a
 * revoked certificate), what the heartbeat reports of the screen, and starting it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/log.h"
#include "app/i18n.h"
#include "app/runtime/app.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif

/* The heartbeat thread's word on the portal, for kioskctl status (a locked copy, no I/O). */
static void heartbeat_portal_seen(void *ctx, bool reachable, int rtt_ms)
{
	service_snapshot_set_portal(&((struct app *)ctx)->snap, reachable, rtt_ms);
}

/* The kiosk's certificate is expired or revoked: out of service (after any session), and it
 * stays so whatever the heartbeat says. */
void fleet_identity_out_of_service(struct app *a, const char *reason)
{
	struct core_event ev = core_ev(CORE_EV_OUT_OF_SERVICE);

	a->screen_ctx.identity_problem = a->identity_problem;
	ev.choice = 1;
	snprintf(ev.text, sizeof(ev.text), "%s", reason);
	app_dispatch(a, ev);
}

void fleet_take_order(struct app *a, struct heartbeat_order *o)
{
	if (o->type == HEARTBEAT_OUT_OF_SERVICE && o->revoked) {
		log_error("fleet", "the portal revoked this kiosk's certificate: out of "
				   "service until IT gives it a new one");
		a->identity_problem = N_("This kiosk's security certificate has been "
					 "revoked. Staff: please contact the city's IT "
					 "department.");
		fleet_identity_out_of_service(a, "device certificate revoked");
	} else if (o->type == HEARTBEAT_OUT_OF_SERVICE && !o->on && a->identity_problem) {
		log_warn("fleet", "the portal says back in service, but this kiosk's "
				  "certificate is not valid: staying out of service");
	} else if (o->type == HEARTBEAT_OUT_OF_SERVICE) {
		struct core_event ev = core_ev(CORE_EV_OUT_OF_SERVICE);
		ev.choice = o->on;
		snprintf(ev.text, sizeof(ev.text), "%s", o->reason);
		app_dispatch(a, ev);
	} else {
		free(a->pending_cfg.config); /* a newer one replaces it */
		a->pending_cfg = *o;
	}
}

/* Tells the heartbeat what the kiosk looks like, when that changed. */
void fleet_report_state(struct app *a)
{
	const char *id = core_screen_id(&a->core);
	struct heartbeat_state st = {
	    .session_active = core_in_session(&a->core),
	    .out_of_service = a->core.screen == CORE_SCREEN_OUT_OF_SERVICE,
	    .printer = a->core.printer,
	    .cash = a->core.cash_problem,
	    .terminal = a->core.terminal,
	};

	if (!a->hb ||
	    (!strcmp(id, a->hb_screen) && st.cash == a->hb_cash && st.terminal == a->hb_terminal))
		return;
	snprintf(a->hb_screen, sizeof(a->hb_screen), "%s", id);
	a->hb_cash = st.cash;
	a->hb_terminal = st.terminal;
	snprintf(st.screen, sizeof(st.screen), "%s", id);
	heartbeat_set_state(a->hb, &st);
}

int fleet_start(struct app *a, const struct portal_config *portal, const char *outbox)
{
	struct heartbeat_config hcfg = {
	    .portal = *portal,
	    .version = KIOSK_VERSION,
	    .data_dir = a->boot.data_dir,
	    .devices = a->boot.devices,
	    .outbox_path = outbox,
	    .interval_s = a->cfg.heartbeat_s,
	    .local = a->local,
	    .config_version = a->rconf_version,
	    .portal_seen = heartbeat_portal_seen,
	    .portal_seen_ctx = a,
	    .inbox = a->inbox,
	};

	/* A beat in flight holds up the exit: no longer than this. */
	if (hcfg.portal.timeout_ms > 10000)
		hcfg.portal.timeout_ms = 10000;
	return heartbeat_start(&hcfg, &a->hb);
}
