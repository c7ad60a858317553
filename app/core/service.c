/* Staff service mode as part of the core's state machine: the corner hold, the staff PIN and
 * its lockout, the service screens, out of service. Pure, like core.c: the PIN is checked,
 * pages printed and totals counted by the worker (CORE_FX_SERVICE), which answers with
 * CORE_EV_SERVICE_DONE. */
#include <stdio.h>
#include <string.h>

#include "app/core/core_internal.h"
#include "app/core/money.h"

#define PIN_MIN 4
#define REF_MAX 20

bool service_is_staff_screen(enum core_screen screen)
{
	return core_screen_flow(screen) == CORE_FLOW_STAFF;
}

enum core_screen service_resident_start(const struct core_state *s)
{
	return s->out_of_service ? CORE_SCREEN_OUT_OF_SERVICE : CORE_SCREEN_WELCOME;
}

static bool is_answer(enum core_event_type t)
{
	return t == CORE_EV_LOOKUP_DONE || t == CORE_EV_PAY_DONE || t == CORE_EV_PRINT_DONE ||
	       t == CORE_EV_ACCOUNT_DONE;
}

bool service_owns(const struct core_state *s, const struct core_event *ev)
{
	switch (ev->type) {
	case CORE_EV_SERVICE_HOLD:
	case CORE_EV_SERVICE_ACTION:
	case CORE_EV_SERVICE_DONE: return true;
	case CORE_EV_TICK:
	case CORE_EV_OUT_OF_SERVICE: /* core.c: the portal's, kioskctl's and staff's switch alike */
	case CORE_EV_TOGGLE_LANG: return false;
	case CORE_EV_PRINTER_STATUS: return service_is_staff_screen(s->screen);
	default:
		/* A late answer to a resident's request is dropped here: nobody waits for it. */
		return service_is_staff_screen(s->screen) ||
		       (s->screen == CORE_SCREEN_OUT_OF_SERVICE && !is_answer(ev->type));
	}
}

static void svc_fx(struct core_effects *fx, const struct core_state *s, enum core_service_op op,
		   const char *text)
{
	core_add_fx(fx, CORE_FX_SERVICE, s);
	fx->fx[fx->count - 1].op = (int)op;
	core_copy(fx->fx[fx->count - 1].text, sizeof(fx->fx[0].text), text);
}

static void wipe_pin(struct core_state *s)
{
	volatile char *p = s->svc.pin;

	for (size_t i = 0; i < sizeof(s->svc.pin); i++)
		p[i] = 0;
}

static void toast(struct core_state *s, const char *msgid, const char *arg, int64_t now)
{
	core_set_notice(s, msgid, arg, false, now + s->cfg.toast_ms);
}

/* Whether the worker's last word was a lock that is still on (as far as the core knows: a
 * lock for good is lifted by IT behind its back, so that one is always asked again). */
static bool locked(const struct core_state *s, int64_t now)
{
	return s->svc.locked_for_good || now < s->svc.locked_until_ms;
}

static void lock_notice(struct core_state *s, int64_t now)
{
	char mins[8];

	if (s->svc.locked_for_good) {
		core_set_notice(
		    s,
		    N_("Too many wrong PINs. Service mode is locked until the city's IT "
		       "department unlocks it."),
		    NULL, true, 0);
		return;
	}
	snprintf(mins, sizeof(mins), "%d", (int)((s->svc.locked_until_ms - now + 59999) / 60000));
	core_set_notice(s, N_("Too many wrong PINs. Service mode is locked for %s minutes."), mins,
			true, s->svc.locked_until_ms);
}

/* Back to the resident side, as staff left it. */
static void leave(struct core_state *s, struct core_effects *fx, const char *why)
{
	bool was_in = s->screen != CORE_SCREEN_SERVICE_PIN;

	if (s->screen == CORE_SCREEN_SERVICE_CARD)
		core_add_fx(fx, CORE_FX_READER_OFF, s);
	wipe_pin(s);
	memset(s->svc.ref, 0, sizeof(s->svc.ref));
	s->svc.card_read = false;
	s->busy = CORE_BUSY_NONE;
	core_go(s, service_resident_start(s));
	s->focus = CORE_FIELD_NONE;
	if (was_in)
		svc_fx(fx, s, CORE_SOP_AUDIT, why);
}

