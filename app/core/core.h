/* The kiosk's brain: screens, flow, validation and session as a pure state machine.
 * No SDL, no I/O, no clock: time arrives inside events, work leaves as effects. */
#ifndef KIOSK_CORE_H
#define KIOSK_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/money.h"

/* Marks an English msgid for extraction (xgettext -k N_); the UI translates it. */
#ifndef N_
#define N_(s) s
#endif

/* Every screen. A screen's row in the core's table (app/core/screen_table.c: name, flow,
 * first field, Continue, Back) and in the screens' table (app/screens/screen_table.c: how it
 * is drawn) are checked against CORE_SCREEN_COUNT when the kiosk is compiled. */
enum core_screen {
	CORE_SCREEN_WELCOME,
	CORE_SCREEN_GUEST_LOOKUP,
	CORE_SCREEN_BILL_SUMMARY,
	CORE_SCREEN_PAY_AMOUNT,
	CORE_SCREEN_PAY_CARD,
	CORE_SCREEN_PAY_CASH, /* notes into the bill validator (app/core/cash.c) */
	CORE_SCREEN_PAY_RESULT,
	CORE_SCREEN_BASKET,	   /* several bills: each with its amount, the total, "Pay" */
	CORE_SCREEN_RECEIPT_EMAIL, /* "Email receipt": the address (a resident's own offered) */
	CORE_SCREEN_RECEIPT_TEXT,  /* "Text receipt": a mobile number on the keypad */
	/* a resident's account (app/core/account.c) */
	CORE_SCREEN_SIGN_IN,
	CORE_SCREEN_REGISTER,
	CORE_SCREEN_VERIFY_EMAIL,
	CORE_SCREEN_HOME,
	CORE_SCREEN_LINK_ACCOUNT,
	CORE_SCREEN_UTILITY_BILL,
	CORE_SCREEN_BILLS_PAYMENTS,
	CORE_SCREEN_AUTOPAY,
	CORE_SCREEN_AUTOPAY_REVIEW,
	CORE_SCREEN_AUTOPAY_DONE,
	CORE_SCREEN_PAPERLESS,
	/* staff service mode (app/core/service.c) */
	CORE_SCREEN_SERVICE_PIN,
	CORE_SCREEN_SERVICE_HOME,
	CORE_SCREEN_SERVICE_DEVICES,
	CORE_SCREEN_SERVICE_CARD,
	CORE_SCREEN_SERVICE_REPRINT,
	CORE_SCREEN_SERVICE_REPORT,
	CORE_SCREEN_SERVICE_RESTART,
	CORE_SCREEN_SERVICE_CASHBOX, /* "Empty cash box": the count expected in it */
	/* staff or the portal took the kiosk out of service: where else to pay */
	CORE_SCREEN_OUT_OF_SERVICE,
	CORE_SCREEN_COUNT
};

/* Which part of the core a screen belongs to: what a screen does is chosen by its row in the
 * screen table, never by where it stands in enum core_screen. */
enum core_flow {
	CORE_FLOW_IDLE,	   /* between sessions: welcome, out of service */
	CORE_FLOW_PAYMENT, /* a guest's lookup and any payment (guest or signed in) */
	CORE_FLOW_ACCOUNT, /* a resident's account (app/core/account.c) */
	CORE_FLOW_STAFF,   /* staff service mode (app/core/service.c) */
	CORE_FLOW_COUNT
};

enum core_lang { CORE_LANG_EN, CORE_LANG_ES };

enum core_field {
	CORE_FIELD_NONE,
	CORE_FIELD_CUSTOMER,  /* digits, keypad */
	CORE_FIELD_LAST_NAME, /* text, keyboard */
	CORE_FIELD_LAST_BILL, /* money, amount keypad */
	CORE_FIELD_AMOUNT,    /* money, amount keypad */
	/* a resident's account */
	CORE_FIELD_EMAIL,	  /* email keyboard */
	CORE_FIELD_PASSWORD,	  /* email keyboard, masked */
	CORE_FIELD_PASSWORD2,	  /* "Confirm password" */
	CORE_FIELD_FIRST_NAME,	  /* name keyboard */
	CORE_FIELD_REG_LAST_NAME, /* name keyboard: the resident's own last name */
	CORE_FIELD_MOBILE,	  /* digits */
	CORE_FIELD_CODE,	  /* the emailed six digits */
	CORE_FIELD_AP_MAX,	  /* money: Auto Pay's maximum */
	CORE_FIELD_ROUTING,	  /* digits */
	CORE_FIELD_BANK_ACCOUNT,  /* digits */
	CORE_FIELD_BANK_NAME,	  /* name keyboard */
	CORE_FIELD_SERVICE_PIN,	  /* staff PIN: digits, masked */
	CORE_FIELD_REFERENCE,	  /* a payment reference to reprint */
};

/* Which keyboard a field takes: digits and money use keypads, TEXT the name keyboard (capitals,
 * accents), EMAIL and SECRET the email keyboard (lower case, digits, @ . - _ +, Shift). */
enum core_field_kind {
	CORE_KIND_DIGITS,
	CORE_KIND_MONEY,
	CORE_KIND_TEXT,
	CORE_KIND_EMAIL,
	CORE_KIND_SECRET
};

/* How a guest proves the account is theirs. */
enum core_verify { CORE_VERIFY_LAST_NAME, CORE_VERIFY_LAST_BILL };

enum core_outcome {
	CORE_OUTCOME_NONE,
	CORE_OUTCOME_APPROVED,
	CORE_OUTCOME_DECLINED,
	CORE_OUTCOME_IN_DOUBT
};

/* The ways to pay a resident may choose; a payment names one (core_effect.tender) and the
 * payments module (app/payments/payments.h) keeps the tender that stands behind each. */
