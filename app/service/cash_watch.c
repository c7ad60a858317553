/* The cash box and the validator's alarms (see cash_watch.h). Every decision is made on a
 * change of status, against the last one seen, so each event is audited once. */
#include "app/service/cash_watch.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/store/cashbox.h"

struct cash_watch {
	struct cashbox *box;
	bool have_last;
	struct val_status last;
	uint32_t serial_checked; /* the serial last compared with the stored one */
	enum core_cash_problem problem;
	char alarm[CASHBOX_ALARM_LEN]; /* the latched alarm, "" none (a copy of the store's) */
	int64_t alarm_at;
};

int cash_watch_open(const char *path, struct cash_watch **out)
{
	struct cash_watch *w = calloc(1, sizeof(*w));
	int rc;

	*out = NULL;
	if (!w)
		return KIOSK_ENOMEM;
	w->problem = CORE_CASH_OFFLINE;
	rc = cashbox_open(path, &w->box);
	if (rc == 0)
		rc = cashbox_alarm(w->box, w->alarm, sizeof(w->alarm), &w->alarm_at);
	if (rc) {
		log_error("cash", "cannot open the cash box's records %s: %s", path,
			  kiosk_strerror(rc));
		cash_watch_close(w);
		return rc;
	}
	if (w->alarm[0])
		log_warn("cash",
			 "cash alarm from before the restart still on: %s (staff must "
			 "clear it)",
			 w->alarm);
	*out = w;
	return 0;
}

void cash_watch_close(struct cash_watch *w)
{
	if (!w)
		return;
	cashbox_close(w->box);
	free(w);
}

void cash_watch_note(void *ctx, const char *key, const struct val_credit *c)
{
	struct cash_watch *w = ctx;
	bool added;

	(void)key; /* the tender hands each journaled note over once */
	if (cashbox_note_stacked(w->box, NULL, c->cents, (int64_t)time(NULL), &added))
		log_error("cash",
			  "a %lld-cent note is journaled but the cash box count could not be "
			  "written: staff's count will be one note short",
			  (long long)c->cents);
}