static void enter(struct core_state *s, struct core_effects *fx, int64_t now)
{
	if (s->busy == CORE_BUSY_PAYING || service_is_staff_screen(s->screen))
		return;
	if (s->screen != CORE_SCREEN_WELCOME && s->screen != CORE_SCREEN_OUT_OF_SERVICE)
		core_end_session(s, fx); /* whatever a resident left is wiped first */
	s->busy = CORE_BUSY_NONE;
	s->warning = false;
	core_go(s, CORE_SCREEN_SERVICE_PIN);
	wipe_pin(s);
	if (locked(s, now))
		lock_notice(s, now);
}

static bool type_key(struct core_state *s, const char *text)
{
	bool changed = false;

	for (const char *p = text; *p; p++) {
		char c = *p;
		if (s->focus == CORE_FIELD_SERVICE_PIN) {
			size_t len = strlen(s->svc.pin);
			if (c < '0' || c > '9' || len + 1 >= sizeof(s->svc.pin))
				continue;
			s->svc.pin[len] = c;
			s->svc.pin[len + 1] = '\0';
			changed = true;
		} else if (s->focus == CORE_FIELD_REFERENCE) {
			size_t len = strlen(s->svc.ref);
			if (c >= 'a' && c <= 'z')
				c = (char)(c - 'a' + 'A');
			if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') ||
			    len >= REF_MAX)
				continue;
			s->svc.ref[len] = c;
			s->svc.ref[len + 1] = '\0';
			changed = true;
		}
	}
	if (changed && s->notice.is_error && s->screen != CORE_SCREEN_SERVICE_PIN)
		core_clear_notice(s);
	return changed;
}

static char *focused_buf(struct core_state *s)
{
	return s->focus == CORE_FIELD_SERVICE_PIN ? s->svc.pin
	       : s->focus == CORE_FIELD_REFERENCE ? s->svc.ref
						  : NULL;
}

static void submit(struct core_state *s, struct core_effects *fx, int64_t now)
{
	if (s->screen == CORE_SCREEN_SERVICE_PIN) {
		/* A timed lock is known here; the worker answers for the rest (after a restart,
		 * after IT's unlock) without hashing anything while locked. */
		if (!s->svc.locked_for_good && now < s->svc.locked_until_ms) {
			lock_notice(s, now);
			wipe_pin(s);
			return;
		}
		if (strlen(s->svc.pin) < PIN_MIN) {
			core_set_notice(s, N_("Enter the staff PIN: at least 4 digits."), NULL,
					true, 0);
			return;
		}
		core_clear_notice(s);
		s->busy = CORE_BUSY_SERVICE;
		svc_fx(fx, s, CORE_SOP_CHECK_PIN, s->svc.pin);
		wipe_pin(s);
	} else if (s->screen == CORE_SCREEN_SERVICE_REPRINT) {
		if (!s->svc.ref[0]) {
			core_set_notice(s, N_("Enter the reference number printed on the receipt."),
					NULL, true, 0);
			return;
		}
		core_clear_notice(s);
		s->busy = CORE_BUSY_SERVICE;
		svc_fx(fx, s, CORE_SOP_REPRINT_REF, s->svc.ref);
	}
}

