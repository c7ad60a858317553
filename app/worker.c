/* The worker thread: a plain job queue between the UI thread and the adapters. Jobs (core
 * effects, swipes, device changes, staff operations) are taken in order and handed to the
 * module that owns them (payments, accounts, staff service); their answers go back to the UI
 * as core events. When idle it runs the background work those modules schedule (settling
 * payments in doubt, draining the outbox). It also opens and closes the adapters, on this
 * thread, so that even start-up I/O stays off the UI thread. */
#include "app/worker.h"

#include <errno.h>
#include <mbedtls/platform_util.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/account_worker.h"
#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/inbox.h"
#include "app/common/log.h"
#include "app/crypto/seal.h"
#include "app/i18n.h"
#include "app/payments/cash_tender.h"
#include "app/payments/payments.h"
#include "app/payments/receipts.h"
#include "app/payments/sync.h"
#include "app/payments/terminal_tender.h"
#include "app/service/service_worker.h"
#include "app/store/journal.h"
#include "app/store/outbox.h"
#include "drivers/sim/sim_cash.h"
#include "drivers/sim/sim_printer.h"
#include "drivers/usb/usbdev.h"

#define OUTBOX_CAPACITY 10000
/* How often an idle kiosk asks the payment terminal how it is (nexo Diagnosis); sooner after
 * a payment found it unreachable, to say when it is back. */
#define TERMINAL_CHECK_MS (60 * 1000)
#define TERMINAL_RECHECK_MS (10 * 1000)

enum job_kind { JOB_EFFECT, JOB_SWIPE, JOB_STATUS, JOB_TENDER, JOB_QUIT };

struct job {
	struct job *next;
	enum job_kind kind;
	struct core_effect fx;
	enum core_lang lang;
	struct card_swipe swipe;
	struct tender_event tender; /* JOB_TENDER: what an asynchronous tender reported */
	/* A staff operation from kioskctl: the answer goes here instead of to the core. */
	void (*done)(void *ctx, const struct core_event *ev);
	void *done_ctx;
};

struct worker {
	struct worker_config cfg;
	pthread_t thread;
	bool started;
	int start_rc; /* 1 until the worker has opened its adapters */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct job *head, *tail;

	/* Owned by the worker thread alone. */
	struct portal *portal;
	struct journal *journal;
	struct sealer *sealer;
	struct outbox *outbox;
	struct sync sync;
	struct payments *payments;
	struct terminal *terminal;	  /* the card terminal, or NULL with a magstripe reader */
	struct terminal_display *display; /* its display notifications, or NULL */
	struct terminal_tender tt;
	enum core_terminal terminal_health; /* as last checked */
	int terminal_told;		    /* the health last posted, -1 before the first */
	int64_t terminal_due_ms;	    /* the next Diagnosis, -1: none */
	struct sim_printer *printer;	    /* --devices sim */
	struct usbdev *usb;		    /* --devices usb */
	const struct printer_ops *pops;
	void *pimpl;
	struct service_worker *svc;	/* staff operations and the audit log */
	struct account_session session; /* the signed-in resident's token (account_worker.c) */
	int printer_told;		/* the enum core_printer last posted, -1 before the first */
	struct cash_tender *cash;	/* [cash]: the cash tender, NULL when none */
	struct sim_cash *cash_sim;	/* --devices sim: the simulated validator */
	int cash_told;			/* cash availability last posted (device thread), -1 */
	struct cash_watch *cash_box;	/* the cash box and the validator's alarms, with cash */
	const struct cash_ops *cops;	/* the validator (sim or USB), once attached */
	void *cimpl;
	/* The validator's status as its hook gave it (under lock: the device thread writes it);
	 * a device's own status call may still hold the one before. */
	struct val_status cash_st;
	bool cash_st_new;
};

/* A result with the portal's account answer its event points to, in one allocation: the event
 * first, so the UI thread takes it as a struct core_event and one free() releases both. */
struct answered {
	struct core_event ev;
	struct core_account_result acct;
};

/* A result for the core, into the UI thread's inbox. */
static void post(struct worker *w, const struct core_event *ev)
{
	struct core_event *copy;

	if (ev->acct) {
		struct answered *a = malloc(sizeof(*a));
		if (a) {
			a->ev = *ev;
			a->acct = *ev->acct;
			a->ev.acct = &a->acct;
		}
		copy = a ? &a->ev : NULL;
	} else {
		copy = malloc(sizeof(*copy));
		if (copy)
			*copy = *ev;
	}
	if (!copy) {
		log_error("worker", "out of memory: a result for the screen is lost");
		return;
	}
	if (inbox_post(w->cfg.inbox, INBOX_RESULT, copy)) {
		/* The UI takes everything on every wake; a full inbox means it is gone. */
		log_error("worker", "the UI thread's inbox is full; dropping a result");
		free(copy);
	}
}

