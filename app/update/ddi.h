/* The update channel: Eclipse hawkBit's Direct Device Integration (DDI) API, so a city can
 * run a stock hawkBit server. One poll:
 *
 *   GET  {base}/{tenant}/controller/v1/{id}                 what to do, how often to ask
 *   PUT  .../configData                                      the kiosk's attributes, when asked
 *   GET  _links.confirmationBase, POST .../feedback          confirm (or not) an action
 *   GET  _links.cancelAction.href, POST .../feedback         acknowledge or reject a cancel
 *   GET  _links.deploymentBase.href                          the action and its artifacts
 *   GET  artifact _links.download(-http).href (Range)        the bundle, resumable, bounded
 *   POST .../deploymentBase/{action}/feedback                progress; closed at the end
 *
 * Every request goes to the configured server only (same scheme, host, port and the
 * controller's own path), so the token never goes anywhere a server's answer names; https
 * with the configured CA only, plain http only to a loopback server (tests).
 *
 * The action's way through the kiosk: download when the server allows it (download is not
 * "skip"), then wait until the server allows the install (update is not "skip" and the
 * maintenance window, if any, is "available") and the kiosk's own quiet hours are on, then
 * install into the inactive slot, switch between residents' sessions, and send the final
 * result only once the new slot confirmed healthy (success) or was rolled back (failure), so
 * the server shows what the kiosk really runs. Polling goes on all the while, so a cancel is
 * seen; a server that answers 404 or 410 to feedback has ended the action, and it is dropped. */
#ifndef KIOSK_UPDATE_DDI_H
#define KIOSK_UPDATE_DDI_H

#include <stddef.h>
#include <stdint.h>

#include "app/update/agent.h"

#define DDI_MAX_SLEEP_S 86400 /* a server's polling sleep is capped at a day */
#define DDI_WINDOW_FILE "update-window" /* in the kiosk's marks dir: its quiet hours */

struct ddi_config {
	const char *base_url; /* e.g. https://hawkbit.city.example */
	const char *tenant;
	const char *controller_id;
	const char *token;	   /* target security token, or NULL */
	const char *gateway_token; /* tenant gateway token, or NULL (one of the two) */
	const char *ca_file;	   /* the only CA trusted for https */
	const char *on_switch;	   /* shell command run after a switch, e.g. restarting the kiosk */
	const char *window;	   /* quiet hours "HH:MM-HH:MM" when the kiosk names none */
	int staff_confirms;	   /* 1: never confirm an action on the server's behalf */
	int64_t disk_reserve;	   /* bytes a download must leave free (the payment journal) */
	int interval_s;		   /* poll interval when the server names none */
	/* Kept between polls: */
	int server_sleep_s;   /* config.polling.sleep from the last answer */
	int failures;	      /* polls in a row that failed for a passing reason */
	unsigned rand_state;  /* jitter */
};

/* Checks the configuration before the first poll: an https URL and a CA, or a loopback http
 * URL; a tenant and controller id that fit in a path; exactly one token. */
int ddi_check_config(const struct ddi_config *cfg, char *err, size_t errlen);

/* One conversation with the server; downloads, installs, switches, reports. A failure that may
 * pass (network, 5xx) counts in cfg->failures for the backoff. */
int ddi_poll_once(struct ddi_config *cfg, struct update_agent *ag, char *err, size_t errlen);

/* Milliseconds until the next poll: the server's sleep (or cfg->interval_s) times a random
 * 0.5..1.5, so a fleet never polls in step; after failures doubling per failure (to an hour,
 * or the sleep if longer) times a random 0.5..1. */
int64_t ddi_next_sleep_ms(struct ddi_config *cfg);

/* Milliseconds to wait before the first poll: random within the poll interval (at most 30 s),
 * so kiosks that start together (after a power cut) do not poll together. */
int64_t ddi_first_delay_ms(struct ddi_config *cfg);

/* "HH:MM:SS" into seconds, capped at DDI_MAX_SLEEP_S and at least 1; 0 if it is not that. */
int ddi_parse_sleep(const char *s);

#endif
