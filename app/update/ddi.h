/* The update channel: Eclipse hawkBit's Direct Device Integration (DDI) API, so a city can
 * run a stock hawkBit server. One poll:
 *
 *   GET  {base}/{tenant}/controller/v1/{id}                 what to do, how often to ask
 *   GET  ..._links.cancelAction.href, POST .../feedback      acknowledge a cancel
 *   GET  ..._links.deploymentBase.href                       the action and its artifacts
 *   GET  artifact _links.download(-http).href (Range)        the bundle, resumable
 *   POST {base}/{tenant}/controller/v1/{id}/deploymentBase/{action}/feedback
 *        progress while working; closed + success|failure at the end
 *
 * The final result is sent only once the new slot confirmed healthy (success) or was
 * rolled back (failure), so the server shows what the kiosk really runs. */
#ifndef KIOSK_UPDATE_DDI_H
#define KIOSK_UPDATE_DDI_H

#include <stddef.h>

#include "app/update/agent.h"

struct ddi_config {
	const char *base_url; /* e.g. https://hawkbit.city.example */
	const char *tenant;
	const char *controller_id;
	const char *token;     /* target security token, or NULL */
	const char *ca_file;   /* for https */
	const char *on_switch; /* shell command run after a switch, e.g. restarting the kiosk */
	int interval_s;	       /* poll interval when the server names none */
	int server_sleep_s;    /* config.polling.sleep from the last answer */
};

/* One conversation with the server; installs, switches, reports. */
int ddi_poll_once(struct ddi_config *cfg, struct update_agent *ag, char *err, size_t errlen);

/* Sleeps for the server's polling interval (or cfg->interval_s). */
void ddi_sleep(const struct ddi_config *cfg);

#endif