static void enqueue(struct worker *w, struct job *j)
{
	pthread_mutex_lock(&w->lock);
	if (w->tail)
		w->tail->next = j;
	else
		w->head = j;
	w->tail = j;
	pthread_cond_signal(&w->cond);
	pthread_mutex_unlock(&w->lock);
}

/* A new job, or NULL (logged) when memory ran out. */
static struct job *new_job(enum job_kind kind, const char *what)
{
	struct job *j = calloc(1, sizeof(*j));

	if (!j)
		log_error("worker", "out of memory: %s lost", what);
	else
		j->kind = kind;
	return j;
}

void worker_submit(struct worker *w, const struct core_effect *fx, enum core_lang lang)
{
	struct job *j = new_job(JOB_EFFECT, "an effect");

	if (!j)
		return;
	j->fx = *fx;
	j->lang = lang;
	enqueue(w, j);
}

void worker_swipe(struct worker *w, struct card_swipe *swipe)
{
	struct job *j = new_job(JOB_SWIPE, "a swipe");

	if (j) {
		j->swipe = *swipe;
		enqueue(w, j);
	}
	card_swipe_wipe(swipe);
}

void worker_service(struct worker *w, const struct core_effect *fx,
		    void (*done)(void *ctx, const struct core_event *ev), void *ctx)
{
	struct job *j = new_job(JOB_EFFECT, "a staff operation");

	if (!j) {
		struct core_event ev = {
		    .type = CORE_EV_SERVICE_DONE, .op = fx->op, .failure = CORE_FAIL_STORE};
		done(ctx, &ev);
		return;
	}
	j->fx = *fx;
	j->lang = CORE_LANG_EN;
	j->done = done;
	j->done_ctx = ctx;
	enqueue(w, j);
}

/* An asynchronous tender's report (the terminal's Payment thread): the payment is the
 * worker's, so it is handed over as a job. */
static void tender_report(void *ctx, const struct tender_event *ev)
{
	struct job *j = new_job(JOB_TENDER, "a tender's answer");

	if (j) {
		j->tender = *ev;
		enqueue(ctx, j);
	}
}

/* A device changed (USB thread, or a test's paper switch): the worker looks at it next. */
static void status_changed(void *ctx)
{
	struct job *j = new_job(JOB_STATUS, "a device change");

	if (j)
		enqueue(ctx, j);
}

static enum core_lang tr_lang; /* the worker thread's receipt language, set per print */

static const char *tr_receipt(const char *msgid)
{
	return i18n_tr(tr_lang, msgid);
}

/* The receipt translator for lang; the printer calls it on this thread only. */
static receipt_tr_fn receipt_tr(enum core_lang lang)
{
	tr_lang = lang;
	return tr_receipt;
}

static void receipts_env_of(const struct worker *w, enum core_lang lang, struct receipts_env *env)
{
	env->pops = w->pops;
	env->pimpl = w->pimpl;
	env->header = w->cfg.receipt_header;
	env->footer = w->cfg.receipt_footer;
	env->kiosk_id = w->cfg.kiosk_id;
	env->city_phone = w->cfg.city_phone;
	env->city_website = w->cfg.city_website;
	env->tr = receipt_tr(lang);
	env->lang = (int)lang;
	env->qr_url = w->cfg.receipt_qr_url;
}

static void service_env_of(struct worker *w, struct service_env *env, enum core_lang lang)
{
	memset(env, 0, sizeof(*env));
	env->journal = w->journal;
	env->outbox = w->outbox;
	env->portal = w->portal;
	env->pops = w->pops;
	env->pimpl = w->pimpl;
	env->reader_ready = w->printer != NULL || w->usb != NULL;
	env->terminal = w->terminal_health;
	env->cash = w->cash_box;
	env->cops = w->cops;
	env->cimpl = w->cimpl;
	env->header = w->cfg.receipt_header;
	env->kiosk_id = w->cfg.kiosk_id;
	env->tr = receipt_tr(lang);
	env->lang = (int)lang;
	env->now_wall_ms = clock_wall_ms();
}

/* kioskctl reads devices and outbox from the snapshot: kept current at every change. */
static void refresh_service(struct worker *w)
{
	struct service_env env;

	service_env_of(w, &env, CORE_LANG_EN);
	service_worker_refresh(w->svc, &env);
}

