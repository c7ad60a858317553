/* What core.c shares with the account flows (account.c): the helpers every transition uses,
 * and the account module's entry points. Not for the rest of the kiosk. */
#ifndef KIOSK_CORE_INTERNAL_H
#define KIOSK_CORE_INTERNAL_H

#include "app/core/core.h"

/* ---- the screen table (screen_table.c) ---- */

/* What Continue or Back does on a screen (Back ignores now). */
typedef void core_step_fn(struct core_state *s, struct core_effects *fx, int64_t now);

/* One screen as the core knows it. Every field is set for every screen (a unit test walks
 * the table): a screen with nothing to do on Continue or Back says so with core_stay. */
struct core_screen_def {
	const char *name; /* the stable id journeys use: "guest-lookup" */
	enum core_flow flow;
	enum core_field first; /* where the cursor starts */
	/* When that depends on the state (the amount step, Auto Pay's form); NULL: .first. */
	enum core_field (*first_fn)(const struct core_state *s);
	core_step_fn *next; /* Continue */
	core_step_fn *back; /* Back */
};

/* The row of a screen, or NULL for a value that is not one. */
const struct core_screen_def *core_screen_def(enum core_screen screen);
/* Continue or Back that does nothing. */
void core_stay(struct core_state *s, struct core_effects *fx, int64_t now);

/* ---- core.c ---- */
/* The resident's message for a swipe that failed (ev->failure of CORE_EV_CARD_READ). */
const char *core_card_failure_text(enum core_failure f);
void core_set_notice(struct core_state *s, const char *msgid, const char *arg, bool is_error,
		     int64_t until_ms);
void core_clear_notice(struct core_state *s);
void core_go(struct core_state *s, enum core_screen screen);
void core_add_fx(struct core_effects *fx, enum core_effect_type type, const struct core_state *s);
void core_end_session(struct core_state *s, struct core_effects *fx);
void core_copy(char *dst, size_t n, const char *src);
void core_trim(const char *in, char *out, size_t n);
/* Continue and Back of the guest lookup and the payment steps. */
core_step_fn guest_lookup_next, guest_lookup_back, bill_summary_next, bill_summary_back;
core_step_fn pay_amount_next, pay_amount_back, pay_card_back;
/* The amount step's choice checked (a notice when not): s->amount_cents is set. */
bool core_amount_chosen(struct core_state *s);
void core_enter_card_step(struct core_state *s, struct core_effects *fx);

/* cash.c: the cash step. */
bool cash_owns(enum core_event_type t);
bool cash_handle(struct core_state *s, const struct core_event *ev, struct core_effects *fx,
		 int64_t now);
/* CORE_EV_PAY_DONE of a cash payment; false when pay_done's common path should run. */
bool cash_pay_done(struct core_state *s, const struct core_event *ev, struct core_effects *fx,
		   int64_t now);
/* The resident walked away from the cash step: true when it closed the payment. */
bool cash_tick(struct core_state *s, struct core_effects *fx, int64_t now);
/* Notes are being taken and nobody pressed Done: the idle timer runs. */
bool cash_waiting(const struct core_state *s);
enum core_field pay_amount_first_field(const struct core_state *s);

/* ---- scan.c: a bill's barcode ---- */
/* CORE_EV_BARCODE: on welcome and "Find your bill" a bill's barcode starts its lookup. */
bool scan_bill(struct core_state *s, const struct core_event *ev, struct core_effects *fx);
/* The lookup a scan started has ended (CORE_EV_LOOKUP_DONE with s->by_scan). */
void scan_lookup_done(struct core_state *s, const struct core_event *ev);
/* Earlier payments are settled: a scan that waited for it goes on. */
void scan_resume(struct core_state *s, struct core_effects *fx, int64_t now);
/* The resident's words for a lookup that failed for a reason typed and scanned share. */
void core_lookup_failed(struct core_state *s, enum core_failure f);

/* ---- account.c ---- */
/* Continue and Back on the account screens. */
core_step_fn sign_in_next, sign_in_back, register_next, verify_email_next, back_to_sign_in;
core_step_fn link_account_next, autopay_next, autopay_back, autopay_review_next;
core_step_fn autopay_review_back, paperless_back, account_back_home;
/* Auto Pay's form starts at the routing number unless it is refused or by card. */
enum core_field autopay_first_field(const struct core_state *s);
/* The account events (CORE_EV_SHIFT and later); returns whether anything visible changed. */
bool account_handle(struct core_state *s, const struct core_event *ev, struct core_effects *fx);
/* Signed in: Cancel or Done in the payment flow returns to Home instead of ending it all. */
void account_home(struct core_state *s, struct core_effects *fx, bool refresh);
/* A swipe on the Auto Pay screen (card method); returns true when it was taken. */
bool account_card_read(struct core_state *s, const struct core_event *ev, struct core_effects *fx);
/* Longest text a field holds, in bytes. */
size_t account_field_max(enum core_field f);
/* Queues an effect for the portal (its request data to fill in); the resident waits under
 * "One moment". */
struct core_account_req *account_request(struct core_state *s, struct core_effects *fx,
					 enum core_effect_type type, int64_t now);
/* An error said at field f, which gets the focus. */
void account_field_error(struct core_state *s, enum core_field f, const char *msgid);

/* The card step (the reader on, or the printer question first). */
void core_enter_card_step(struct core_state *s, struct core_effects *fx);

/* ---- basket.c: several bills, one tender ---- */
core_step_fn basket_next, basket_back;
/* CORE_EV_ADD_BILL and CORE_EV_BASKET_ACCOUNT. */
bool basket_handle(struct core_state *s, const struct core_event *ev, struct core_effects *fx);
/* The bill in hand and its chosen amount join the basket, which is then shown. */
void basket_take(struct core_state *s);
/* The basket's total (the bills only). */
int64_t basket_total(const struct core_state *s);
/* The basket is paid now: the most per payment checked, .bill the first bill's and
 * .amount_cents the total (a basket of one is paid as one bill). False: not now (a notice
 * says why). */
bool basket_ready(struct core_state *s);

/* ---- receipt_send.c: the receipt by email or text message ---- */
core_step_fn receipt_email_next, receipt_text_next, receipt_send_back;
/* CORE_EV_EMAIL_RECEIPT, CORE_EV_TEXT_RECEIPT and CORE_EV_RECEIPT_SENT. */
bool receipt_send_handle(struct core_state *s, const struct core_event *ev,
			 struct core_effects *fx);
/* Wipes the address and the number typed for a receipt. */
void receipt_send_forget(struct core_state *s);

/* ---- service.c ---- */
/* Whether the service module takes this event in this state (staff screens, the corner hold,
 * out of service, the worker's answers to staff). */
bool service_owns(const struct core_state *s, const struct core_event *ev);
bool service_handle(struct core_state *s, const struct core_event *ev, struct core_effects *fx);
bool service_is_staff_screen(enum core_screen screen);
/* Time passing on a staff screen: 2 minutes without a touch return to residents. */
bool service_tick(struct core_state *s, struct core_effects *fx, int64_t now);
int64_t service_deadline(const struct core_state *s);
/* Where residents start: welcome, or the out-of-service screen. */
enum core_screen service_resident_start(const struct core_state *s);

#endif