static bool action(struct core_state *s, int choice, struct core_effects *fx, int64_t now)
{
	if (s->busy || !service_is_staff_screen(s->screen) || s->screen == CORE_SCREEN_SERVICE_PIN)
		return false;
	switch ((enum core_service_action)choice) {
	case CORE_SVC_DEVICES:
		core_go(s, CORE_SCREEN_SERVICE_DEVICES);
		s->svc.status_loaded = false;
		svc_fx(fx, s, CORE_SOP_STATUS, "");
		break;
	case CORE_SVC_TEST_PRINT:
		core_clear_notice(s);
		s->busy = CORE_BUSY_SERVICE;
		svc_fx(fx, s, CORE_SOP_TEST_PRINT, "");
		break;
	case CORE_SVC_TEST_CARD:
		core_go(s, CORE_SCREEN_SERVICE_CARD);
		s->svc.card_read = false;
		core_add_fx(fx, CORE_FX_READER_ON, s);
		svc_fx(fx, s, CORE_SOP_AUDIT, "test_card_reader");
		break;
	case CORE_SVC_REPRINT_LAST:
		core_clear_notice(s);
		s->busy = CORE_BUSY_SERVICE;
		svc_fx(fx, s, CORE_SOP_REPRINT_LAST, "");
		break;
	case CORE_SVC_REPRINT_REF:
		core_go(s, CORE_SCREEN_SERVICE_REPRINT);
		memset(s->svc.ref, 0, sizeof(s->svc.ref));
		break;
	case CORE_SVC_REPORT:
		core_go(s, CORE_SCREEN_SERVICE_REPORT);
		s->svc.report_loaded = false;
		s->busy = CORE_BUSY_SERVICE;
		svc_fx(fx, s, CORE_SOP_REPORT, "");
		break;
	case CORE_SVC_CLOSE_DAY:
		if (s->screen != CORE_SCREEN_SERVICE_REPORT || !s->svc.report_loaded ||
		    s->svc.report.closed_at)
			return false;
		s->busy = CORE_BUSY_SERVICE;
		svc_fx(fx, s, CORE_SOP_CLOSE_DAY, "");
		break;
	case CORE_SVC_OUT_OF_SERVICE:
		/* As the portal would (core.c): residents see it when staff leave. */
		s->out_of_service = !s->out_of_service;
		core_copy(s->out_of_service_reason, sizeof(s->out_of_service_reason),
			  s->out_of_service ? "staff" : "");
		svc_fx(fx, s, CORE_SOP_AUDIT,
		       s->out_of_service ? "out_of_service_on" : "out_of_service_off");
		toast(s,
		      s->out_of_service
			  ? N_("The kiosk is out of service. Residents see where else to pay.")
			  : N_("The kiosk is back in service."),
		      NULL, now);
		break;
	case CORE_SVC_RESTART: core_go(s, CORE_SCREEN_SERVICE_RESTART); break;
	case CORE_SVC_RESTART_CONFIRM:
		if (s->screen != CORE_SCREEN_SERVICE_RESTART)
			return false;
		s->svc.restart = true;
		svc_fx(fx, s, CORE_SOP_AUDIT, "restart");
		break;
	case CORE_SVC_EXIT: leave(s, fx, "service_exit"); break;
	case CORE_SVC_HOME: core_go(s, CORE_SCREEN_SERVICE_HOME); break;
	case CORE_SVC_CASHBOX:
		core_go(s, CORE_SCREEN_SERVICE_CASHBOX);
		s->svc.cashbox_loaded = false;
		s->svc.cashbox_emptied = false;
		s->busy = CORE_BUSY_SERVICE;
		svc_fx(fx, s, CORE_SOP_CASHBOX, "");
		break;
	case CORE_SVC_CASHBOX_EMPTIED:
		/* Only what staff saw counted: the recorded count is the one on screen. */
		if (s->screen != CORE_SCREEN_SERVICE_CASHBOX || !s->svc.cashbox_loaded ||
		    s->svc.cashbox_emptied)
			return false;
		core_clear_notice(s);
		s->busy = CORE_BUSY_SERVICE;
		svc_fx(fx, s, CORE_SOP_EMPTY_CASHBOX, "");
		break;
	case CORE_SVC_CASH_CLEAR:
		if (s->screen != CORE_SCREEN_SERVICE_CASHBOX &&
		    s->screen != CORE_SCREEN_SERVICE_DEVICES)
			return false;
		core_clear_notice(s);
		s->busy = CORE_BUSY_SERVICE;
		svc_fx(fx, s, CORE_SOP_CASH_CLEAR, "");
		break;
	default: return false;
	}
	return true;
}

static const char *print_failure(enum core_failure f)
{
	switch (f) {
	case CORE_FAIL_PAPER_OUT: return N_("The printer is out of paper or its cover is open.");
	case CORE_FAIL_STORE: return N_("The kiosk's records could not be read or written.");
	default: return N_("The printer did not print. Check that it is on and connected.");
	}
}