/* Tells the core when the printer's state, as the resident is concerned, changed. */
static void post_printer_status(struct worker *w)
{
	struct core_event ev = {.type = CORE_EV_PRINTER_STATUS};
	struct printer_status st;

	refresh_service(w);
	w->pops->status(w->pimpl, &st);
	if (st.paper_out)
		ev.printer = CORE_PRINTER_PAPER_OUT;
	else if (st.cover_open)
		ev.printer = CORE_PRINTER_COVER_OPEN;
	else if (printer_status_blocked(&st))
		ev.printer = CORE_PRINTER_OFFLINE;
	else
		ev.printer = CORE_PRINTER_OK;
	if ((int)ev.printer == w->printer_told)
		return;
	w->printer_told = (int)ev.printer;
	log_info("worker", "printer: %s%s%s%s%s%s%s", st.present ? "present" : "missing",
		 st.paper_out ? ", paper out" : "", st.paper_near_end ? ", paper near end" : "",
		 st.cover_open ? ", cover open" : "", st.error ? ", error" : "",
		 st.cutter_error ? " (cutter jammed)" : "",
		 st.unrecoverable_error ? " (unrecoverable: needs service)" : "");
	post(w, &ev);
}

/* The terminal's health changed: staff, kioskctl and the heartbeat hear it. */
static void set_terminal_health(struct worker *w, enum core_terminal h)
{
	struct core_event ev = {.type = CORE_EV_TERMINAL_STATUS, .choice = (int)h};

	w->terminal_health = h;
	if ((int)h == w->terminal_told)
		return;
	if (w->terminal_told >= 0 || h != CORE_TERMINAL_OK)
		log_info("worker", "payment terminal: %s", core_terminal_name(h));
	w->terminal_told = (int)h;
	refresh_service(w);
	post(w, &ev);
}

/* Asks the terminal how it is (nexo Diagnosis), never while a Payment waits for a card: the
 * terminal would answer Busy, and the answer says nothing new. */
static void check_terminal(struct worker *w)
{
	struct nexo_response r;
	enum core_terminal h;
	int rc;

	w->terminal_due_ms = clock_wall_ms() + TERMINAL_CHECK_MS;
	if (!w->terminal || payments_busy(w->payments))
		return;
	rc = terminal_diagnosis(w->terminal, &r);
	if (rc == KIOSK_ETLS)
		h = CORE_TERMINAL_UNTRUSTED;
	else if (rc != 0)
		h = CORE_TERMINAL_UNREACHABLE;
	else if (r.outcome.result == NEXO_RESULT_SUCCESS && !strcmp(r.global_status, "OK"))
		h = CORE_TERMINAL_OK;
	else
		h = CORE_TERMINAL_BUSY;
	if (h != CORE_TERMINAL_OK)
		w->terminal_due_ms = clock_wall_ms() + TERMINAL_RECHECK_MS;
	set_terminal_health(w, h);
}

/* A staff operation (app/service/service_worker.c); its audit entry goes out through the
 * outbox like a payment's confirmation. */
static void run_service(struct worker *w, struct job *j)
{
	struct service_env env;
	struct core_event ev;

	if (j->fx.op == CORE_SOP_STATUS)
		check_terminal(w); /* staff see the terminal as it is now */
	service_env_of(w, &env, j->lang);
	if (service_worker_run(w->svc, &env, &j->fx, j->done ? "kioskctl" : "screen", &ev))
		sync_kick(&w->sync);
	/* A PIN typed or set (CORE_SOP_CHECK_PIN, CORE_SOP_SET_PIN) ends here. */
	mbedtls_platform_zeroize(j->fx.text, sizeof(j->fx.text));
	if (j->done)
		j->done(j->done_ctx, &ev);
	else
		post(w, &ev);
	/* Staff emptied the box or cleared an alarm (here or with kioskctl): residents' side. */
	if (service_worker_cash_news(w->svc, &env, &ev))
		post(w, &ev);
}

/* A resident's account effect; an Auto Pay by card uses, then drops, the card held. */
static void run_account_effect(struct worker *w, const struct core_effect *fx)
{
	struct core_event ev;
	struct core_account_result answer;

	account_run(w->portal, &w->session, fx, payments_card(w->payments), &ev, &answer);
	if (fx->type == CORE_FX_AUTOPAY)
		payments_drop_card(w->payments);
	post(w, &ev);
}

