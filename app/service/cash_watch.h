/* The cash box as staff and the city see it: counts every note the validator stacks (after the
 * cash tender journaled it), works out from each change of the validator's status what it
 * means (an alarm when the box comes out outside service mode, cash off for a full stacker, a
 * jam or a fraud attempt, a swapped validator by its serial number) and which audit entries go
 * to the portal, and records staff emptying the box. Its records are app/store/cashbox. */
#ifndef KIOSK_CASH_WATCH_H
#define KIOSK_CASH_WATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "app/core/core.h"
#include "drivers/devices.h"

#define CASH_WATCH_MAX_AUDITS 6

/* What one change of the validator's status means. */
struct cash_watch_change {
	int n_audits; /* entries for the audit log (and through the outbox, the portal) */
	struct {
		char action[32];
		char detail[96];
	} audits[CASH_WATCH_MAX_AUDITS];
	bool clear_faults;		/* the validator may forget its faults (the box is back) */
	bool problem_changed;		/* residents, staff and the heartbeat need telling */
	enum core_cash_problem problem; /* as it is now */
};

struct cash_watch;

/* path: the cash box's sqlite file (made if missing). */
int cash_watch_open(const char *path, struct cash_watch **out);
void cash_watch_close(struct cash_watch *w);

/* A note the cash tender journaled (its cash_note_fn; ctx is the watch): into the box's count.
 * Runs on the device's thread; key is the payment's ("" none). */
void cash_watch_note(void *ctx, const char *key, const struct val_credit *c);

/* The validator's status changed (worker thread). in_service: staff are in service mode, so a
 * box taken out is being emptied, not stolen. now: unix seconds. */
void cash_watch_device(struct cash_watch *w, const struct val_status *st, bool in_service,
		       int64_t now, struct cash_watch_change *out);

/* The problem as last worked out (CORE_CASH_OFFLINE before any status). */
enum core_cash_problem cash_watch_problem(const struct cash_watch *w);

/* The validator's part of staff's device status. */
void cash_watch_status(const struct cash_watch *w, struct core_service_status *out);

/* What should be in the box now. */
int cash_watch_count(struct cash_watch *w, struct core_cash_count *out);
/* Notes stacked since `since` (unix seconds): the day report's cash. */
int cash_watch_day(struct cash_watch *w, int64_t since, struct core_cash_count *out);
/* Staff emptied it: recorded with who and when; *out is what was expected in it. */
int cash_watch_empty(struct cash_watch *w, const char *who, int64_t now,
		     struct core_cash_count *out);
/* The validator was asked to forget its faults (staff emptied the box or cleared a jam): the
 * problem is worked out as if it had, until its next status. */
void cash_watch_faults_cleared(struct cash_watch *w);
/* Staff cleared the cash alarm (the caller also clears the validator's faults). *had: what the
 * alarm was ("" none). */
int cash_watch_clear(struct cash_watch *w, char *had, size_t n);

#endif