static void pin_done(struct core_state *s, const struct core_event *ev, struct core_effects *fx,
		     int64_t now)
{
	char left[16];

	(void)fx; /* the worker audits every try and lockout itself */
	s->svc.locked_for_good =
	    ev->failure == CORE_FAIL_LOCKED && ev->lock_ms == CORE_LOCK_FOREVER;
	s->svc.locked_until_ms =
	    ev->failure == CORE_FAIL_LOCKED && !s->svc.locked_for_good ? now + ev->lock_ms : 0;
	switch (ev->failure) {
	case CORE_FAIL_NONE: core_go(s, CORE_SCREEN_SERVICE_HOME); return;
	case CORE_FAIL_LOCKED: lock_notice(s, now); return;
	case CORE_FAIL_REFUSED:
		snprintf(left, sizeof(left), "%d", ev->choice);
		core_set_notice(
		    s,
		    ev->lock_ms == CORE_LOCK_FOREVER
			? N_("Wrong PIN. Tries left before service mode is locked until IT "
			     "unlocks it: %s")
		    : ev->lock_ms > 5 * 60 * 1000
			? N_("Wrong PIN. Tries left before a 30-minute lock: %s")
			: N_("Wrong PIN. Tries left before a 5-minute lock: %s"),
		    left, true, 0);
		return;
	default:
		core_set_notice(
		    s,
		    N_("Service mode is not set up on this kiosk: IT has not set a staff "
		       "PIN yet."),
		    NULL, true, 0);
		return;
	}
}

/* The cash box screen's answers: the count and the validator, an emptying, a cleared alarm. */
static void cash_done(struct core_state *s, const struct core_event *ev, int64_t now)
{
	char amount[32];

	if (ev->failure) {
		core_set_notice(s, print_failure(CORE_FAIL_STORE), NULL, true, 0);
		return;
	}
	s->svc.status = ev->status;
	s->svc.status_loaded = true;
	if (ev->op == CORE_SOP_CASH_CLEAR) {
		toast(s, N_("The cash alarm is cleared."), NULL, now);
		return;
	}
	s->svc.cashbox = ev->report.cash;
	s->svc.cashbox_loaded = true;
	if (ev->op == CORE_SOP_EMPTY_CASHBOX) {
		s->svc.cashbox_emptied = true;
		money_format(ev->report.cash.cents, amount, sizeof(amount));
		toast(s, N_("The emptying is recorded: %s taken out."), amount, now);
	}
}

static bool done(struct core_state *s, const struct core_event *ev, struct core_effects *fx,
		 int64_t now)
{
	if (ev->op == CORE_SOP_AUDIT)
		return false;
	if (ev->op == CORE_SOP_STATUS) {
		s->svc.status = ev->status;
		s->svc.status_loaded = true;
		return s->screen == CORE_SCREEN_SERVICE_DEVICES;
	}
	if (s->busy != CORE_BUSY_SERVICE || !service_is_staff_screen(s->screen))
		return false; /* staff left meanwhile (timeout) */
	s->busy = CORE_BUSY_NONE;
	switch ((enum core_service_op)ev->op) {
	case CORE_SOP_CHECK_PIN: pin_done(s, ev, fx, now); break;
	case CORE_SOP_TEST_PRINT:
		if (ev->failure)
			core_set_notice(s, print_failure(ev->failure), NULL, true, 0);
		else
			toast(s, N_("Test page printed."), NULL, now);
		break;
	case CORE_SOP_REPRINT_LAST:
	case CORE_SOP_REPRINT_REF:
		if (ev->failure == CORE_FAIL_NOT_FOUND)
			core_set_notice(s,
					ev->op == CORE_SOP_REPRINT_LAST
					    ? N_("There is no payment to reprint yet.")
					    : N_("No payment has the reference %s."),
					s->svc.ref, true, 0);
		else if (ev->failure)
			core_set_notice(s, print_failure(ev->failure), NULL, true, 0);
		else
			toast(s, N_("Receipt %s reprinted."), ev->reference, now);
		break;
	case CORE_SOP_REPORT:
	case CORE_SOP_CLOSE_DAY:
		if (ev->failure == CORE_FAIL_STORE) {
			core_set_notice(s, print_failure(ev->failure), NULL, true, 0);
			break;
		}
		s->svc.report = ev->report;
		s->svc.report_loaded = true;
		if (ev->op == CORE_SOP_CLOSE_DAY && ev->failure)
			core_set_notice(
			    s,
			    N_("The day is closed, but its report could not be printed. "
			       "Print it again from kioskctl."),
			    NULL, true, 0);
		else if (ev->op == CORE_SOP_CLOSE_DAY)
			toast(s, N_("The day is closed and its report printed."), NULL, now);
		break;
	case CORE_SOP_CASHBOX:
	case CORE_SOP_EMPTY_CASHBOX:
	case CORE_SOP_CASH_CLEAR: cash_done(s, ev, now); break;
	default: break;
	}
	return true;
}