static void run_effect(struct worker *w, const struct core_effect *fx, enum core_lang lang)
{
	struct receipts_env renv;
	struct core_event ev;

	switch (fx->type) {
	case CORE_FX_LOOKUP:
		account_lookup(w->portal, fx, &ev);
		post(w, &ev);
		break;
	case CORE_FX_LOOKUP_SCANNED:
		account_lookup_scanned(w->portal, fx, &ev);
		post(w, &ev);
		break;
	case CORE_FX_READER_ON: payments_reader(w->payments, true); break;
	case CORE_FX_READER_OFF: payments_reader(w->payments, false); break;
	case CORE_FX_PAY:
		if (payments_pay(w->payments, fx, &ev))
			post(w, &ev);
		break;
	case CORE_FX_PAY_ABORT:
		if (payments_abort(w->payments, fx, &ev))
			post(w, &ev);
		break;
	case CORE_FX_PRINT:
		receipts_env_of(w, lang, &renv);
		payments_print(w->payments, &renv, &ev);
		post(w, &ev);
		break;
	case CORE_FX_EMAIL_RECEIPT:
	case CORE_FX_TEXT_RECEIPT:
		account_send_receipt(w->portal, fx, lang, &ev);
		post(w, &ev);
		break;
	case CORE_FX_DROP_CARD: payments_drop_card(w->payments); break;
	case CORE_FX_END_SESSION:
		payments_end_session(w->payments);
		account_session_end(w->portal, &w->session);
		break;
	default:
		if (account_effect(fx->type))
			run_account_effect(w, fx);
		break;
	}
}

/* The validator's status as the cash box sees it (alarms, faults, a swapped validator): audited,
 * and residents, staff and the heartbeat told when why cash is off changed. */
static void post_cash_status(struct worker *w)
{
	struct service_env env;
	struct core_event ev;
	struct val_status st;
	bool fresh;

	pthread_mutex_lock(&w->lock);
	st = w->cash_st;
	fresh = w->cash_st_new;
	w->cash_st_new = false;
	pthread_mutex_unlock(&w->lock);
	if (!w->cash_box || !fresh)
		return;
	service_env_of(w, &env, CORE_LANG_EN);
	if (service_worker_cash(w->svc, &env, &st, &ev))
		post(w, &ev);
	sync_kick(&w->sync); /* the audit entries go out with the outbox */
}

/* The validator the tender drives is also the one staff clear and the cash box watches. */
static void attach_cash(struct worker *w, const struct cash_ops *ops, void *impl)
{
	cash_tender_attach(w->cash, ops, impl);
	w->cops = ops;
	w->cimpl = impl;
}

static void run_job(struct worker *w, struct job *j)
{
	struct core_event ev;

	if (j->kind == JOB_SWIPE) {
		if (payments_swipe(w->payments, &j->swipe, &ev) == 0)
			post(w, &ev);
	} else if (j->kind == JOB_STATUS) {
		post_printer_status(w);
		post_cash_status(w);
	} else if (j->kind == JOB_TENDER) {
		if (j->tender.rc == KIOSK_EOFFLINE) {
			/* The Payment never reached the terminal: it is not there now. */
			set_terminal_health(w, CORE_TERMINAL_UNREACHABLE);
			w->terminal_due_ms = clock_wall_ms() + TERMINAL_RECHECK_MS;
		}
		if (payments_tender_event(w->payments, &j->tender, &ev))
			post(w, &ev);
	} else if (j->fx.type == CORE_FX_SERVICE) {
		run_service(w, j);
	} else {
		run_effect(w, &j->fx, j->lang);
	}
}

/* A scan from a USB barcode scanner, on the USB thread: straight to the core, like a tap (a
 * barcode holds nothing secret, and the worker has no part in it). */
static void usb_scan(void *ctx, const char *text)
{
	struct worker *w = ctx;
	struct core_event ev = core_ev(CORE_EV_BARCODE);

	if (strlen(text) >= sizeof(ev.text)) {
		log_info("worker", "a scan of %zu characters: too long to be a bill", strlen(text));
		snprintf(ev.text, sizeof(ev.text), "?"); /* refused as not one of our bills */
	} else {
		snprintf(ev.text, sizeof(ev.text), "%s", text);
	}
	ev.now_ms = clock_mono_ms();
	post(w, &ev);
}

/* A swipe from a USB reader, on the USB thread: queued like any other. */
static void usb_swipe(void *ctx, struct card_swipe *swipe)
{
	worker_swipe(ctx, swipe);
}

/* ---- cash: the validator's hooks land here (device thread) ---- */

/* A note went back: the resident reads why (straight to the UI; nothing to journal). */
static void cash_refused(void *ctx, enum core_cash_refusal why, const char *arg)
{
	struct core_event ev = {.type = CORE_EV_CASH_REFUSED, .choice = (int)why};

	snprintf(ev.text, sizeof(ev.text), "%s", arg);
	post(ctx, &ev);
}

