/* The kiosk's half of the update contract, and its systemd service protocol. Lives in the
 * kiosk process; costs nothing when neither is configured.
 *
 * - While a resident is in a session (any screen but welcome) the kiosk keeps
 *   <state_dir>/session-active, so the agent never switches slots under someone.
 * - It leaves its update quiet hours ([update] window, local or remote) in
 *   <state_dir>/update-window, so the agent installs and switches only then.
 * - Once the kiosk drew the welcome screen, its devices are open (the worker started) and
 *   the portal answered a request, it writes <state_dir>/healthy: the update agent confirms
 *   a slot on trial from that mark (kiosk-update confirm / boot).
 * - Under systemd (NOTIFY_SOCKET set): READY=1 after the first frame, and WATCHDOG=1 at most
 *   once per WatchdogSec/2, from the UI loop itself, so a hung loop gets the kiosk
 *   restarted. Without NOTIFY_SOCKET there is no ping and no extra wake-up. */
#ifndef KIOSK_UPDATE_LINK_H
#define KIOSK_UPDATE_LINK_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/portal/portal.h"

struct inbox;

struct ulink {
	char state_dir[512]; /* "" when no update agent looks after this kiosk */
	bool session_flag;   /* what is on disk now */
	bool welcome_seen;
	bool health_written;
	char window[16]; /* what update-window holds */
	bool window_written;
	atomic_int portal_answered;
	atomic_int stopping; /* tells the probe to give up at exit */
	pthread_t probe;
	bool probe_started;
	struct portal_config portal;
	struct inbox *inbox; /* INBOX_UPDATE when the portal answered */

	bool notify; /* NOTIFY_SOCKET was set */
	bool ready_sent;
	int64_t wd_period_ms; /* WatchdogSec/2, 0: no watchdog */
	int64_t wd_next_ms;
};

/* state_dir may be "" (no marks). portal is copied (its strings must outlive the link); the
 * probe thread posts INBOX_UPDATE to inbox when the portal answered. */
void ulink_open(struct ulink *l, const char *state_dir, const struct portal_config *portal,
		struct inbox *inbox, int64_t now_ms);
void ulink_close(struct ulink *l);

/* Writes the quiet hours ("" = any time) for the agent when they changed. A tiny file in
 * /run (tmpfs), renamed into place, no fsync: the UI thread never waits for a disk. */
void ulink_set_window(struct ulink *l, const char *window);

/* After each frame drawn: screen_id says whether a resident is in a session. */
void ulink_frame(struct ulink *l, const char *screen_id, int64_t now_ms);

/* The loop's wait deadline with the watchdog's next ping folded in (-1: none). */
int64_t ulink_deadline(const struct ulink *l, int64_t deadline);

/* Every loop turn: pings the watchdog when due, writes the health mark when earned. */
void ulink_tick(struct ulink *l, int64_t now_ms);

#endif
