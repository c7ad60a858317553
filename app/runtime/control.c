/* kioskctl's side in the kiosk: the control socket's thread answers read-only queries from the
 * status snapshot; everything else comes to the UI thread through the inbox. */
#include "app/common/err.h"
#include "app/common/inbox.h"
#include "app/common/log.h"
#include "app/runtime/app.h"
#include "app/worker.h"

static void ctl_submit(void *ctx, struct ctl_request *req)
{
	struct app *a = ctx;

	if (inbox_post(a->inbox, INBOX_REQUEST, req))
		ctl_server_answer(a->ctl, req, ctl_error("the kiosk is too busy; try again"));
}

static json_t *ctl_query(void *ctx, const struct ctl_request *req)
{
	return ctl_commands_query(&((struct app *)ctx)->ctl_host, req);
}

static void ctl_dispatch(void *ctx, struct core_event ev)
{
	app_dispatch(ctx, ev);
}

static void ctl_to_worker(void *ctx, const struct core_effect *fx,
			  void (*done)(void *done_ctx, const struct core_event *ev), void *done_ctx)
{
	worker_service(((struct app *)ctx)->worker, fx, done, done_ctx);
}

/* kioskctl config set: a new snapshot, put in force on the UI thread. */
static const char *ctl_apply_settings(void *ctx, const struct kiosk_config *next)
{
	log_info("main", "settings changed by kioskctl (not saved to the file)");
	return settings_apply(ctx, next);
}

void control_start(struct app *a)
{
	struct ctl_server_ops ops = {.query = ctl_query, .submit = ctl_submit, .ctx = a};
	int rc;

	if (!a->cfg.control_socket[0])
		return;
	a->ctl_host = (struct ctl_host){.snap = &a->snap,
					.cfg = &a->cfg,
					.to_worker = ctl_to_worker,
					.dispatch = ctl_dispatch,
					.apply_settings = ctl_apply_settings,
					.ctx = a};
	rc = ctl_server_start(a->cfg.control_socket, &ops, &a->ctl);
	if (rc)
		log_warn("main", "no control socket (%s): kioskctl cannot reach this kiosk",
			 kiosk_strerror(rc));
	a->ctl_host.server = a->ctl;
}