/* Whether cash can be taken, each time that changes. */
static void cash_status(void *ctx, const struct val_status *st)
{
	struct worker *w = ctx;
	int ready = st->up && !st->faults && st->cashbox_present;
	struct core_event ev = {.type = CORE_EV_CASH_AVAILABLE, .choice = ready};

	/* Every change, not only of readiness: the cash box's alarms look at each one. */
	pthread_mutex_lock(&w->lock);
	w->cash_st = *st;
	w->cash_st_new = true;
	pthread_mutex_unlock(&w->lock);
	status_changed(w);
	if (ready == w->cash_told)
		return;
	w->cash_told = ready;
	log_info("worker", "cash %s%s%s", ready ? "available" : "not available",
		 st->error[0] ? ": " : "", st->error);
	post(w, &ev);
}

/* A journaled progress of the payment: the new total for the resident. */
static void cash_progress(void *ctx, int64_t taken_cents)
{
	struct core_event ev = {.type = CORE_EV_CASH_PROGRESS, .cents = taken_cents};

	post(ctx, &ev);
}

static int cash_notes_of(void *impl, const char *key, struct portal_cash_note *out, int cap, int *n)
{
	return cash_tender_notes(impl, key, out, cap, n);
}

static void cash_val_config(const struct worker *w, struct val_config *vc)
{
	memset(vc, 0, sizeof(*vc));
	vc->fixed_key = w->cfg.cash_fixed_key;
	snprintf(vc->currency, sizeof(vc->currency), "USD");
	/* Every channel stays open at the device: the kiosk decides at escrow, so a note it
	 * does not take goes back with the reason on screen. */
}

/* [cash] configured: the tender, opened before the payments that use it. */
static int open_cash(struct worker *w)
{
	const struct worker_config *cfg = &w->cfg;
	struct cash_tender_config cc = {
	    .journal_path = cfg->journal_path,
	    .report = tender_report, /* a credited note, journaled: as the terminal's answers */
	    .report_ctx = w,
	    .refused = cash_refused,
	    .refused_ctx = w,
	    .on_status = cash_status,
	    .status_ctx = w,
	};
	int rc;

	if (!cfg->cash_device || !cfg->cash_device[0] || !strcmp(cfg->cash_device, "none"))
		return 0;
	rc = core_cash_denominations(cfg->cash_denominations ? cfg->cash_denominations : "",
				     cc.limits.denominations, CASH_MAX_DENOMS,
				     &cc.limits.n_denominations);
	if (rc) {
		log_error("worker", "[cash] denominations '%s' is not a list of note values",
			  cfg->cash_denominations ? cfg->cash_denominations : "");
		return rc;
	}
	cc.limits.max_payment_cents = cfg->cash_max_payment_cents;
	cc.limits.max_credit_cents = cfg->cash_max_credit_cents;
	/* Each journaled note is counted into the cash box on the device's thread. */
	rc = cfg->cashbox_path ? cash_watch_open(cfg->cashbox_path, &w->cash_box) : 0;
	if (rc)
		return rc;
	cc.on_note = w->cash_box ? cash_watch_note : NULL;
	cc.note_ctx = w->cash_box;
	rc = cash_tender_open(&cc, &w->cash);
	if (rc)
		log_error("worker", "cannot open the cash notes in %s: %s", cfg->journal_path,
			  kiosk_strerror(rc));
	return rc;
}

static int open_usb(struct worker *w)
{
	struct usbdev_config uc = {.on_swipe = usb_swipe,
				   .swipe_ctx = w,
				   .on_change = status_changed,
				   .change_ctx = w,
				   .printer_profile = w->cfg.printer_profile,
				   .on_scan = usb_scan,
				   .scan_ctx = w};
	struct usbdev_id ids[32], scanners[32];
	size_t n = 0;
	int rc;

	if (w->cfg.scanners && w->cfg.scanners[0]) {
		rc = usbdev_parse_ids(w->cfg.scanners, scanners, 32, &n);
		if (rc)
			return rc;
		uc.scanners = scanners;
		uc.n_scanners = n;
	}

	if (w->cash) {
		cash_val_config(w, &uc.cash);
		cash_tender_hooks(w->cash, &uc.cash_hooks);
	}
	if (w->cfg.wedge_readers && w->cfg.wedge_readers[0]) {
		rc = usbdev_parse_ids(w->cfg.wedge_readers, ids, 32, &n);
		if (rc)
			return rc;
		uc.wedges = ids;
		uc.n_wedges = n;
	}
	rc = usbdev_open(&uc, &w->usb);
	if (rc) {
		log_error("worker", "cannot start USB: %s", kiosk_strerror(rc));
		return rc;
	}
	w->pops = &usbdev_printer_ops;
	w->pimpl = w->usb;
	if (w->cash)
		attach_cash(w, &usbdev_cash_ops, w->usb);
	return 0;
}

/* A display notification, on libmicrohttpd's thread: only the Payment in progress (its
 * ServiceID) may change what the card step shows; the prompt goes to the UI inbox. */
