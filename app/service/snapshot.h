/* What kioskctl's read-only queries see: devices, portal, outbox, out of service, version,
 * kept up to date by the worker and the UI loop, read by the control socket's thread.
 * Thread-safe: every call takes the snapshot's lock for a copy, never for I/O. */
#ifndef KIOSK_SERVICE_SNAPSHOT_H
#define KIOSK_SERVICE_SNAPSHOT_H

#include <pthread.h>
#include <stdbool.h>

#include "app/core/core.h"

struct service_view {
	struct core_service_status status;
	bool out_of_service;
	char screen[32];
	char version[32];
	char slot[32];
	char kiosk_id[64];
	char pin_state[16];	/* the staff PIN in force: ok, weak, demo, missing, invalid */
	bool service_mode_open; /* whether service mode can be entered with it */
};

struct service_snapshot {
	pthread_mutex_t lock;
	struct service_view view;
};

void service_snapshot_init(struct service_snapshot *s, const char *version, const char *slot,
			   const char *kiosk_id);
void service_snapshot_destroy(struct service_snapshot *s);

void service_snapshot_get(struct service_snapshot *s, struct service_view *out);
/* The worker: devices, portal and outbox as last seen. */
void service_snapshot_set_status(struct service_snapshot *s, const struct core_service_status *st);
/* The heartbeat: whether the portal answered its last beat, and how fast. */
void service_snapshot_set_portal(struct service_snapshot *s, bool reachable, int rtt_ms);
/* The worker: what the staff PIN in force is worth (app/crypto/pin.h). */
void service_snapshot_set_pin(struct service_snapshot *s, const char *state, bool open);
/* The UI loop: what residents see. */
void service_snapshot_set_screen(struct service_snapshot *s, const char *screen,
				 bool out_of_service);

#endif