static void add_audit(struct cash_watch_change *out, const char *action, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add_audit(struct cash_watch_change *out, const char *action, const char *fmt, ...)
{
	va_list ap;

	if (out->n_audits == CASH_WATCH_MAX_AUDITS)
		return;
	snprintf(out->audits[out->n_audits].action, sizeof(out->audits[0].action), "%s", action);
	va_start(ap, fmt);
	vsnprintf(out->audits[out->n_audits].detail, sizeof(out->audits[0].detail), fmt, ap);
	va_end(ap);
	out->n_audits++;
}

/* Latches an alarm (kept across restarts until staff clear it). */
static void raise_alarm(struct cash_watch *w, const char *what, int64_t now)
{
	if (w->alarm[0])
		return;
	if (cashbox_raise_alarm(w->box, what, now))
		log_error("cash", "the cash alarm (%s) could not be stored: it holds until restart",
			  what);
	snprintf(w->alarm, sizeof(w->alarm), "%s", what);
	w->alarm_at = now;
}

/* The serial, once per new one the validator gives: a different one than the city's last is a
 * swapped validator (it may not be the city's). */
static void check_serial(struct cash_watch *w, const struct val_status *st, int64_t now,
			 struct cash_watch_change *out)
{
	bool swapped = false;
	uint32_t previous = 0;

	if (!st->up || !st->serial || st->serial == w->serial_checked)
		return;
	w->serial_checked = st->serial;
	if (cashbox_check_serial(w->box, st->serial, now, &swapped, &previous))
		return;
	if (!swapped) {
		log_info("cash", "bill validator serial %lu, firmware %.4s",
			 (unsigned long)st->serial, st->firmware);
		return;
	}
	log_warn("cash", "the bill validator was swapped: serial %lu, was %lu",
		 (unsigned long)st->serial, (unsigned long)previous);
	add_audit(out, "validator_swapped", "serial %lu, was %lu", (unsigned long)st->serial,
		  (unsigned long)previous);
	raise_alarm(w, "validator_swapped", now);
}

static const struct {
	unsigned bit;
	enum core_cash_problem problem;
} fault_order[] = {
    /* the first that is on names the problem */
    {VAL_FAULT_FRAUD, CORE_CASH_FRAUD},
    {VAL_FAULT_JAM, CORE_CASH_JAM},
    {VAL_FAULT_STACKER_FULL, CORE_CASH_STACKER_FULL},
    {VAL_FAULT_SETUP, CORE_CASH_SETUP},
    {VAL_FAULT_SWAPPED, CORE_CASH_SWAPPED},
};

static enum core_cash_problem problem_of(const struct cash_watch *w, const struct val_status *st,
					 bool in_service)
{
	if (!strcmp(w->alarm, "validator_swapped"))
		return CORE_CASH_SWAPPED;
	if (w->alarm[0])
		return CORE_CASH_BOX_REMOVED;
	if (!st->up)
		return CORE_CASH_OFFLINE;
	if (!st->cashbox_present)
		return in_service ? CORE_CASH_BOX_OUT : CORE_CASH_BOX_REMOVED;
	for (size_t i = 0; i < sizeof(fault_order) / sizeof(fault_order[0]); i++)
		if (st->faults & fault_order[i].bit)
			return fault_order[i].problem;
	/* The box is back but the validator still holds the removal: until it is cleared. */
	if (st->faults & VAL_FAULT_CASHBOX_REMOVED)
		return in_service ? CORE_CASH_BOX_OUT : CORE_CASH_BOX_REMOVED;
	return CORE_CASH_OK;
}

void cash_watch_device(struct cash_watch *w, const struct val_status *st, bool in_service,
		       int64_t now, struct cash_watch_change *out)
{
	bool was_present = w->have_last ? w->last.cashbox_present : st->up;
	unsigned was_faults = w->have_last ? w->last.faults : 0;
	unsigned added = st->faults & ~was_faults;
	enum core_cash_problem before = w->problem;
	/* Out now, or out and back since the last status the worker saw (the validator latches
	 * the removal, so a quick out-and-in is not missed). */
	bool removed = st->up && ((was_present && !st->cashbox_present) ||
				  (added & VAL_FAULT_CASHBOX_REMOVED));
	bool back = st->up && st->cashbox_present && (!was_present || removed);

	memset(out, 0, sizeof(*out));
	check_serial(w, st, now, out);
	if (removed) {
		if (in_service) {
			add_audit(out, "cashbox_out", "%s", "taken out in service mode");
		} else {
			log_warn("cash", "%s",
				 "ALARM: the cash box was taken out outside service "
				 "mode; cash is off until staff clear it");
			add_audit(out, "cash_alarm", "%s", "cashbox removed outside service mode");
			raise_alarm(w, "cashbox_removed", now);
		}
	}
	if (back) {
		add_audit(out, "cashbox_replaced", "%s",
			  in_service ? "in service mode" : "outside service mode");
		/* Staff took it out and put it back: nothing to clear but the removal. */
		if (in_service && !w->alarm[0] &&
		    !(st->faults & ~(unsigned)VAL_FAULT_CASHBOX_REMOVED))
			out->clear_faults = true;
	}
	for (size_t i = 0; i < sizeof(fault_order) / sizeof(fault_order[0]); i++)
		if (added & fault_order[i].bit) {
			log_warn("cash", "cash off: %s",
				 core_cash_problem_name(fault_order[i].problem));
			add_audit(out, "cash_disabled", "%s",
				  core_cash_problem_name(fault_order[i].problem));
		}
	w->last = *st;
	w->have_last = true;
	w->problem = problem_of(w, st, in_service);
	out->problem = w->problem;
	out->problem_changed = w->problem != before;
	if (out->problem_changed)
		log_info("cash", "cash: %s (was %s)", core_cash_problem_name(w->problem),
			 core_cash_problem_name(before));
}

enum core_cash_problem cash_watch_problem(const struct cash_watch *w)
{
	return w->problem;
}

void cash_watch_status(const struct cash_watch *w, struct core_service_status *out)
{
	out->cash = w->problem;
	out->cash_box_present = w->have_last && w->last.cashbox_present;
	out->cash_serial = w->have_last ? w->last.serial : 0;
	out->cash_alarm_at = w->alarm[0] ? w->alarm_at : 0;
}

static void to_core(const struct cashbox_count *c, struct core_cash_count *out)
{
	memset(out, 0, sizeof(*out));
	for (int i = 0; i < c->n; i++) {
		/* More kinds of note than a screen lists: the rest counted as unknown value. */
		int k = i < CORE_CASH_DENOMS ? i : CORE_CASH_DENOMS - 1;
		out->d[k].cents = i < CORE_CASH_DENOMS ? c->d[i].cents : 0;
		out->d[k].count += c->d[i].count;
	}
	out->n = c->n < CORE_CASH_DENOMS ? c->n : CORE_CASH_DENOMS;
	out->notes = c->notes;
	out->cents = c->cents;
	out->since = c->since;
}

int cash_watch_count(struct cash_watch *w, struct core_cash_count *out)
{
	struct cashbox_count c;
	int rc = cashbox_count(w->box, &c);

	if (rc == 0)
		to_core(&c, out);
	return rc;
}

int cash_watch_day(struct cash_watch *w, int64_t since, struct core_cash_count *out)
{
	struct cashbox_count c;
	int rc = cashbox_stacked_since(w->box, since, &c);

	if (rc == 0)
		to_core(&c, out);
	return rc;
}

int cash_watch_empty(struct cash_watch *w, const char *who, int64_t now,
		     struct core_cash_count *out)
{
	struct cashbox_count c;
	int rc = cashbox_empty(w->box, who, now, &c);

	if (rc == 0)
		to_core(&c, out);
	return rc;
}

int cash_watch_clear(struct cash_watch *w, char *had, size_t n)
{
	int rc = cashbox_clear_alarm(w->box);

	snprintf(had, n, "%s", w->alarm);
	if (rc == 0) {
		w->alarm[0] = '\0';
		w->alarm_at = 0;
		cash_watch_faults_cleared(w);
	}
	return rc;
}

void cash_watch_faults_cleared(struct cash_watch *w)
{
	/* Until the validator's next status says otherwise, as if its faults were gone. */
	if (w->have_last) {
		struct val_status cleared = w->last;
		cleared.faults = 0;
		w->problem = problem_of(w, &cleared, true);
	}
}