enum core_tender {
	CORE_TENDER_CARD, /* the card terminal or the magstripe reader (core_config.card) */
	CORE_TENDER_CASH, /* the bill validator */
	CORE_TENDER_COUNT
};

/* Which card tender this kiosk has ([payments] card): it decides the card step. */
enum core_card {
	CORE_CARD_READER,   /* a magstripe reader: the resident swipes, then the kiosk pays */
	CORE_CARD_TERMINAL, /* a payment terminal: the kiosk asks it for the amount at once */
};

/* Why a card was declined, as far as the tender could tell (plain words on the card step). */
enum core_decline {
	CORE_DECLINE_OTHER,
	CORE_DECLINE_REFUSED,	   /* the bank said no */
	CORE_DECLINE_FUNDS,	   /* insufficient funds */
	CORE_DECLINE_CARD_REMOVED, /* the card came out too early */
	CORE_DECLINE_PIN_TRIES,	   /* PIN tries exceeded */
	CORE_DECLINE_NO_CARD,	   /* no card came in time */
};

/* What the resident is waiting for, if anything. */
enum core_busy {
	CORE_BUSY_NONE,
	CORE_BUSY_LOOKUP,
	CORE_BUSY_PAYING,
	CORE_BUSY_PRINTING,
	CORE_BUSY_ACCOUNT, /* any call to the portal about the resident's account */
	CORE_BUSY_SERVICE, /* a staff action on the worker (PIN check, printing, the day report) */
};

/* Why something went wrong, as the adapters report it. */
enum core_failure {
	CORE_FAIL_NONE,
	CORE_FAIL_NOT_FOUND,   /* no account matches */
	CORE_FAIL_UNREACHABLE, /* portal down, TLS refused, server error */
	CORE_FAIL_GARBLED,     /* the portal answered nonsense */
	CORE_FAIL_TIMEOUT,     /* no answer: for a payment, the outcome is unknown */
	CORE_FAIL_BAD_SWIPE,
	CORE_FAIL_EXPIRED,
	CORE_FAIL_USE_CHIP,	/* a chip card swiped where a chip terminal takes it */
	CORE_FAIL_PIN_REQUIRED, /* the card's service code asks for a PIN: no PIN pad here */
	CORE_FAIL_ATM_ONLY,	/* the card's service code allows ATMs or cash only */
	CORE_FAIL_PAPER_OUT,
	CORE_FAIL_PRINTER,
	CORE_FAIL_STORE,     /* the journal could not be written: nothing was sent */
	CORE_FAIL_REFUSED,   /* the portal refused the request (see core_refusal for accounts) */
	CORE_FAIL_UNTRUSTED, /* the portal's certificate or key pin did not check out: nothing
			      * was sent */
	CORE_FAIL_LOCKED,    /* service mode is locked after wrong PINs (.lock_ms) */
	CORE_FAIL_OFFLINE,   /* the payment terminal was not reached (rebooting, cable): nothing
			      * was sent, nothing charged */
	CORE_FAIL_CANCELLED, /* the resident cancelled before anything was taken */
	/* A scanned barcode is not one of the city's bills; a scanned bill is not the
	 * account's newest. */
	CORE_FAIL_NOT_A_BILL,
	CORE_FAIL_STALE_BILL,
	/* The terminal approved, but the portal would not take the payment: the charge was
	 * reversed, so nothing was taken (docs/portal-api.md, "Terminal payments"). */
	CORE_FAIL_NOT_ACCEPTED,
	CORE_FAIL_CASH_OFF, /* the bill validator cannot take notes now */
};

/* Why the bill validator gave a note back (CORE_EV_CASH_REFUSED .choice): the resident reads
 * it on the cash step. */
enum core_cash_refusal {
	CORE_CASH_REFUSED_NONE,
	CORE_CASH_REFUSED_DENOMINATION, /* the kiosk does not take notes of this value */
	CORE_CASH_REFUSED_MAX_PAYMENT,	/* over the most one payment may take in cash */
	CORE_CASH_REFUSED_MAX_CREDIT,	/* too far over the amount due */
	CORE_CASH_REFUSED_NO_CREDIT,	/* over the amount due, and no credit is allowed */
	CORE_CASH_REFUSED_CLOSED,	/* the payment was finishing */
	CORE_CASH_REFUSED_DEVICE,	/* the validator itself refused it (worn, not genuine) */
};

/* Parses the [cash] denominations, "1,5,10,20" (whole dollars, at most cap of them) into cents:
 * 0, or KIOSK_EINVAL (nothing valid, or too many). */
int core_cash_denominations(const char *text, int64_t *cents, int cap, int *n);

/* A refusal's words (a msgid with one %s: an amount in dollars), and a short name for logs. */
const char *core_cash_refusal_text(enum core_cash_refusal r);
const char *core_cash_refusal_name(enum core_cash_refusal r);

/* Why the portal refused a resident's request (with CORE_FAIL_REFUSED). */
enum core_refusal {
	CORE_REFUSAL_OTHER,
	CORE_REFUSAL_BAD_CREDENTIALS,
	CORE_REFUSAL_LOCKED,
	CORE_REFUSAL_NOT_VERIFIED,
	CORE_REFUSAL_EMAIL_TAKEN,
	CORE_REFUSAL_BAD_CODE,
	CORE_REFUSAL_CODE_EXPIRED,
	CORE_REFUSAL_TOO_MANY_TRIES,
	CORE_REFUSAL_TOO_SOON,
	CORE_REFUSAL_NOT_LINKED,
	CORE_REFUSAL_SESSION_ENDED,
};