static void on_display(void *ctx, const struct nexo_display *d)
{
	struct worker *w = ctx;
	struct core_event ev = {.type = CORE_EV_TERMINAL_PROMPT};
	char sid[11];
	int prompt;

	if (terminal_tender_service_id(&w->tt, sid, sizeof(sid)) != 0 ||
	    strcmp(sid, d->service_id) != 0) {
		log_info("worker", "terminal display %s%s for ServiceID %s: not the payment now",
			 d->event_name, d->text, d->service_id);
		return;
	}
	prompt = terminal_tender_prompt(d, ev.text, sizeof(ev.text));
	log_info("worker", "terminal display: %s%s%s", d->event_name, d->text[0] ? "text " : "",
		 prompt < 0 ? " (kept)" : "");
	if (prompt < 0)
		return;
	ev.choice = prompt;
	post(w, &ev);
}

/* The payment terminal, when the kiosk has one: its client only (no network here), so a bad
 * setting stops the kiosk at start with a clear line, not at the first payment. */
static int open_terminal(struct worker *w)
{
	const struct terminal_config *tc = &w->cfg.terminal;
	int rc;

	if (!tc->url)
		return 0;
	if (!tc->url[0] || !tc->ca_file || !tc->ca_file[0] || !tc->poi_id || !tc->poi_id[0]) {
		log_error("worker", "payments.card is terminal but terminal.url, terminal.ca_file "
				    "or terminal.poi_id is not set (docs/operations.md)");
		return KIOSK_EINVAL;
	}
	rc = terminal_open(tc, &w->terminal);
	if (rc) {
		log_error("worker", "cannot set up the payment terminal %s: %s", tc->url,
			  kiosk_strerror(rc));
		return rc;
	}
	terminal_tender_init(&w->tt, w->terminal, tender_report, w);
	log_info("worker", "card payments through the terminal %s (POIID %s)", tc->url, tc->poi_id);
	if (w->cfg.terminal_display.listen) {
		rc = terminal_display_open(&w->cfg.terminal_display, on_display, w, &w->display);
		if (rc) {
			log_error("worker",
				  "cannot take the terminal's display notifications on %s:%u: %s "
				  "(terminal.display_* in docs/operations.md)",
				  w->cfg.terminal_display.listen, w->cfg.terminal_display.port,
				  kiosk_strerror(rc));
			return rc;
		}
	}
	return 0;
}

static int open_devices(struct worker *w)
{
	const struct worker_config *cfg = &w->cfg;
	int rc;

	if (cfg->devices && !strcmp(cfg->devices, "usb"))
		return open_usb(w);
	rc = sim_printer_open(cfg->receipts_dir, cfg->mono_font, &w->printer);
	if (rc) {
		log_error("worker", "cannot open the simulated printer in %s: %s",
			  cfg->receipts_dir, kiosk_strerror(rc));
		return rc;
	}
	w->pops = &sim_printer_ops;
	w->pimpl = w->printer;
	if (w->cash) {
		struct val_config vc;
		struct val_hooks hooks;

		struct essp_emu_config ec = {.state_path = cfg->cash_sim_state};

		cash_val_config(w, &vc);
		cash_tender_hooks(w->cash, &hooks);
		rc = sim_cash_open(&vc, &hooks, &ec, &w->cash_sim);
		if (rc) {
			log_error("worker", "cannot start the simulated validator: %s",
				  kiosk_strerror(rc));
			return rc;
		}
		attach_cash(w, &sim_cash_ops, w->cash_sim);
	}
	return 0;
}

/* kioskctl's "last sync": the outbox delivered something. */
static void note_sync(void *ctx)
{
	service_worker_note_sync(((struct worker *)ctx)->svc);
}

/* Opens everything the worker owns, on the worker thread, so that even start-up and
 * shutdown I/O (sqlite's fsyncs, TLS close) stay off the UI thread. */
