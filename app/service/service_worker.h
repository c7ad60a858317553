/* Staff operations as the worker thread runs them: the PIN check (PBKDF2), test page,
 * reprints from the journal, the day's totals and its close, device status, and the audit
 * entry (sqlite, then the outbox to the portal) every staff action leaves. */
#ifndef KIOSK_SERVICE_WORKER_H
#define KIOSK_SERVICE_WORKER_H

#include <stdbool.h>
#include <stdint.h>

#include "app/core/core.h"
#include "app/portal/portal.h"
#include "app/service/cash_watch.h"
#include "app/service/snapshot.h"
#include "app/store/journal.h"
#include "app/store/outbox.h"
#include "drivers/devices.h"

/* What the worker lends for one operation; all of it belongs to the worker thread. */
struct service_env {
	struct journal *journal;
	struct outbox *outbox; /* may be NULL */
	struct portal *portal;
	const struct printer_ops *pops;
	void *pimpl;
	bool reader_ready;
	enum core_terminal terminal; /* the payment terminal as last checked */
	/* The bill validator and its cash box; NULL when none is configured. */
	struct cash_watch *cash;
	const struct cash_ops *cops;
	void *cimpl;
	const char *header, *kiosk_id;
	receipt_tr_fn tr;
	int lang; /* tr's language (enum i18n_lang): a reprint's date written out in it */
	int64_t now_wall_ms;
};

struct service_worker;

/* audit_path: the audit sqlite file (also the PIN's tries, lock and kioskctl-set hash:
 * app/store/staff_pin.h); pin_hash: kiosk.conf's, may be "". Service mode refuses every PIN
 * while there is no hash, or while it is the demo PIN's unless allow_demo_pin (the demo and
 * the tests); the log and kioskctl status say so. snap may be NULL. */
int service_worker_open(const char *audit_path, const char *pin_hash, bool allow_demo_pin,
			struct service_snapshot *snap, struct service_worker **out);
void service_worker_close(struct service_worker *sw);

/* Runs fx (CORE_FX_SERVICE) for source ("screen", "kioskctl") and fills ev
 * (CORE_EV_SERVICE_DONE). Returns true when it queued something in the outbox. */
bool service_worker_run(struct service_worker *sw, const struct service_env *env,
			const struct core_effect *fx, const char *source, struct core_event *ev);

/* Records an action that needs no other work (kioskctl's config set, out of service). */
bool service_worker_audit(struct service_worker *sw, const struct service_env *env,
			  const char *source, const char *action, const char *detail);

/* The outbox delivered something (for "last successful sync"). */
void service_worker_note_sync(struct service_worker *sw);

/* Printer, reader and outbox into the snapshot, without the portal probe (cheap). */
void service_worker_refresh(struct service_worker *sw, const struct service_env *env);

/* The bill validator's status changed to *st (env->cash set): alarms and faults are worked out
 * and audited (to the portal through the outbox), the snapshot kept current. Returns true when
 * residents and staff need telling, with *ev filled (CORE_EV_CASH_PROBLEM). */
bool service_worker_cash(struct service_worker *sw, const struct service_env *env,
			 const struct val_status *st, struct core_event *ev);

/* Whether why cash is off changed since residents' side was last told (a status, an emptying,
 * a cleared alarm); *ev filled (CORE_EV_CASH_PROBLEM) when it did. */
bool service_worker_cash_news(struct service_worker *sw, const struct service_env *env,
			      struct core_event *ev);

/* Whether staff are in service mode now (a PIN was accepted and they have not left). */
bool service_worker_in_service(const struct service_worker *sw);

#endif