/* The receipt printer as the adapters last saw it. */
enum core_printer {
	CORE_PRINTER_OK,
	CORE_PRINTER_PAPER_OUT,
	CORE_PRINTER_COVER_OPEN,
	CORE_PRINTER_OFFLINE, /* missing, offline or in error */
};

/* Marks a singular/plural pair of msgids for extraction (xgettext -k NP_:1,2). */
#ifndef NP_
#define NP_(s, p) s, p
#endif

/* A message for the resident: an English msgid (translated by the UI) and one optional
 * argument substituted for its single %s. A message about a count has a plural msgid too:
 * the UI picks the form for .count through ngettext, and .arg holds the count. */
struct core_notice {
	const char *msgid;
	const char *plural; /* NULL for a message without a count */
	long count;
	char arg[48];
	bool is_error;
	int64_t until_ms;      /* 0: until the next step */
	enum core_field field; /* the field it is about (drawn under it), or CORE_FIELD_NONE */
	const char *title;     /* a toast's heading msgid, e.g. "Failed to Link Account" */
	bool toast;	       /* shown in the lower-right corner even though it is an error */
};

/* A step that undoes something the resident chose asks first and says what follows. */
enum core_ask {
	CORE_ASK_NONE,
	CORE_ASK_UNLINK,	/* "Unlink Account" (and Auto Pay ends with the link) */
	CORE_ASK_AUTOPAY_OFF,	/* "Turn off" Auto Pay */
	CORE_ASK_PAPERLESS_OFF, /* "Stop Paperless" */
};

struct core_bill {
	char customer_number[24];
	char display_number[32];
	char last_name[64];
	int64_t balance_cents;
	int64_t last_bill_cents;
	char due_date[11];
};

/* One bill of a basket: several bills paid with one tender. */
#define CORE_MAX_BASKET 6
struct core_basket_item {
	struct core_bill bill;
	int64_t amount_cents; /* the full balance or another amount, as chosen */
};

/* One utility account linked to the signed-in resident. */
struct core_account {
	struct core_bill bill;
	char last_payment_date[11];
	int64_t last_payment_cents;
	bool paperless;
	bool autopay;
	char autopay_method[48];   /* "Checking ending 6789", the portal's English words */
	int64_t autopay_max_cents; /* 0: no maximum */
	char autopay_kind[12];	   /* "checking", "savings", "card"; "" if the portal sent none */
	char autopay_brand[16];	   /* a card's brand */
	char autopay_last4[5];
};

#define CORE_MAX_ACCOUNTS 6
#define CORE_MAX_HISTORY 6

struct core_history_item {
	char date[11];
	int64_t amount_cents;
	char reference[16];
};

/* What the portal said about the resident: who, their accounts, one account's history. */
struct core_account_result {
	enum core_refusal refusal;
	int tries_left; /* CORE_REFUSAL_BAD_CODE: the portal's count, -1 when it gave none */
	bool has_resident;
	char email[96];
	char first_name[48];
	char last_name[48];
	bool has_accounts; /* the whole list */
	int account_count;
	struct core_account accounts[CORE_MAX_ACCOUNTS];
	bool has_account; /* one account, as it is now */
	struct core_account account;
	int bill_count, payment_count;
	struct core_history_item bills[CORE_MAX_HISTORY];
	struct core_history_item payments[CORE_MAX_HISTORY];
};

/* What a resident's request carries to the adapter (passwords too: the worker wipes it). */
struct core_account_req {
	char email[96];
	char password[72];
	char first_name[48];
	char last_name[48];
	char mobile[16];
	bool sms_opt_in;
	char code[8];
	bool enroll;	   /* paperless on or off */
	int64_t max_cents; /* Auto Pay's maximum, 0: none */
	bool by_card;
	char routing[10];
	char bank_account[18];
	bool savings;
	char bank_name[48];
	char reference[32]; /* a payment to email the receipt of */
};

/* ---- staff service mode (app/core/service.c) ---- */

/* What staff can do from the service screens (CORE_EV_SERVICE_ACTION .choice). */
enum core_service_action {
	CORE_SVC_DEVICES,	 /* "Device status" */
	CORE_SVC_TEST_PRINT,	 /* "Test print" */
	CORE_SVC_TEST_CARD,	 /* "Test card reader" */
	CORE_SVC_REPRINT_LAST,	 /* "Reprint last receipt" */
	CORE_SVC_REPRINT_REF,	 /* "Reprint by reference": the reference screen */
	CORE_SVC_REPORT,	 /* "End of day": the totals since the last close */
	CORE_SVC_CLOSE_DAY,	 /* "Close the day": print, store, start a new day */
	CORE_SVC_OUT_OF_SERVICE, /* toggles out of service */
	CORE_SVC_RESTART,	 /* asks for confirmation */
	CORE_SVC_RESTART_CONFIRM,
	CORE_SVC_EXIT,		  /* "Exit service mode" */
	CORE_SVC_HOME,		  /* back to the service home */
	CORE_SVC_CASHBOX,	  /* "Empty cash box": the count expected in the box */
	CORE_SVC_CASHBOX_EMPTIED, /* "Record the emptying": staff took the notes out */
	CORE_SVC_CASH_CLEAR,	  /* "Clear cash alarm": staff checked the validator */
};

/* What the worker is asked to do for staff (CORE_FX_SERVICE .op), and answers
 * (CORE_EV_SERVICE_DONE .op). Each one is written to the audit log. */
