/* Staff operations on the worker thread (see service_worker.h). PBKDF2 is deliberate CPU
 * work and printing waits for the printer: neither may run on the UI thread. */
#include "app/service/service_worker.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/crypto/pin.h"
#include "app/payments/admin.h"
#include "app/store/audit.h"
#include "app/store/cashbox.h"
#include "app/store/staff_pin.h"

#ifndef N_
#define N_(s) s
#endif

struct service_worker {
	struct audit *audit;
	struct staff_pin *guard; /* tries, lock, kioskctl's PIN: they outlive a restart */
	char pin_hash[PIN_HASH_MAX];
	enum pin_state pin_state;
	bool allow_demo_pin;
	struct service_snapshot *snap;
	int64_t last_sync; /* unix seconds */
	bool portal_ok;
	int portal_rtt_ms;
	bool in_service; /* a PIN was accepted, staff have not left yet */
	int cash_told;	 /* the enum core_cash_problem last told, -1 before the first */
};

/* Whether service mode may be entered with the PIN in force. */
static bool pin_usable(const struct service_worker *sw)
{
	return sw->pin_state == PIN_STATE_OK || sw->pin_state == PIN_STATE_WEAK ||
	       (sw->pin_state == PIN_STATE_DEMO && sw->allow_demo_pin);
}

/* Takes hash as the PIN in force: says in the log and kioskctl status what it is worth. */
static void use_pin(struct service_worker *sw, const char *hash, const char *from)
{
	snprintf(sw->pin_hash, sizeof(sw->pin_hash), "%s", hash);
	sw->pin_state = pin_assess(hash);
	if (sw->snap)
		service_snapshot_set_pin(sw->snap, pin_state_name(sw->pin_state), pin_usable(sw));
	switch (sw->pin_state) {
	case PIN_STATE_OK: break;
	case PIN_STATE_WEAK:
		log_warn("service",
			 "the staff PIN (%s) is hashed with fewer iterations than new "
			 "PINs get: set a new one (kioskctl set-pin)",
			 from);
		break;
	case PIN_STATE_DEMO:
		if (sw->allow_demo_pin)
			log_warn("service", "the staff PIN is the demo PIN 2468 (allowed: demo)");
		else
			log_error("service",
				  "service mode is refused: the staff PIN (%s) is the "
				  "demo PIN; IT must set one (kioskctl set-pin, or [service] "
				  "pin_hash from kiosk --hash-pin)",
				  from);
		break;
	case PIN_STATE_MISSING:
	case PIN_STATE_INVALID:
		log_error("service",
			  "service mode is refused: no staff PIN is set; IT must set "
			  "one (kioskctl set-pin, or [service] pin_hash from kiosk --hash-pin)");
		break;
	}
}

int service_worker_open(const char *audit_path, const char *pin_hash, bool allow_demo_pin,
			struct service_snapshot *snap, struct service_worker **out)
{
	struct service_worker *sw = calloc(1, sizeof(*sw));
	char stored[PIN_HASH_MAX];
	int rc;

	*out = NULL;
	if (!sw)
		return KIOSK_ENOMEM;
	sw->allow_demo_pin = allow_demo_pin;
	sw->snap = snap;
	sw->portal_rtt_ms = -1;
	sw->cash_told = -1;
	rc = audit_open(audit_path, &sw->audit);
	if (rc == 0)
		rc = staff_pin_open(audit_path, &sw->guard);
	if (rc) {
		log_error("service", "cannot open the audit log %s: %s", audit_path,
			  kiosk_strerror(rc));
		service_worker_close(sw);
		return rc;
	}
	/* A PIN IT set with kioskctl is newer than the file's. */
	if (staff_pin_stored_hash(sw->guard, stored, sizeof(stored)) == 0)
		use_pin(sw, stored, "set with kioskctl");
	else
		use_pin(sw, pin_hash ? pin_hash : "", "[service] pin_hash");
	*out = sw;
	return 0;
}

void service_worker_close(struct service_worker *sw)
{
	if (!sw)
		return;
	staff_pin_close(sw->guard);
	audit_close(sw->audit);
	free(sw);
}

