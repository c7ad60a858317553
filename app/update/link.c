/* The kiosk's side of updates and systemd: session flag, health mark, READY and WATCHDOG. */
#include "app/update/link.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/inbox.h"
#include "app/common/log.h"

#define SESSION_FLAG "session-active"
#define HEALTH_MARK "healthy"

/* A request that needs the whole path (TLS, the API, the database) but changes nothing:
 * the status of a payment key that was never used. */
static void *probe_portal(void *arg)
{
	struct ulink *l = arg;
	struct portal *p = NULL;
	struct portal_payment pay;
	int rc = portal_open(&l->portal, &p);

	for (int attempt = 0; rc == 0 && attempt < 30; attempt++) {
		int r = portal_payment_status(p, "kiosk-health-probe", &pay);
		if (r == 0 || r == KIOSK_ENOTFOUND) {
			atomic_store(&l->portal_answered, 1);
			if (l->inbox && inbox_post(l->inbox, INBOX_UPDATE, NULL))
				log_warn("health", "the UI thread's inbox is full");
			break;
		}
		log_warn("health", "portal not answering yet (%s)", kiosk_strerror(r));
		for (int i = 0; i < 100 && !atomic_load(&l->stopping); i++)
			usleep(100 * 1000);
		if (atomic_load(&l->stopping))
			break;
	}
	portal_close(p);
	return NULL;
}

void ulink_open(struct ulink *l, const char *state_dir, const struct portal_config *portal,
		struct inbox *inbox, int64_t now_ms)
{
	uint64_t usec = 0;

	memset(l, 0, sizeof(*l));
	snprintf(l->state_dir, sizeof(l->state_dir), "%s", state_dir ? state_dir : "");
	l->portal = *portal;
	l->inbox = inbox;
	l->notify = getenv("NOTIFY_SOCKET") != NULL;
	if (l->notify && sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
		l->wd_period_ms = (int64_t)(usec / 2000);
		if (l->wd_period_ms < 1)
			l->wd_period_ms = 1;
		l->wd_next_ms = now_ms + l->wd_period_ms;
	}
	if (l->state_dir[0]) {
		char path[600];
		/* A session flag left by a crash would block updates forever. */
		snprintf(path, sizeof(path), "%s/%s", l->state_dir, SESSION_FLAG);
		unlink(path);
		if (pthread_create(&l->probe, NULL, probe_portal, l) == 0)
			l->probe_started = true;
	}
}

void ulink_close(struct ulink *l)
{
	atomic_store(&l->stopping, 1);
	if (l->probe_started)
		pthread_join(l->probe, NULL);
	l->probe_started = false;
	if (l->notify)
		sd_notify(0, "STOPPING=1");
}

static void set_flag(struct ulink *l, const char *name, bool on)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/%s", l->state_dir, name);
	if (on) {
		/* No fsync: the UI thread must not wait for the disk, and after a power cut no
		 * session survives anyway (ulink_open clears the flag). */
		int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0)
			log_warn("health", "cannot write %s", path);
		else
			close(fd);
	} else {
		unlink(path);
	}
}

void ulink_set_window(struct ulink *l, const char *window)
{
	char path[600], tmp[620];
	FILE *f;
	bool ok;

	if (!l->state_dir[0] || (l->window_written && !strcmp(l->window, window)))
		return;
	snprintf(path, sizeof(path), "%s/update-window", l->state_dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	ok = f && fprintf(f, "%s\n", window) >= 0;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		log_warn("health", "cannot write %s", path);
		return;
	}
	snprintf(l->window, sizeof(l->window), "%s", window);
	l->window_written = true;
}

void ulink_frame(struct ulink *l, const char *screen_id, int64_t now_ms)
{
	/* Out of service is between sessions too: an update may switch slots then. */
	bool in_session =
	    strcmp(screen_id, "welcome") != 0 && strcmp(screen_id, "out-of-service") != 0;

	(void)now_ms;
	if (l->notify && !l->ready_sent) {
		sd_notify(0, "READY=1");
		l->ready_sent = true;
	}
	if (!in_session)
		l->welcome_seen = true;
	if (l->state_dir[0] && in_session != l->session_flag) {
		set_flag(l, SESSION_FLAG, in_session);
		l->session_flag = in_session;
	}
}

int64_t ulink_deadline(const struct ulink *l, int64_t deadline)
{
	if (l->wd_period_ms <= 0)
		return deadline;
	return deadline < 0 || l->wd_next_ms < deadline ? l->wd_next_ms : deadline;
}

void ulink_tick(struct ulink *l, int64_t now_ms)
{
	if (l->wd_period_ms > 0 && now_ms >= l->wd_next_ms) {
		sd_notify(0, "WATCHDOG=1");
		l->wd_next_ms = now_ms + l->wd_period_ms;
	}
	if (l->state_dir[0] && !l->health_written && l->welcome_seen &&
	    atomic_load(&l->portal_answered)) {
		set_flag(l, HEALTH_MARK, true);
		l->health_written = true;
		log_info("health", "welcome screen up, devices open, portal answering: healthy");
	}
}