enum core_service_op {
	CORE_SOP_CHECK_PIN, /* .text: the PIN typed (wiped after hashing) */
	CORE_SOP_STATUS,    /* device, portal and outbox status */
	CORE_SOP_TEST_PRINT,
	CORE_SOP_REPRINT_LAST,
	CORE_SOP_REPRINT_REF, /* .text: the reference */
	CORE_SOP_REPORT,      /* totals since the last close */
	CORE_SOP_CLOSE_DAY,   /* totals printed, stored in day_closes, the day closed */
	CORE_SOP_AUDIT,	      /* only an audit entry: .text names the action */
	CORE_SOP_SET_PIN,     /* kioskctl set-pin: .text the new PIN (6 to 8 digits) */
	CORE_SOP_CASHBOX,     /* the cash box's count (.report.cash) and the validator (.status) */
	CORE_SOP_EMPTY_CASHBOX, /* records the emptying; .report.cash: what was expected */
	CORE_SOP_CASH_CLEAR,	/* clears the cash alarm and the validator's faults */
};

/* ---- the cash box (app/core/cashbox.c) ---- */

#define CORE_CASH_DENOMS 10 /* US notes are 7 kinds; a note of unknown value is one more */

/* Bank notes by denomination, smallest first; cents 0: notes of a value the validator did not
 * list (staff count them). */
struct core_cash_count {
	int n;
	struct {
		int64_t cents;
		int count;
	} d[CORE_CASH_DENOMS];
	int notes;
	int64_t cents;
	int64_t since; /* unix seconds the count starts from (0: the first note ever) */
};

/* Why cash cannot be taken (the validator's faults, the cash alarm), for residents, staff, the
 * heartbeat and kioskctl. */
enum core_cash_problem {
	CORE_CASH_NONE, /* no validator is configured (or not heard from yet) */
	CORE_CASH_OK,
	CORE_CASH_OFFLINE,	/* configured, not answering */
	CORE_CASH_STACKER_FULL, /* the cash box is full: empty it */
	CORE_CASH_JAM,		/* a note is stuck */
	CORE_CASH_FRAUD,	/* a fraud attempt (a note on a string...) */
	CORE_CASH_BOX_REMOVED,	/* the box came out outside service mode: the alarm */
	CORE_CASH_BOX_OUT,	/* the box is out in service mode (being emptied) */
	CORE_CASH_SETUP,	/* the validator's dataset has no note the kiosk takes */
	CORE_CASH_SWAPPED,	/* another validator answered: staff check it */
	CORE_CASH_PROBLEM_COUNT,
};

/* A short name for logs, kioskctl and the heartbeat ("stacker_full"). */
const char *core_cash_problem_name(enum core_cash_problem p);
/* What residents read while cash is off (a msgid; card is still offered); NULL when cash works
 * or there is none. */
const char *core_cash_problem_resident(enum core_cash_problem p);
/* What staff read, with what to do (a msgid). */
const char *core_cash_problem_staff(enum core_cash_problem p);

/* The payment terminal as the worker last saw it (nexo Diagnosis, or a Payment that could not
 * reach it), for staff, kioskctl and the heartbeat. */
enum core_terminal {
	CORE_TERMINAL_NONE, /* no terminal configured (or not heard from yet) */
	CORE_TERMINAL_OK,
	CORE_TERMINAL_BUSY,	   /* it answers, but says it is busy or in maintenance */
	CORE_TERMINAL_UNREACHABLE, /* it does not answer: rebooting, a cable, power */
	CORE_TERMINAL_UNTRUSTED,   /* its certificate does not chain to the configured CA */
	CORE_TERMINAL_COUNT,
};

/* A short name for logs, kioskctl and the heartbeat ("unreachable"). */
const char *core_terminal_name(enum core_terminal t);

struct core_state;
/* Whether a cash payment may start now: a validator configured and ready, no alarm or fault. */
bool core_cash_usable(const struct core_state *s);

/* The totals of one day (since the last close). */
struct core_day_report {
	int approved_count, declined_count, in_doubt_count;
	int64_t approved_cents, declined_cents, in_doubt_cents;
	/* Notes stacked in the day, by denomination (CORE_SOP_CASHBOX and EMPTY_CASHBOX: the
	 * cash box's count instead). */
	struct core_cash_count cash;
	int64_t since;	   /* unix seconds: the last close, 0 for never */
	int64_t closed_at; /* unix seconds, 0 while open */
};

/* The devices, the portal and the outbox as staff see them. */
struct core_service_status {
	bool printer_present, printer_online, paper_near_end, paper_out, cover_open;
	bool cutter_error, unrecoverable_error; /* DLE EOT 3: which error stopped it */
	bool reader_ready;
	bool portal_ok;
	int portal_rtt_ms;
	int64_t outbox_pending;
	int64_t last_sync; /* unix seconds of the last successful send, 0: never */
	/* The bill validator (CORE_CASH_NONE: none configured). */
	enum core_cash_problem cash;
	enum core_terminal terminal; /* the payment terminal; CORE_TERMINAL_NONE: none */
	bool cash_box_present;
	uint32_t cash_serial;  /* 0: not known yet */
	int64_t cash_alarm_at; /* unix seconds of the cash alarm staff must clear, 0: none */
};

struct core_service {
	char pin[9];
	/* The worker keeps the tries and the lock (app/store/staff_pin.h); the core only shows
	 * them: a timed lock until this time, or one only IT lifts. */
	int64_t locked_until_ms;
	bool locked_for_good;
	char ref[24];	     /* a reference to reprint */
	char card_brand[16]; /* "Test card reader": brand and last four only */
	char card_last4[5];
	bool card_read;
	bool report_loaded;
	struct core_day_report report;
	bool cashbox_loaded;		/* the cash box screen: */
	bool cashbox_emptied;		/* just recorded: cashbox is what was taken out */
	struct core_cash_count cashbox; /* what should be in it */
	bool status_loaded;
	struct core_service_status status;
	bool restart; /* staff confirmed a restart: main exits for systemd to restart it */
};