static int open_adapters(struct worker *w)
{
	const struct worker_config *cfg = &w->cfg;
	struct payments_config pc;
	int rc;

	rc = journal_open(cfg->journal_path, &w->journal);
	if (rc) {
		log_error("worker", "cannot open the payment journal %s: %s", cfg->journal_path,
			  kiosk_strerror(rc));
		return rc;
	}
	rc = seal_open(cfg->seal_key, &w->sealer);
	if (rc) {
		log_error("worker", "cannot load the card-sealing key %s: %s", cfg->seal_key,
			  kiosk_strerror(rc));
		return rc;
	}
	rc = portal_open(&cfg->portal, &w->portal);
	if (rc) {
		log_error("worker", "cannot set up the portal client: %s", kiosk_strerror(rc));
		return rc;
	}
	rc = outbox_open(cfg->outbox_path, OUTBOX_CAPACITY, &w->outbox);
	if (rc) {
		log_error("worker", "cannot open the outbox %s: %s", cfg->outbox_path,
			  kiosk_strerror(rc));
		return rc;
	}
	if (cfg->audit_path) {
		rc = service_worker_open(cfg->audit_path, cfg->pin_hash, cfg->allow_demo_pin,
					 cfg->snapshot, &w->svc);
		if (rc)
			return rc;
	}
	sync_init(&w->sync, w->outbox, w->portal, w->journal, note_sync, w);
	rc = open_terminal(w);
	if (rc)
		return rc;
	rc = open_cash(w);
	if (rc)
		return rc;
	/* A request sent just before a crash may still reach the portal for its whole deadline;
	 * only after that is "the portal never saw it" final. */
	pc = (struct payments_config){
	    .journal = w->journal,
	    .portal = w->portal,
	    .sealer = w->sealer,
	    .sync = &w->sync,
	    .grace_s = (cfg->portal.timeout_ms + cfg->portal.connect_timeout_ms) / 1000 + 2,
	    .chip_terminal = cfg->chip_terminal,
	    .cash_notes = w->cash ? cash_notes_of : NULL,
	    .on_progress = cash_progress,
	    .progress_ctx = w,
	};
	if (w->terminal) {
		pc.tenders[CORE_TENDER_CARD] =
		    (struct payments_tender){.ops = &terminal_tender, .impl = &w->tt};
		/* A Payment that reached the terminal says InProgress, not NotFound, while it
		 * waits for a card; "never saw it" is final once one of ours could have arrived. */
		int64_t tgrace =
		    (cfg->terminal.timeout_ms + cfg->terminal.connect_timeout_ms) / 1000 + 2;
		if (tgrace > pc.grace_s)
			pc.grace_s = tgrace;
	}
	if (w->cash)
		pc.tenders[CORE_TENDER_CASH] =
		    (struct payments_tender){.ops = &cash_tender_ops, .impl = w->cash};
	rc = payments_open(&pc, &w->payments);
	if (rc)
		return rc;
	return open_devices(w);
}

static void close_adapters(struct worker *w)
{
	/* The USB thread first: it may still be handing over a swipe. */
	if (w->usb)
		usbdev_close(w->usb);
	w->usb = NULL;
	if (w->cash_sim)
		sim_cash_close(w->cash_sim);
	w->cash_sim = NULL;
	if (w->printer)
		sim_printer_close(w->printer);
	w->printer = NULL;
	/* No more display notifications: the tender they are checked against goes next. */
	terminal_display_close(w->display);
	w->display = NULL;
	if (w->terminal) {
		/* A Payment still waiting for a card is stopped (the journal keeps it for the next
		 * start's recovery), so its thread ends now rather than after the card timeout. */
		if (w->payments && payments_busy(w->payments)) {
			struct core_event ev;
			payments_abort(w->payments, NULL, &ev);
		}
		terminal_tender_close(&w->tt);
		terminal_close(w->terminal);
		w->terminal = NULL;
	}
	payments_close(w->payments);
	w->payments = NULL;
	cash_tender_close(w->cash);
	w->cash = NULL;
	cash_watch_close(w->cash_box);
	w->cash_box = NULL;
	w->cops = NULL;
	w->cimpl = NULL;
	if (w->portal)
		portal_close(w->portal);
	w->portal = NULL;
	if (w->sealer)
		seal_close(w->sealer);
	w->sealer = NULL;
	if (w->journal)
		journal_close(w->journal);
	w->journal = NULL;
	service_worker_close(w->svc);
	w->svc = NULL;
	if (w->outbox)
		outbox_close(w->outbox);
	w->outbox = NULL;
}

/* The earliest background work (wall-clock ms), or -1 when there is none. */
static int64_t next_background_ms(const struct worker *w)
{
	int64_t a = payments_due_ms(w->payments), b = sync_due_ms(&w->sync);
	int64_t t = w->terminal ? w->terminal_due_ms : -1;

	if (t >= 0 && (b < 0 || t < b))
		b = t;

	if (a < 0)
		return b;
	if (b < 0)
		return a;
	return a < b ? a : b;
}

/* The outbox gives way as soon as a resident needs the worker. */
static bool resident_waiting(void *ctx)
{
	struct worker *w = ctx;
	bool busy;

	pthread_mutex_lock(&w->lock);
	busy = w->head != NULL;
	pthread_mutex_unlock(&w->lock);
	return busy;
}

