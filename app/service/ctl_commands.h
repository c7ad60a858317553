/* What kioskctl's commands do in the kiosk: read-only ones from the status snapshot (on the
 * control thread), the others on the UI loop, which hands printing and totals to the worker
 * and never waits for them. */
#ifndef KIOSK_CTL_COMMANDS_H
#define KIOSK_CTL_COMMANDS_H

#include <jansson.h>

#include "app/config.h"
#include "app/core/core.h"
#include "app/service/ctl_server.h"
#include "app/service/snapshot.h"

struct ctl_host {
	struct ctl_server *server;
	struct service_snapshot *snap;
	const struct kiosk_config *cfg; /* the settings in force: the UI thread's snapshot */
	/* Hands a staff operation (CORE_FX_SERVICE) to the worker; done is called on the worker's
	 * thread with its answer. A callback, so that service/ does not link the worker, which
	 * runs service/'s staff operations. */
	void (*to_worker)(void *ctx, const struct core_effect *fx,
			  void (*done)(void *done_ctx, const struct core_event *ev),
			  void *done_ctx);
	/* Sends an event to the core, as a tap would (UI thread). */
	void (*dispatch)(void *ctx, struct core_event ev);
	/* Puts a new snapshot of the settings in force (UI thread); returns when it takes
	 * effect, for the answer ("now", "when the current session ends"). */
	const char *(*apply_settings)(void *ctx, const struct kiosk_config *next);
	void *ctx;
};

/* Control thread: status, devices and logs; NULL for everything else. */
json_t *ctl_commands_query(struct ctl_host *h, const struct ctl_request *req);

/* UI thread: every other command; answers req now or when the worker is done. */
void ctl_commands_run(struct ctl_host *h, struct ctl_request *req);

#endif