struct core_config {
	int64_t idle_ms;    /* no touch for this long: the warning (60 s) */
	int64_t warning_ms; /* the warning's countdown before the session is wiped (20 s) */
	int64_t toast_ms;   /* how long a transient message stays (6 s) */
	enum core_lang default_lang; /* each session starts in it */
	int64_t
	    service_idle_ms; /* service mode: no touch for this long returns to residents (2 min) */
	/* Remote configuration (app/fleet/rconf.h): 0 = no limit, no fee, both languages. */
	int64_t max_payment_cents; /* the most one payment may be; enforced on the amount step */
	struct money_fee card_fee; /* card payments' fee (never cash): see core_card_fee */
	bool single_lang;	   /* only default_lang is offered: no language switch */
	bool wait_for_reconcile;   /* Pay a Bill waits for CORE_EV_RECONCILED (the kiosk) */
	enum core_card card;	   /* the card tender this kiosk has */
	bool cash; /* a bill validator is configured: the amount step offers Card and Cash */
};

/* What the payment terminal's own screen asks of the resident (its display notifications,
 * CORE_EV_TERMINAL_PROMPT), mirrored on the card step in the resident's language; a text the
 * kiosk does not know is shown as the terminal wrote it. */
enum core_terminal_prompt {
	CORE_PROMPT_NONE,
	CORE_PROMPT_PRESENT_CARD, /* insert, tap or swipe */
	CORE_PROMPT_ENTER_PIN,
	CORE_PROMPT_PROCESSING,
	CORE_PROMPT_REMOVE_CARD,
	CORE_PROMPT_SEE_PHONE, /* a phone wallet wants its owner to unlock it, then tap again */
	CORE_PROMPT_TRY_ANOTHER_CARD,
	CORE_PROMPT_CHOOSE_APP, /* the card has several applications: choose on the terminal */
	CORE_PROMPT_TEXT,	/* the terminal's own words: core_state.prompt_text */
};

struct core_state {
	struct core_config cfg;
	enum core_screen screen;
	enum core_lang lang;

	/* guest lookup */
	enum core_field focus;
	enum core_verify verify;
	char customer_number[16];
	char last_name[48];
	char last_bill[12];

	/* bill and amount */
	struct core_bill bill;
	bool other_amount;
	char amount_text[12];
	int64_t amount_cents;

	/* Several bills: those chosen so far (the bill in hand joins on Continue or "Add another
	 * bill"); paid together, amount_cents then being their total. */
	int basket_count;
	struct core_basket_item basket[CORE_MAX_BASKET];

	/* card and payment */
	enum core_tender tender; /* the way the resident pays (the card until they choose) */
	/* A tender is taking the money from the resident (the terminal waits for the card): the
	 * card step stays live under it, with the tender's prompt and Cancel. */
	bool taking;
	bool cancelling; /* Cancel was tapped while taking: the tender was asked to stop */
	enum core_decline decline;
	char brand[16];
	char last4[5];
	enum core_outcome outcome;
	char reference[32];
	char decline_reason[128];
	bool receipt_printed;
	/* The printer cannot print: the card step asks first, and the reader stays off until
	 * the resident chooses to go on without a receipt (or the printer recovers). */
	enum core_printer printer; /* kept across sessions */
	bool receipt_choice;	   /* the card step is asking */
	bool no_receipt;	   /* the resident chose to pay without a receipt */

	/* cash (app/core/cash.c) */
	bool cash_ready;	  /* the validator can take notes now (kept across sessions) */
	bool paying_cash;	  /* this payment is in cash */
	int64_t cash_taken_cents; /* credited and journaled so far */
	bool cash_closing;	  /* Done (or the timeout): the validator is being closed */
	bool cash_walked_away;	  /* the timeout closed it: print the receipt, end the session */
	bool posting_later;	  /* the portal hears of the payment from the outbox */
	int credit_to;		  /* a basket in cash: the bill (index) that takes the credit */

	enum core_busy busy;
	uint32_t request_id; /* answers to older requests are ignored */
	struct core_notice notice;

	/* Earlier payments checked with the portal: new ones may start. Survives sessions. */
	bool reconciled;
	bool pay_pending; /* "Pay a Bill" tapped before that: go on once it is done */

	/* When what the resident sees last changed (a screen, a wait ending, the warning, a
	 * question): taps that began before CORE_GHOST_TAP_MS after it are ghosts. */
	int64_t shown_ms;
	enum core_ask ask; /* a question over the screen, CORE_ASK_NONE for none */

	/* idle timeout */
	int64_t last_activity_ms;
	bool warning;
	int64_t warning_started_ms;

	/* the resident's account (app/core/account.c) */
	bool shift; /* the email keyboard's Shift: the next letter is a capital */
	char email[96];
	char password[72];
	char password2[72];
	char first_name[48];
	char reg_last_name[48];
	char mobile[16];
	bool sms_opt_in; /* never ticked by the kiosk: consent is the resident's */
	char code[8];
	bool code_spent; /* the last try at this code failed: only "Resend code" helps now */
	bool signed_in;
	char resident_email[96];
	char resident_first[48];
	char resident_last[48];
	int account_count;
	int current; /* the account the tiles act on */
	struct core_account accounts[CORE_MAX_ACCOUNTS];
	int bill_count, payment_count;
	struct core_history_item bills[CORE_MAX_HISTORY];
	struct core_history_item payments[CORE_MAX_HISTORY];
	bool history_loaded;
	bool receipt_emailed;
	bool receipt_texted;
	/* Auto Pay form */
	bool ap_has_max;
	char ap_max[12];
	int64_t ap_max_cents;
	bool ap_by_card;
	char routing[10];
	char bank_account[18];
	bool ap_savings;
	char bank_name[48];
	bool ap_refused; /* not fully linked: the screen says why and offers to link */
	/* Where Back goes from a screen reached from more than one place (Auto Pay from Home
	 * or from Bills and Payments; Paperless from Home or from Utility Bill; linking from
	 * Home or from Auto Pay's refusal; the emailed code from Create Your Account or from
	 * Sign In): the screen each was last opened from, kept per screen so that Back after
	 * Back still retraces the way (Bills and Payments, Auto Pay, linking, and back). */
	enum core_screen opened_from[CORE_SCREEN_COUNT];