void service_worker_note_sync(struct service_worker *sw)
{
	if (sw)
		sw->last_sync = (int64_t)time(NULL);
}

bool service_worker_audit(struct service_worker *sw, const struct service_env *env,
			  const char *source, const char *action, const char *detail)
{
	char id[AUDIT_ID_LEN];
	int64_t at = 0;
	json_t *doc;
	char *body;
	bool queued = false;

	if (audit_add(sw->audit, source, action, detail, id, &at))
		return false;
	log_info("service", "audit: %s %s%s%s", source, action, detail[0] ? ": " : "", detail);
	if (!env->outbox)
		return false;
	doc = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "event_id", id, "kiosk_id", env->kiosk_id,
			"at", (json_int_t)at, "source", source, "action", action, "detail", detail);
	body = doc ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(doc);
	/* The audit stays on the kiosk either way; the portal gets its copy when it can. */
	if (body && outbox_add(env->outbox, "audit", id, body, env->now_wall_ms) == 0)
		queued = true;
	free(body);
	return queued;
}

static enum core_failure print_failure(int rc)
{
	return rc == 0		       ? CORE_FAIL_NONE
	       : rc == KIOSK_EPAPER    ? CORE_FAIL_PAPER_OUT
	       : rc == KIOSK_ENOTFOUND ? CORE_FAIL_NOT_FOUND
	       : rc == KIOSK_ESTORE    ? CORE_FAIL_STORE
				       : CORE_FAIL_PRINTER;
}

static const char *tr(const struct service_env *env, const char *msgid)
{
	return env->tr ? env->tr(msgid) : msgid;
}

static int print_text(const struct service_env *env, const char *text)
{
	struct printer_status st;

	if (!env->pops->print_text)
		return KIOSK_EDEVICE;
	env->pops->status(env->pimpl, &st);
	if (st.paper_out || st.cover_open)
		return KIOSK_EPAPER;
	return env->pops->print_text(env->pimpl, text);
}

