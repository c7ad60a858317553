/* The status snapshot behind kioskctl's read-only queries (see snapshot.h). */
#include "app/service/snapshot.h"

#include <stdio.h>
#include <string.h>

void service_snapshot_init(struct service_snapshot *s, const char *version, const char *slot,
			   const char *kiosk_id)
{
	memset(s, 0, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	snprintf(s->view.version, sizeof(s->view.version), "%s", version ? version : "");
	snprintf(s->view.slot, sizeof(s->view.slot), "%s", slot ? slot : "");
	snprintf(s->view.kiosk_id, sizeof(s->view.kiosk_id), "%s", kiosk_id ? kiosk_id : "");
	s->view.status.portal_rtt_ms = -1;
}

void service_snapshot_destroy(struct service_snapshot *s)
{
	pthread_mutex_destroy(&s->lock);
}

void service_snapshot_get(struct service_snapshot *s, struct service_view *out)
{
	pthread_mutex_lock(&s->lock);
	*out = s->view;
	pthread_mutex_unlock(&s->lock);
}

void service_snapshot_set_status(struct service_snapshot *s, const struct core_service_status *st)
{
	pthread_mutex_lock(&s->lock);
	bool ok = s->view.status.portal_ok;
	int rtt = s->view.status.portal_rtt_ms;
	s->view.status = *st;
	if (!st->portal_ok && st->portal_rtt_ms < 0) {
		/* The worker has not probed the portal itself: keep the heartbeat's word. */
		s->view.status.portal_ok = ok;
		s->view.status.portal_rtt_ms = rtt;
	}
	pthread_mutex_unlock(&s->lock);
}

void service_snapshot_set_portal(struct service_snapshot *s, bool reachable, int rtt_ms)
{
	pthread_mutex_lock(&s->lock);
	s->view.status.portal_ok = reachable;
	s->view.status.portal_rtt_ms = reachable ? rtt_ms : -1;
	pthread_mutex_unlock(&s->lock);
}

void service_snapshot_set_screen(struct service_snapshot *s, const char *screen,
				 bool out_of_service)
{
	pthread_mutex_lock(&s->lock);
	snprintf(s->view.screen, sizeof(s->view.screen), "%s", screen);
	s->view.out_of_service = out_of_service;
	pthread_mutex_unlock(&s->lock);
}

void service_snapshot_set_pin(struct service_snapshot *s, const char *state, bool open)
{
	pthread_mutex_lock(&s->lock);
	snprintf(s->view.pin_state, sizeof(s->view.pin_state), "%s", state);
	s->view.service_mode_open = open;
	pthread_mutex_unlock(&s->lock);
}