	/* A bill's barcode (app/common/billcode.h) scanned on welcome or "Find your bill": the
	 * lookup in flight is by it, or waits for CORE_EV_RECONCILED. */
	char scanned[40];
	bool by_scan;
	bool scan_pending;

	/* staff service mode; kept across sessions */
	struct core_service svc;
	/* Out of service (kept across sessions): shown only between sessions. */
	bool out_of_service;
	char out_of_service_reason[128]; /* for staff and logs; residents see the configured text */
	/* Why the bill validator cannot take notes now (kept across sessions; cfg.cash only). */
	enum core_cash_problem cash_problem;
	enum core_terminal terminal; /* the payment terminal's health; kept across sessions */
	/* What the terminal's screen says now, while its card step or result is shown. */
	enum core_terminal_prompt prompt;
	char prompt_text[96];
};

enum core_event_type {
	CORE_EV_TICK,	  /* time passed */
	CORE_EV_PAY_BILL, /* welcome: "Pay a Bill" */
	CORE_EV_SIGN_IN,  /* welcome: "Sign In" */
	CORE_EV_TOGGLE_LANG,
	CORE_EV_CONTINUE,
	CORE_EV_BACK,
	CORE_EV_CANCEL,
	CORE_EV_DONE,
	CORE_EV_FOCUS, /* .field */
	CORE_EV_KEY,   /* .text: one UTF-8 character (or more, from a hardware keyboard) */
	CORE_EV_BACKSPACE,
	CORE_EV_CLEAR,
	CORE_EV_SET_VERIFY, /* .verify */
	CORE_EV_PAY_FULL,
	CORE_EV_PAY_OTHER,
	CORE_EV_PRINT_RECEIPT,
	CORE_EV_TRY_ANOTHER_CARD,    /* after a decline */
	CORE_EV_MORE_TIME,	     /* "I need more time" */
	CORE_EV_DISMISS,	     /* closes the notice */
	CORE_EV_TOUCH,		     /* any touch: keeps the session alive */
	CORE_EV_CONTINUE_NO_RECEIPT, /* card step: pay although no receipt can be printed */
	/* answers from the adapters */
	CORE_EV_LOOKUP_DONE,	/* .request_id, .failure, .bill */
	CORE_EV_CARD_READ,	/* .failure, .brand, .last4 */
	CORE_EV_PAY_DONE,	/* .request_id, .failure, .outcome, .reference, .text (reason),
				 * .decline, .brand, .last4 */
	CORE_EV_PRINT_DONE,	/* .failure */
	CORE_EV_PRINTER_STATUS, /* .printer: the printer's state changed */
	CORE_EV_RECONCILED,	/* the journal's unfinished payments were checked at start */
	/* a resident's account */
	CORE_EV_SHIFT,		 /* the email keyboard's Shift */
	CORE_EV_CREATE_ACCOUNT,	 /* sign-in: "Create Your Account" */
	CORE_EV_FORGOT_PASSWORD, /* sign-in: "Forgot password?" */
	CORE_EV_TOGGLE_SMS,	 /* register: "Receive text messages" */
	CORE_EV_RESEND_CODE,
	CORE_EV_HOME_TILE,	/* .choice: enum core_tile */
	CORE_EV_SELECT_ACCOUNT, /* .choice: index of a linked account */
	CORE_EV_SIGN_OUT,
	CORE_EV_UNLINK,		/* the current account */
	CORE_EV_PAY_NOW,	/* utility bill: into the payment flow */
	CORE_EV_PAPERLESS,	/* utility bill: "Enroll in Paperless" / manage it */
	CORE_EV_PAPERLESS_SET,	/* .choice: 1 enroll ("Confirm"), 0 stop */
	CORE_EV_AUTOPAY_SETUP,	/* "Set up" / "Update" */
	CORE_EV_AUTOPAY_OFF,	/* "Turn off" */
	CORE_EV_TOGGLE_AP_MAX,	/* the maximum amount checkbox */
	CORE_EV_SET_AP_METHOD,	/* .choice: 0 bank account, 1 card */
	CORE_EV_SET_AP_SAVINGS, /* .choice: 0 checking, 1 savings */
	CORE_EV_EMAIL_RECEIPT,	/* pay-result: the email receipt's screen */
	CORE_EV_ACCOUNT_DONE,	/* .request_id, .failure, .op, .acct: the portal's answer */
	/* staff service mode */
	CORE_EV_SERVICE_HOLD,	/* the top-left corner was held for 3 s */
	CORE_EV_SERVICE_ACTION, /* .choice: enum core_service_action */
	CORE_EV_SERVICE_DONE,	/* .op, .failure, .text, .report, .status, .brand, .last4 */
	/* .choice: 1 on, 0 off; .text: the reason. From the portal's heartbeat answer or staff.
	 * Never interrupts a session: it takes effect when the session ends. */
	CORE_EV_OUT_OF_SERVICE,
	CORE_EV_CASH_PROBLEM,	 /* .choice: enum core_cash_problem, the validator as it is now */
	CORE_EV_TERMINAL_STATUS, /* .choice: enum core_terminal, the payment terminal as it is now
				  */
	/* A card swipe arrived as typing (a keyboard-wedge reader the kiosk does not take): it
	 * was dropped (app/core/wedge_guard.h); the resident is sent to the card reader. */
	CORE_EV_STRAY_SWIPE,
	CORE_EV_ASK_YES,      /* the question (core_state.ask): do it */
	CORE_EV_ASK_NO,	      /* the question: keep things as they are */
	CORE_EV_TEXT_RECEIPT, /* pay-result: the text receipt's screen */
	CORE_EV_RECEIPT_SENT, /* .request_id, .failure, .op (the effect it answers) */
	/* .text: what a barcode scanner read (the USB scanner or, with --devices sim, the
	 * simulated one). On welcome and "Find your bill" a bill's barcode goes to the bill. */
	CORE_EV_BARCODE,
	CORE_EV_ADD_BILL,	/* amount step or basket: "Add another bill" */
	CORE_EV_BASKET_ACCOUNT, /* basket, signed in: .choice, a linked account to add */
	/* cash (app/core/cash.c) */
	CORE_EV_PAY_BY_CARD,	/* amount step with cash offered: "Card" */
	CORE_EV_PAY_BY_CASH,	/* amount step: "Cash" */
	CORE_EV_CASH_DONE,	/* cash step: "Done" */
	CORE_EV_CASH_PROGRESS,	/* .cents: notes credited so far, journaled */
	CORE_EV_CASH_REFUSED,	/* .choice: enum core_cash_refusal, .text: its amount */
	CORE_EV_CASH_AVAILABLE, /* .choice: 1 the validator can take notes, 0 not */
	CORE_EV_CREDIT_TO,	/* cash step of a basket: .choice, the bill whose account takes
				 * what goes over the amount due */
	/* .choice: enum core_terminal_prompt, what the payment terminal's screen says now;
	 * .text: its own words for CORE_PROMPT_TEXT */
	CORE_EV_TERMINAL_PROMPT,
};