static bool card_read(struct core_state *s, const struct core_event *ev, struct core_effects *fx)
{
	if (s->screen != CORE_SCREEN_SERVICE_CARD)
		return false;
	if (ev->failure) {
		core_set_notice(s,
				ev->failure == CORE_FAIL_EXPIRED
				    ? N_("The card was read: it has expired.")
				    : N_("The card could not be read. Swipe it again."),
				NULL, true, 0);
		return true;
	}
	core_clear_notice(s);
	s->svc.card_read = true;
	core_copy(s->svc.card_brand, sizeof(s->svc.card_brand), ev->brand);
	core_copy(s->svc.card_last4, sizeof(s->svc.card_last4), ev->last4);
	/* Only brand and last four were wanted: the sealed card goes at once. Not by ending a
	 * session: that would also put the look and speech back to the kiosk's defaults. */
	core_add_fx(fx, CORE_FX_DROP_CARD, s);
	core_add_fx(fx, CORE_FX_READER_ON, s);
	return true;
}

bool service_handle(struct core_state *s, const struct core_event *ev, struct core_effects *fx)
{
	int64_t now = ev->now_ms;

	if (ev->type != CORE_EV_SERVICE_DONE && ev->type != CORE_EV_PRINTER_STATUS &&
	    ev->type != CORE_EV_CARD_READ)
		s->last_activity_ms = now;
	switch (ev->type) {
	case CORE_EV_SERVICE_HOLD: enter(s, fx, now); return true;
	case CORE_EV_SERVICE_ACTION: return action(s, ev->choice, fx, now);
	case CORE_EV_SERVICE_DONE: return done(s, ev, fx, now);
	case CORE_EV_PRINTER_STATUS:
		s->printer = ev->printer;
		if (s->screen == CORE_SCREEN_SERVICE_DEVICES)
			svc_fx(fx, s, CORE_SOP_STATUS, "");
		return false;
	case CORE_EV_CARD_READ: return card_read(s, ev, fx);
	default: break;
	}
	if (s->screen == CORE_SCREEN_OUT_OF_SERVICE)
		return false; /* nothing to do for residents but read where else to pay */
	switch (ev->type) {
	case CORE_EV_KEY: return !s->busy && type_key(s, ev->text);
	case CORE_EV_BACKSPACE:
	case CORE_EV_CLEAR: {
		char *buf = focused_buf(s);
		size_t len = buf ? strlen(buf) : 0;
		if (!len || s->busy)
			return false;
		if (ev->type == CORE_EV_CLEAR)
			len = 0;
		else
			len--;
		buf[len] = '\0';
		return true;
	}
	case CORE_EV_FOCUS:
		if (ev->field != CORE_FIELD_SERVICE_PIN && ev->field != CORE_FIELD_REFERENCE)
			return false;
		s->focus = ev->field;
		return true;
	case CORE_EV_CONTINUE:
		if (s->busy)
			return false;
		submit(s, fx, now);
		return true;
	case CORE_EV_BACK:
	case CORE_EV_CANCEL:
	case CORE_EV_DONE:
		if (s->busy)
			return false;
		if (s->screen == CORE_SCREEN_SERVICE_PIN || s->screen == CORE_SCREEN_SERVICE_HOME)
			leave(s, fx, "service_exit");
		else {
			if (s->screen == CORE_SCREEN_SERVICE_CARD)
				core_add_fx(fx, CORE_FX_READER_OFF, s);
			core_go(s, CORE_SCREEN_SERVICE_HOME);
		}
		return true;
	case CORE_EV_DISMISS:
		if (!s->notice.msgid)
			return false;
		core_clear_notice(s);
		return true;
	default: return false;
	}
}

bool service_tick(struct core_state *s, struct core_effects *fx, int64_t now)
{
	bool changed = false;

	if (s->notice.msgid && s->notice.until_ms && now >= s->notice.until_ms) {
		core_clear_notice(s);
		changed = true;
	}
	/* A PIN check or a print is short; a timeout never cuts one off in the middle. */
	if (!s->busy && now - s->last_activity_ms >= s->cfg.service_idle_ms) {
		leave(s, fx, "service_timeout");
		changed = true;
	}
	return changed;
}

int64_t service_deadline(const struct core_state *s)
{
	int64_t next = s->last_activity_ms + s->cfg.service_idle_ms;

	if (s->notice.msgid && s->notice.until_ms && s->notice.until_ms < next)
		next = s->notice.until_ms;
	return next;
}