static void now_text(char *buf, size_t n, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	localtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

static int test_page(const struct service_env *env)
{
	char text[1024], when[32];

	now_text(when, sizeof(when), (int64_t)time(NULL));
	snprintf(text, sizeof(text),
		 "%s\n%s\n==========================================\n%s: %s\n%s\n"
		 "0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ\nabcdefghijklmnopqrstuvwxyz áéíóúñ ¿¡\n"
		 "==========================================\n",
		 env->header, tr(env, N_("PRINTER TEST PAGE")), tr(env, N_("Kiosk")), env->kiosk_id,
		 when);
	return print_text(env, text);
}

/* The newest payment with an outcome: the one a resident asks staff to reprint. */
static int newest_with_outcome(const struct journal_payment *p, void *ctx)
{
	struct journal_payment *last = ctx;

	if (journal_state_has_outcome(p->state))
		*last = *p;
	return 0;
}

static int reprint(const struct service_env *env, const char *ref, char *done_ref, size_t n)
{
	struct journal_payment p;
	struct receipt r;
	int rc;

	memset(&p, 0, sizeof(p));
	if (ref && *ref) {
		rc = admin_find_payment(env->journal, ref, &p);
	} else {
		rc = journal_each_payment(env->journal, newest_with_outcome, &p);
		if (rc == 0 && !p.idempotency_key[0])
			rc = KIOSK_ENOTFOUND;
	}
	if (rc == 0)
		rc = admin_copy_receipt(&p, env->header, env->kiosk_id, env->lang, &r);
	if (rc == 0)
		rc = admin_copy_bills(env->journal, p.idempotency_key, &r);
	if (rc == KIOSK_EINVAL)
		rc = KIOSK_ENOTFOUND; /* no outcome yet: nothing a receipt could state */
	if (rc)
		return rc;
	rc = env->pops->print(env->pimpl, &r, env->tr);
	/* The journal's table refuses it for anything but an approved payment. */
	if (rc == 0)
		journal_set_state(env->journal, p.idempotency_key, JOURNAL_RECEIPT_PRINTED, NULL);
	snprintf(done_ref, n, "%.31s", p.reference[0] ? p.reference : p.idempotency_key);
	return rc;
}

struct totals_ctx {
	struct audit_day *d;
};

static int add_up(const struct journal_payment *p, void *ctx)
{
	struct audit_day *d = ctx;

	if (p->created_at <= d->since)
		return 0;
	switch (p->state) {
	case JOURNAL_APPROVED:
	case JOURNAL_RECEIPT_PRINTED:
	case JOURNAL_CONFIRMED:
		d->approved_count++;
		d->approved_cents += p->amount_cents;
		break;
	case JOURNAL_DECLINED:
		d->declined_count++;
		d->declined_cents += p->amount_cents;
		break;
	case JOURNAL_CREATED:
	case JOURNAL_SENT:
	case JOURNAL_IN_DOUBT:
		d->in_doubt_count++;
		d->in_doubt_cents += p->amount_cents;
		break;
	default: break; /* failed or reversed: never charged */
	}
	return 0;
}

static int day_totals(struct service_worker *sw, const struct service_env *env, struct audit_day *d)
{
	int rc;

	memset(d, 0, sizeof(*d));
	rc = audit_last_close(sw->audit, &d->since);
	if (rc == 0)
		rc = journal_each_payment(env->journal, add_up, d);
	return rc;
}

static void money(int64_t cents, char *buf, size_t n)
{
	if (receipt_format_money(cents, buf, n))
		snprintf(buf, n, "?");
}

/* The day's notes by denomination (none without a validator). */
static int day_cash(const struct service_env *env, int64_t since, struct core_cash_count *out)
{
	memset(out, 0, sizeof(*out));
	out->since = since;
	return env->cash ? cash_watch_day(env->cash, since, out) : 0;
}

/* "$20 notes" on a report line; a note of unknown value says so. */
static void note_label(const struct service_env *env, int64_t cents, char *buf, size_t n)
{
	char amount[24];
	const char *fmt = tr(env, N_("%s notes"));
	const char *p = strstr(fmt, "%s");

	if (!cents) {
		snprintf(buf, n, "%s", tr(env, N_("Notes of unknown value")));
		return;
	}
	if (cents % 100)
		money(cents, amount, sizeof(amount));
	else
		snprintf(amount, sizeof(amount), "$%lld", (long long)(cents / 100));
	/* A catalog's text is never a printf format: %s is put in by hand. */
	if (p)
		snprintf(buf, n, "%.*s%s%s", (int)(p - fmt), fmt, amount, p + 2);
	else
		snprintf(buf, n, "%s", fmt);
}

/* The report's cash by denomination: a heading and one row per kind of note, then the total;
 * "" when no validator is configured. */
static int cash_lines(const struct service_env *env, const struct core_cash_count *c, int cols,
		      const char *rule, char *buf, size_t n)
{
	char label[64], count[16], amount[24], row[160];
	size_t used = 0;
	int len;

	buf[0] = '\0';
	if (!env->cash)
		return 0;
	len = snprintf(buf, n, "%s\n%s\n", rule, tr(env, N_("Cash by denomination")));
	for (int i = 0; len >= 0 && (size_t)len < n - used && i <= c->n; i++) {
		used += (size_t)len;
		if (i < c->n) {
			note_label(env, c->d[i].cents, label, sizeof(label));
			snprintf(count, sizeof(count), "%d", c->d[i].count);
			money(c->d[i].cents * c->d[i].count, amount, sizeof(amount));
		} else {
			snprintf(label, sizeof(label), "%s", tr(env, N_("Cash total")));
			snprintf(count, sizeof(count), "%d", c->notes);
			money(c->cents, amount, sizeof(amount));
		}
		if (receipt_table_row(label, count, amount, cols, row, sizeof(row)))
			return KIOSK_EINVAL;
		len = snprintf(buf + used, n - used, "%s\n", row);
	}
	return len < 0 || (size_t)len >= n - used ? KIOSK_EINVAL : 0;
}

/* The day report at the printer's width; rows padded by characters (receipt_table_row), so
 * Spanish labels line up like English ones. */
static int print_report(const struct service_env *env, const struct audit_day *d,
			const struct core_cash_count *cash)
{
	char text[4096], cash_text[2048], since[32], closed[32], money_text[24], count[16],
	    row[3][160];
	char rule_eq[129], rule_dash[129];
	const char *labels[3] = {tr(env, N_("Approved")), tr(env, N_("Declined")),
				 tr(env, N_("In doubt"))};
	const int counts[3] = {d->approved_count, d->declined_count, d->in_doubt_count};
	const int64_t cents[3] = {d->approved_cents, d->declined_cents, d->in_doubt_cents};
	int cols = env->pops && env->pops->columns ? env->pops->columns(env->pimpl) : 42;

	if (cols < 24 || cols > 128)
		cols = 42;
	memset(rule_eq, '=', (size_t)cols);
	rule_eq[cols] = '\0';
	memset(rule_dash, '-', (size_t)cols);
	rule_dash[cols] = '\0';
	if (d->since)
		now_text(since, sizeof(since), d->since);
	else
		snprintf(since, sizeof(since), "-");
	now_text(closed, sizeof(closed), d->closed_at);
	for (int k = 0; k < 3; k++) {
		money(cents[k], money_text, sizeof(money_text));
		snprintf(count, sizeof(count), "%d", counts[k]);
		if (receipt_table_row(labels[k], count, money_text, cols, row[k], sizeof(row[k])))
			return KIOSK_EINVAL;
	}
	if (cash_lines(env, cash, cols, rule_dash, cash_text, sizeof(cash_text)))
		return KIOSK_EINVAL;
	snprintf(text, sizeof(text), "%s\n%s\n%s\n%s: %s\n%s: %s\n%s: %s\n%s\n%s\n%s\n%s\n%s%s\n",
		 env->header, tr(env, N_("END OF DAY REPORT")), rule_eq, tr(env, N_("Kiosk")),
		 env->kiosk_id, tr(env, N_("From")), since, tr(env, N_("Closed")), closed,
		 rule_dash, row[0], row[1], row[2], cash_text, rule_eq);
	return print_text(env, text);
}

static void to_core(const struct audit_day *d, struct core_day_report *r)
{
	r->approved_count = d->approved_count;
	r->approved_cents = d->approved_cents;
	r->declined_count = d->declined_count;
	r->declined_cents = d->declined_cents;
	r->in_doubt_count = d->in_doubt_count;
	r->in_doubt_cents = d->in_doubt_cents;
	r->since = d->since;
	r->closed_at = d->closed_at;
}

static void status(struct service_worker *sw, const struct service_env *env, bool probe,
		   struct core_service_status *out)
{
	struct printer_status ps;
	struct outbox_stats os;

	memset(out, 0, sizeof(*out));
	env->pops->status(env->pimpl, &ps);
	out->printer_present = ps.present;
	out->printer_online = ps.present && ps.online && !ps.error;
	out->paper_near_end = ps.paper_near_end;
	out->paper_out = ps.paper_out;
	out->cover_open = ps.cover_open;
	out->cutter_error = ps.cutter_error;
	out->unrecoverable_error = ps.unrecoverable_error;
	out->reader_ready = env->reader_ready;
	out->terminal = env->terminal;
	if (env->outbox && outbox_get_stats(env->outbox, &os) == 0)
		out->outbox_pending = os.pending;
	out->last_sync = sw->last_sync;
	if (probe) {
		/* Any answer counts, "no such payment" included: the portal is there. */
		struct portal_payment pay;
		struct timespec t0, t1;
		int rc;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = portal_payment_status(env->portal, "kiosk-health-probe", &pay);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		sw->portal_ok = rc == 0 || rc == KIOSK_ENOTFOUND;
		sw->portal_rtt_ms = sw->portal_ok ? (int)((t1.tv_sec - t0.tv_sec) * 1000 +
							  (t1.tv_nsec - t0.tv_nsec) / 1000000)
						  : -1;
	}
	out->portal_ok = sw->portal_ok;
	out->portal_rtt_ms = sw->portal_rtt_ms;
	out->cash = CORE_CASH_NONE;
	if (env->cash)
		cash_watch_status(env->cash, out);
	if (sw->snap)
		service_snapshot_set_status(sw->snap, out);
}

void service_worker_refresh(struct service_worker *sw, const struct service_env *env)
{
	struct core_service_status st;

	if (sw)
		status(sw, env, false, &st);
}

static void lock_text(char *detail, size_t n, int lockouts, int64_t lock_ms)
{
	if (lock_ms == STAFF_PIN_FOREVER)
		snprintf(detail, n, "lockout %d: until unlocked by the portal", lockouts);
	else
		snprintf(detail, n, "lockout %d: %lld min", lockouts, (long long)(lock_ms / 60000));
}

/* The PIN check: refused while no usable PIN is set, answered at once while locked (nothing
 * hashed), else PBKDF2 and the tries counted in sqlite. Returns the audit action. */
static const char *check_pin(struct service_worker *sw, const struct service_env *env,
			     const char *pin, struct core_event *ev, char *detail, size_t n)
{
	struct staff_pin_verdict v;
	bool match = false;
	int64_t left;
	int rc;

	if (!pin_usable(sw)) {
		ev->failure = CORE_FAIL_STORE;
		snprintf(detail, n, "%s", pin_state_name(sw->pin_state));
		return "pin_not_configured";
	}
	rc = staff_pin_may_try(sw->guard, env->now_wall_ms, &left);
	if (rc == KIOSK_EBUSY) {
		ev->failure = CORE_FAIL_LOCKED;
		ev->lock_ms = left == STAFF_PIN_FOREVER ? CORE_LOCK_FOREVER : left;
		return "pin_refused_locked";
	}
	if (rc == 0)
		rc = pin_verify(pin, sw->pin_hash, &match);
	if (rc == 0 && match) {
		staff_pin_right(sw->guard);
		ev->failure = CORE_FAIL_NONE;
		sw->in_service = true;
		return "service_enter";
	}
	if (rc == 0)
		rc = staff_pin_wrong(sw->guard, env->now_wall_ms, &v);
	if (rc) {
		ev->failure = CORE_FAIL_STORE;
		snprintf(detail, n, "failed: %s", kiosk_strerror(rc));
		return "pin";
	}
	ev->lock_ms = v.lock_ms == STAFF_PIN_FOREVER ? CORE_LOCK_FOREVER : v.lock_ms;
	if (v.tries_left > 0) {
		ev->failure = CORE_FAIL_REFUSED;
		ev->choice = v.tries_left;
		return "pin_wrong";
	}
	ev->failure = CORE_FAIL_LOCKED;
	lock_text(detail, n, v.lockouts, v.lock_ms);
	log_warn("service", "staff PIN: %s", detail);
	return "pin_lockout"; /* to the portal through the outbox, like every audit entry */
}

/* kioskctl set-pin: 6 to 8 digits, hashed at the full cost, kept in sqlite; it also lifts a
 * lock (IT is there). KIOSK_EINVAL for a PIN that is not acceptable. */
static int set_pin(struct service_worker *sw, const struct service_env *env, const char *pin)
{
	char hash[PIN_HASH_MAX];
	int rc = pin_make(pin, hash, sizeof(hash));

	if (rc == 0 && pin_assess(hash) == PIN_STATE_DEMO)
		rc = KIOSK_EINVAL;
	if (rc == 0)
		rc = staff_pin_store_hash(sw->guard, hash, env->now_wall_ms);
	if (rc == 0)
		rc = staff_pin_unlock(sw->guard);
	if (rc == 0) {
		use_pin(sw, hash, "set with kioskctl");
		log_info("service", "a new staff PIN was set with kioskctl");
	}
	return rc;
}

static const char *op_name(int op)
{
	switch (op) {
	case CORE_SOP_CHECK_PIN: return "pin";
	case CORE_SOP_SET_PIN: return "pin_set";
	case CORE_SOP_CASHBOX: return "cashbox";
	case CORE_SOP_EMPTY_CASHBOX: return "cashbox_emptied";
	case CORE_SOP_CASH_CLEAR: return "cash_alarm_cleared";
	case CORE_SOP_STATUS: return "device_status";
	case CORE_SOP_TEST_PRINT: return "test_print";
	case CORE_SOP_REPRINT_LAST: return "reprint_last";
	case CORE_SOP_REPRINT_REF: return "reprint";
	case CORE_SOP_REPORT: return "report";
	case CORE_SOP_CLOSE_DAY: return "close_day";
	default: return "action";
	}
}

/* "$20 x3 $5 x1": what a count holds, for an audit entry's detail. */
static void count_detail(const struct core_cash_count *c, char *buf, size_t n)
{
	size_t used = 0;
	int len = snprintf(buf, n, "notes %d cents %lld:", c->notes, (long long)c->cents);

	for (int i = 0; len >= 0 && (size_t)len < n - used && i < c->n; i++) {
		used += (size_t)len;
		len = snprintf(buf + used, n - used, " %lld x%d", (long long)c->d[i].cents,
			       c->d[i].count);
	}
}

/* KIOSK_EDEVICE: no validator is configured; anything else the cash box's records. */
static enum core_failure cash_failure(int rc)
{
	return rc == 0		     ? CORE_FAIL_NONE
	       : rc == KIOSK_EDEVICE ? CORE_FAIL_NOT_FOUND
				     : CORE_FAIL_STORE;
}

/* Empty cash box and Clear cash alarm; both let the validator take notes again. */
static int cash_op(struct service_worker *sw, const struct service_env *env, int op,
		   const char *source, struct core_event *ev, char *detail, size_t n)
{
	char who[CASHBOX_WHO_LEN], had[CASHBOX_ALARM_LEN];
	int rc;

	if (!env->cash)
		return KIOSK_EDEVICE;
	if (op == CORE_SOP_EMPTY_CASHBOX) {
		/* One staff PIN: who is the way in (the screen needs it, kioskctl its group). */
		snprintf(who, sizeof(who), "%s",
			 !strcmp(source, "screen") ? "staff at the kiosk (service PIN)" : source);
		rc = cash_watch_empty(env->cash, who, env->now_wall_ms / 1000, &ev->report.cash);
		if (rc == 0)
			count_detail(&ev->report.cash, detail, n);
	} else {
		rc = cash_watch_clear(env->cash, had, sizeof(had));
		if (rc == 0)
			snprintf(detail, n, "%s", had[0] ? had : "no alarm latched");
	}
	/* A full stacker is empty now, a jam or an alarm checked: the validator may go on. */
	if (rc == 0 && env->cops && env->cops->clear_faults &&
	    env->cops->clear_faults(env->cimpl) == 0)
		cash_watch_faults_cleared(env->cash);
	status(sw, env, false, &ev->status);
	return rc;
}

bool service_worker_cash(struct service_worker *sw, const struct service_env *env,
			 const struct val_status *st, struct core_event *ev)
{
	struct cash_watch_change ch;
	bool queued = false;

	memset(ev, 0, sizeof(*ev));
	if (!sw || !env->cash)
		return false;
	cash_watch_device(env->cash, st, sw->in_service, env->now_wall_ms / 1000, &ch);
	for (int i = 0; i < ch.n_audits; i++)
		queued = service_worker_audit(sw, env, "validator", ch.audits[i].action,
					      ch.audits[i].detail) ||
			 queued;
	if (ch.clear_faults && env->cops->clear_faults)
		env->cops->clear_faults(env->cimpl);
	service_worker_refresh(sw, env);
	(void)queued; /* the outbox is drained in the background like every audit entry */
	return service_worker_cash_news(sw, env, ev);
}

bool service_worker_cash_news(struct service_worker *sw, const struct service_env *env,
			      struct core_event *ev)
{
	enum core_cash_problem p;

	memset(ev, 0, sizeof(*ev));
	if (!sw || !env->cash)
		return false;
	p = cash_watch_problem(env->cash);
	if ((int)p == sw->cash_told)
		return false;
	sw->cash_told = (int)p;
	ev->type = CORE_EV_CASH_PROBLEM;
	ev->choice = (int)p;
	return true;
}

bool service_worker_in_service(const struct service_worker *sw)
{
	return sw && sw->in_service;
}

bool service_worker_run(struct service_worker *sw, const struct service_env *env,
			const struct core_effect *fx, const char *source, struct core_event *ev)
{
	char detail[96] = "";
	const char *action = op_name(fx->op);
	struct audit_day d;
	int rc = 0;

	memset(ev, 0, sizeof(*ev));
	ev->type = CORE_EV_SERVICE_DONE;
	ev->op = fx->op;
	ev->request_id = fx->request_id;
	switch (fx->op) {
	case CORE_SOP_CHECK_PIN:
		action = check_pin(sw, env, fx->text, ev, detail, sizeof(detail));
		goto audit;
	case CORE_SOP_SET_PIN:
		rc = set_pin(sw, env, fx->text);
		ev->failure = rc == KIOSK_EINVAL ? CORE_FAIL_REFUSED
			      : rc		 ? CORE_FAIL_STORE
						 : CORE_FAIL_NONE;
		if (rc)
			return false; /* nothing changed: nothing to audit */
		goto audit;
	case CORE_SOP_STATUS:
		status(sw, env, true, &ev->status);
		return false; /* looking is not an action */
	case CORE_SOP_TEST_PRINT: rc = test_page(env); break;
	case CORE_SOP_REPRINT_LAST:
	case CORE_SOP_REPRINT_REF:
		rc = reprint(env, fx->op == CORE_SOP_REPRINT_REF ? fx->text : "", ev->reference,
			     sizeof(ev->reference));
		snprintf(detail, sizeof(detail), "%s", ev->reference[0] ? ev->reference : fx->text);
		break;
	case CORE_SOP_REPORT:
		rc = day_totals(sw, env, &d);
		if (rc == 0)
			rc = day_cash(env, d.since, &ev->report.cash);
		if (rc == 0)
			to_core(&d, &ev->report);
		ev->failure = rc ? CORE_FAIL_STORE : CORE_FAIL_NONE;
		return false;
	case CORE_SOP_CASHBOX:
		status(sw, env, false, &ev->status);
		rc = env->cash ? cash_watch_count(env->cash, &ev->report.cash) : KIOSK_EDEVICE;
		ev->failure = cash_failure(rc);
		return false; /* looking is not an action */
	case CORE_SOP_EMPTY_CASHBOX:
	case CORE_SOP_CASH_CLEAR:
		rc = cash_op(sw, env, fx->op, source, ev, detail, sizeof(detail));
		ev->failure = cash_failure(rc);
		if (rc == KIOSK_EDEVICE)
			return false; /* nothing there: nothing done */
		break;
	case CORE_SOP_CLOSE_DAY:
		rc = day_totals(sw, env, &d);
		if (rc == 0)
			rc = day_cash(env, d.since, &ev->report.cash);
		if (rc == 0) {
			d.closed_at = (int64_t)time(NULL);
			rc = audit_store_close(sw->audit, &d);
		}
		if (rc) {
			ev->failure = CORE_FAIL_STORE;
			break;
		}
		to_core(&d, &ev->report);
		snprintf(detail, sizeof(detail),
			 "approved %d/%lld declined %d/%lld in_doubt %d/%lld cash %d/%lld",
			 d.approved_count, (long long)d.approved_cents, d.declined_count,
			 (long long)d.declined_cents, d.in_doubt_count, (long long)d.in_doubt_cents,
			 ev->report.cash.notes, (long long)ev->report.cash.cents);
		/* Closed and stored first: a printer out of paper does not keep the day open. */
		rc = print_report(env, &d, &ev->report.cash);
		break;
	case CORE_SOP_AUDIT:
		action = fx->text;
		if (!strcmp(action, "service_exit") || !strcmp(action, "service_timeout"))
			sw->in_service = false;
		break;
	default: rc = KIOSK_EINVAL; break;
	}
	if (!ev->failure)
		ev->failure = print_failure(rc);
audit:
	if (rc && !detail[0] && fx->op != CORE_SOP_CHECK_PIN && fx->op != CORE_SOP_SET_PIN)
		snprintf(detail, sizeof(detail), "failed: %s", kiosk_strerror(rc));
	return service_worker_audit(sw, env, source, action, detail);
}