/* The tiles of the signed-in home screen. */
enum core_tile {
	CORE_TILE_UTILITY_BILL,
	CORE_TILE_BILLS_PAYMENTS,
	CORE_TILE_ADD_ACCOUNT,
	CORE_TILE_AUTOPAY,
	CORE_TILE_PAPERLESS,
};

struct core_event {
	enum core_event_type type;
	int64_t now_ms;
	/* A tap on the screen: when the finger went down (same clock as now_ms); 0 for anything
	 * else (the keypad, the adapters). A tap that began before what it lands on appeared, or
	 * within CORE_GHOST_TAP_MS of it, is a ghost tap and does nothing. */
	int64_t touch_ms;
	enum core_field field;
	enum core_verify verify;
	char text[128];
	uint32_t request_id;
	enum core_failure failure;
	struct core_bill bill;
	enum core_outcome outcome;
	char reference[32];
	char brand[16];
	char last4[5];
	enum core_printer printer;
	enum core_decline decline; /* PAY_DONE, declined */
	int choice;
	int op; /* ACCOUNT_DONE: the enum core_effect_type it answers; SERVICE_DONE: core_service_op
		 */
	/* CORE_EV_ACCOUNT_DONE: the portal's answer, NULL for none. Out of line so that an event
	 * stays small: whoever makes the event keeps the answer alive while core_handle runs. */
	const struct core_account_result *acct;
	struct core_day_report report;	   /* CORE_EV_SERVICE_DONE */
	struct core_service_status status; /* CORE_EV_SERVICE_DONE, CORE_SOP_STATUS */
	/* CORE_SOP_CHECK_PIN: with CORE_FAIL_LOCKED the lock's time left, with CORE_FAIL_REFUSED
	 * the lock the last try (.choice: tries left) brings; CORE_LOCK_FOREVER: until IT
	 * unlocks it. */
	int64_t lock_ms;
	int64_t cents;	    /* CORE_EV_CASH_PROGRESS */
	bool posting_later; /* CORE_EV_PAY_DONE: approved, the portal hears of it later */
};

#define CORE_LOCK_FOREVER INT64_MAX

enum core_effect_type {
	CORE_FX_LOOKUP,	     /* look up .bill.customer_number with .bill.last_name or
			      * .bill.last_bill_cents (by .verify) */
	CORE_FX_READER_ON,   /* start taking swipes */
	CORE_FX_READER_OFF,  /* stop taking swipes (a card held stays, for the payment) */
	CORE_FX_PAY,	     /* pay .amount_cents on .bill.customer_number by .tender (the
			      * card: the one swiped, or the terminal asks for it) */
	CORE_FX_PAY_ABORT,   /* stop the payment under way (the resident tapped Cancel); its
			      * CORE_EV_PAY_DONE says how it ended */
	CORE_FX_PRINT,	     /* print the receipt of the current payment */
	CORE_FX_END_SESSION, /* wipe everything the session held (and sign out at the portal) */
	/* a resident's account: .acct, .bill.customer_number; answered by CORE_EV_ACCOUNT_DONE */
	CORE_FX_SIGN_IN,
	CORE_FX_REGISTER,
	CORE_FX_VERIFY,
	CORE_FX_RESEND_CODE,
	CORE_FX_FORGOT_PASSWORD,
	CORE_FX_ACCOUNTS, /* the linked accounts again (after a payment) */
	CORE_FX_LINK,	  /* by .verify, as a guest lookup */
	CORE_FX_UNLINK,
	CORE_FX_PAPERLESS,
	CORE_FX_HISTORY,
	CORE_FX_AUTOPAY, /* a card one uses the card held by the reader */
	CORE_FX_AUTOPAY_OFF,
	CORE_FX_SERVICE, /* .op: enum core_service_op, .text; answered by CORE_EV_SERVICE_DONE */
	/* The receipt of .acct.reference sent to .acct.email, or as a text message to
	 * .acct.mobile (E.164); answered by CORE_EV_RECEIPT_SENT. Neither is kept anywhere. */
	CORE_FX_EMAIL_RECEIPT,
	CORE_FX_TEXT_RECEIPT,
	/* look up the bill whose barcode .text is; answered by CORE_EV_LOOKUP_DONE */
	CORE_FX_LOOKUP_SCANNED,
	/* drop the card the reader holds, and nothing else: no session ended, so the look and
	 * speech the kiosk is in stay (staff's card reader test) */
	CORE_FX_DROP_CARD,
};