static void run_background(struct worker *w)
{
	int64_t now = clock_wall_ms(), due = payments_due_ms(w->payments);

	if (due >= 0 && due <= now)
		payments_background(w->payments);
	due = sync_due_ms(&w->sync);
	if (due >= 0 && due <= now)
		sync_drain(&w->sync, resident_waiting, w);
	if (w->terminal && w->terminal_due_ms >= 0 && w->terminal_due_ms <= now &&
	    !resident_waiting(w))
		check_terminal(w);
}

/* The next job, or NULL when background work fell due first. */
static struct job *next_job(struct worker *w)
{
	struct job *j;

	pthread_mutex_lock(&w->lock);
	while (!w->head) {
		int64_t due = next_background_ms(w);
		if (due < 0) {
			pthread_cond_wait(&w->cond, &w->lock);
			continue;
		}
		if (due <= clock_wall_ms())
			break;
		struct timespec until = {.tv_sec = due / 1000,
					 .tv_nsec = (long)(due % 1000) * 1000000};
		if (pthread_cond_timedwait(&w->cond, &w->lock, &until) == ETIMEDOUT && !w->head)
			break;
	}
	j = w->head;
	if (j) {
		w->head = j->next;
		if (!w->head)
			w->tail = NULL;
	}
	pthread_mutex_unlock(&w->lock);
	return j;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct core_event done = {.type = CORE_EV_RECONCILED};
	int rc = open_adapters(w);

	pthread_mutex_lock(&w->lock);
	w->start_rc = rc;
	pthread_cond_broadcast(&w->cond);
	pthread_mutex_unlock(&w->lock);
	if (rc) {
		close_adapters(w);
		return NULL;
	}
	post_printer_status(w);
	check_terminal(w); /* staff and the heartbeat know the terminal from the start */
	/* Every payment a power cut or crash left unfinished is asked about before a new one
	 * may start; what the portal cannot answer yet is settled in the background. */
	payments_recover(w->payments);
	post(w, &done);
	for (;;) {
		struct job *j = next_job(w);

		if (!j) {
			run_background(w);
			continue;
		}
		if (j->kind == JOB_QUIT) {
			free(j);
			break;
		}
		run_job(w, j);
		mbedtls_platform_zeroize(j, sizeof(*j));
		free(j);
	}
	close_adapters(w);
	return NULL;
}

int worker_start(const struct worker_config *cfg, struct worker **out)
{
	struct worker *w = calloc(1, sizeof(*w));
	int rc;

	if (!w)
		return KIOSK_ENOMEM;
	w->cfg = *cfg;
	w->start_rc = 1; /* not yet known */
	w->printer_told = -1;
	w->terminal_told = -1;
	w->terminal_due_ms = -1;
	w->cash_told = -1;
	w->sync.next_ms = -1;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->cond, NULL);
	if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
		rc = KIOSK_ENOMEM;
		goto fail;
	}
	w->started = true;
	/* Start-up waits once for the worker to have opened its adapters: a kiosk that cannot
	 * record payments must not show a screen that takes them. */
	pthread_mutex_lock(&w->lock);
	while (w->start_rc == 1)
		pthread_cond_wait(&w->cond, &w->lock);
	rc = w->start_rc;
	pthread_mutex_unlock(&w->lock);
	if (rc)
		goto fail;
	*out = w;
	return 0;
fail:
	worker_stop(w);
	return rc;
}

void worker_stop(struct worker *w)
{
	if (!w)
		return;
	if (w->started) {
		struct job *q = new_job(JOB_QUIT, "the stop");
		if (q)
			enqueue(w, q);
		pthread_join(w->thread, NULL);
	}
	while (w->head) {
		struct job *j = w->head;
		w->head = j->next;
		mbedtls_platform_zeroize(j, sizeof(*j));
		free(j);
	}
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->cond);
	mbedtls_platform_zeroize(w, sizeof(*w));
	free(w);
}

struct sim_cash *worker_cash_sim(struct worker *w)
{
	return w->cash_sim;
}

void worker_last_receipt(struct worker *w, char *buf, size_t n)
{
	if (w->printer)
		sim_printer_last_text(w->printer, buf, n);
	else if (n)
		buf[0] = '\0';
}

void worker_printer_status(struct worker *w, struct printer_status *out)
{
	w->pops->status(w->pimpl, out);
}

bool worker_scanner_present(struct worker *w)
{
	struct usbdev_info info[8];
	size_t n = 0;

	if (!w->usb)
		return true; /* the simulated scanner */
	usbdev_list(w->usb, info, 8, &n);
	for (size_t k = 0; k < n; k++) {
		if (info[k].kind == USBDEV_HIDPOS_SCANNER || info[k].kind == USBDEV_KB_SCANNER)
			return true;
	}
	return false;
}

void worker_set_paper_out(struct worker *w, int out)
{
	sim_printer_set_paper_out(w->printer, out);
	status_changed(w);
}