struct core_effect {
	enum core_effect_type type;
	uint32_t request_id;
	enum core_verify verify;
	struct core_bill bill;
	int64_t amount_cents;
	/* CORE_FX_PAY: the card fee the resident was shown (core_card_fee), charged on top of
	 * amount_cents; 0 for cash. */
	int64_t fee_cents;
	struct core_account_req acct;
	int op;			 /* CORE_FX_SERVICE */
	char text[40];		 /* CORE_FX_SERVICE: a PIN (wiped once used) or a reference */
	enum core_tender tender; /* CORE_FX_PAY, CORE_FX_PAY_ABORT */
	/* CORE_FX_PAY of several bills: each with its amount (amount_cents is their total);
	 * 0 for one bill (.bill). */
	int basket_count;
	struct core_basket_item basket[CORE_MAX_BASKET];
	/* CORE_FX_PAY_ABORT of a basket paid in cash (Done): the bill whose account takes what
	 * went over the amount due (the first unless the resident chose another). */
	int credit_to;
};

#define CORE_MAX_EFFECTS 4

struct core_effects {
	int count;
	struct core_effect fx[CORE_MAX_EFFECTS];
};

/* A tap must begin this long after what it lands on appeared, or it does nothing: the second
 * tap of a double tap would otherwise land on the next screen's button in the same place. */
#define CORE_GHOST_TAP_MS 300

/* The earliest time (absolute ms) a tap may begin and count. */
int64_t core_taps_from_ms(const struct core_state *s);

/* When a tap's finger went down, on the clock of now_ms, from the input event's own timestamp
 * (ticks_at) and the event clock now (ticks_now), both whole ms: the event may have waited in
 * the queue while a frame was drawn. The two clocks tick with their own phases, so the age can
 * read up to a ms long; the result is never earlier than the ms the event was made in, and
 * never later than now_ms (a tap at the very ms its screen became tappable counts). */
int64_t core_touch_ms(int64_t now_ms, uint32_t ticks_now, uint32_t ticks_at);

/* The card fee on an amount, as the amount step shows it before the card is presented and
 * CORE_FX_PAY carries it: money_card_fee of cfg.card_fee when the card is paid on the terminal
 * (cfg.card) and the resident pays by card (s->tender); 0 for cash and for the reader. */
int64_t core_card_fee(const struct core_state *s, int64_t amount_cents);

/* Whether "Add another bill" is offered: a basket is paid by any tender (the card through the
 * reader or the terminal, or cash), up to CORE_MAX_BASKET bills. */
bool core_basket_offered(const struct core_state *s);

/* An event of one type with nothing else in it. */
struct core_event core_ev(enum core_event_type type);

/* Fills in the defaults (60 s idle, 20 s warning, 6 s toasts, English). */
void core_config_defaults(struct core_config *cfg);

void core_init(struct core_state *s, const struct core_config *cfg, int64_t now_ms);

/* Applies one event. Effects for the adapters are appended to fx (cleared first).
 * Returns true when something visible changed. */
bool core_handle(struct core_state *s, const struct core_event *ev, struct core_effects *fx);

/* True while a resident is in a session (anything but welcome and out of service). */
bool core_in_session(const struct core_state *s);

/* Replaces the configuration between sessions; returns false (and changes nothing) while a
 * resident is in a session, so the caller tries again later. */
bool core_set_config(struct core_state *s, const struct core_config *cfg, int64_t now_ms);

/* When the next CORE_EV_TICK is due (absolute ms), or -1 when nothing is pending:
 * an idle welcome screen has no deadline at all. */
int64_t core_next_deadline(const struct core_state *s, int64_t now_ms);

/* Seconds left on the timeout warning's countdown (for display). */
int core_warning_seconds_left(const struct core_state *s, int64_t now_ms);

/* The stable id of what is on screen, as journeys name it ("timeout-warning" while the
 * warning is up). */
const char *core_screen_id(const struct core_state *s);

/* A screen's stable name ("guest-lookup") and flow, from the screen table; NULL and
 * CORE_FLOW_COUNT for a value that is not a screen. */
const char *core_screen_name(enum core_screen screen);
enum core_flow core_screen_flow(enum core_screen screen);

enum core_field_kind core_field_kind(enum core_field f);

/* Whether the card step pays through a payment terminal (core_config.card) rather than a
 * swipe at the reader. */
bool core_card_by_terminal(const struct core_state *s);

/* Whether the next letter typed is a capital: the email keyboard's Shift, and on the name
 * keyboard also the first letter of an empty field (Shift there means "not a capital"). */
bool core_shift_on(const struct core_state *s);

/* The text of a field as typed. */
const char *core_field_text(const struct core_state *s, enum core_field f);

/* Drops digits' separators: "100-200-300" and "100 200.300" become "100200300". */
void core_normalize_customer(const char *in, char *out, size_t n);

#endif
