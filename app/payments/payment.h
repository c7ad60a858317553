/* One payment as an explicit state machine: an enum of states and one function that takes an
 * event and returns the actions to run. It is pure (no I/O, no clock): payments.c runs the
 * actions against the journal and a tender (tender.h) and feeds their answers back as events,
 * and tests drive it with canned answers.
 *
 *   idle --start--> journaling --journaled--> sending --answer--> approved | declined
 *                                                 |                failed (refused, untrusted)
 *                                                 +--pending--> taking --progress--> taking
 *                                                 |                 +--abort--> aborting
 *                                                 +--lost--> checking --status--> approved |
 *                                                               declined | failed | in_doubt
 *   recover (after a crash) --> checking, or failed when the request never left
 *   approved --reverse--> reversing --reversed--> reversed
 *
 * A tender whose party is not the portal (a card terminal: caps.must_post) is posted to the
 * portal after its approval, so the charge and the account agree exactly once:
 *   approval --> posting --posted 0--> approved (the portal has it)
 *                        --posted refused--> reversing (the kiosk cannot stand behind it)
 *                        --posted lost/down--> approved, posting queued in the outbox
 *   an approval of another amount than asked --> reversing
 *   reversing (after a refusal) --reversed 0--> reversed | --failed--> in_doubt (retried)
 *   settle_post (an approved payment whose posting is pending or refused, after a crash or
 *   in the background) --> posting | reversing */
#ifndef KIOSK_PAYMENT_H
#define KIOSK_PAYMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "app/payments/tender.h"
#include "app/store/journal.h"

/* Status checks (with a same-key resend while the party never saw the key) before a lost
 * answer is declared in doubt, and the first wait; each wait doubles. */
#define PAYMENT_CHECK_ROUNDS 3
#define PAYMENT_CHECK_WAIT_MS 250

enum payment_state {
	PAYMENT_IDLE,
	PAYMENT_JOURNALING, /* the key is being written (created, then sent) */
	PAYMENT_SENDING,    /* the tender was asked to start */
	PAYMENT_TAKING,	    /* a tender is taking money; its answer comes later */
	PAYMENT_ABORTING,   /* the tender was asked to stop */
	PAYMENT_CHECKING,   /* the answer was lost: the party's record is asked */
	PAYMENT_REVERSING,  /* an approved payment is being given back */
	PAYMENT_POSTING,    /* approved by the terminal: the portal is being told */
	/* Where a payment ends (for now: in doubt is settled later by a recovery). */
	PAYMENT_APPROVED,
	PAYMENT_DECLINED,
	PAYMENT_FAILED,	  /* nothing was taken: see .failure */
	PAYMENT_IN_DOUBT, /* the party could not say yet; the journal keeps it for recovery */
	PAYMENT_REVERSED,
	PAYMENT_STATE_COUNT
};

/* Why a payment failed; nothing was charged in any of these. */
enum payment_failure {
	PAYMENT_FAIL_NONE,
	PAYMENT_FAIL_STORE,	  /* the journal could not be written: nothing was sent */
	PAYMENT_FAIL_REFUSED,	  /* the party refused the request itself */
	PAYMENT_FAIL_UNTRUSTED,	  /* the party's TLS identity did not check out: nothing sent */
	PAYMENT_FAIL_UNREACHABLE, /* the party confirms it never saw the key, none in flight */
	PAYMENT_FAIL_CANCELLED,	  /* stopped before anything was taken */
	PAYMENT_FAIL_NEVER_SENT,  /* recovery: a crash kept the request from ever leaving */
	PAYMENT_FAIL_OFFLINE,	  /* the party was not reached and nothing was sent (a terminal
				   * rebooting): the resident may try again in a minute */
};

enum payment_event_type {
	PAYMENT_EV_START,     /* .amount_cents, .caps */
	PAYMENT_EV_JOURNALED, /* .rc: the payment is journaled as sent (0) or not */
	PAYMENT_EV_ANSWER,    /* .rc, .result: the tender's answer to start, resend or abort */
	PAYMENT_EV_PROGRESS,  /* .result.taken_cents: money taken so far */
	PAYMENT_EV_STATUS,    /* .rc, .result: the party's record of the key */
	PAYMENT_EV_ABORT,     /* the resident cancelled or the session ended */
	PAYMENT_EV_REVERSE,   /* give an approved payment back */
	PAYMENT_EV_REVERSED,  /* .rc: the tender's answer to the reversal */
	PAYMENT_EV_RECOVER,   /* a journaled payment left unfinished: .amount_cents, .journal_state,
			       * .grace_passed, .caps */
	PAYMENT_EV_POSTED,    /* .rc, .result.reference: the portal's answer to the posting */
	PAYMENT_EV_SETTLE_POST, /* an approved payment whose posting is .post (pending or
				 * refused): .amount_cents, .result (as journaled), .caps */
};

/* What the tender can do, given with start and recover. */
struct payment_caps {
	bool can_resend;
	bool can_abort;
	bool can_reverse;
	bool must_post; /* the party is not the portal: approvals are posted to it */
};

struct payment_event {
	enum payment_event_type type;
	int rc;
	struct tender_result result;
	int64_t amount_cents;
	struct payment_caps caps;
	enum journal_state journal_state; /* RECOVER: as the journal has it */
	bool grace_passed;	/* RECOVER: a request sent before the crash can no longer arrive */
	enum journal_post post; /* SETTLE_POST: where the posting stands */
};

enum payment_action_type {
	PAYMENT_ACT_JOURNAL_CREATE, /* write the payment, then mark it sent: answer JOURNALED */
	PAYMENT_ACT_JOURNAL_MARK,   /* .journal_state, .reference (may be ""): no answer */
	PAYMENT_ACT_TENDER_START,   /* answer ANSWER */
	PAYMENT_ACT_TENDER_RESEND,  /* the same start under the same key: answer ANSWER */
	PAYMENT_ACT_TENDER_STATUS,  /* after .wait_ms: answer STATUS */
	PAYMENT_ACT_TENDER_ABORT,   /* answer ANSWER */
	PAYMENT_ACT_TENDER_REVERSE, /* answer REVERSED */
	PAYMENT_ACT_JOURNAL_TAKEN,  /* journal .taken_cents: the city's money from here on */
	PAYMENT_ACT_SHOW_PROGRESS,  /* then tell the resident .taken_cents */
	PAYMENT_ACT_FINISHED,	    /* the payment reached .state: tell the resident */
	PAYMENT_ACT_JOURNAL_CARD, /* journal what the party said of the card (.result): no answer */
	PAYMENT_ACT_PORTAL_POST,  /* post the approved payment to the portal: answer POSTED */
	PAYMENT_ACT_JOURNAL_POST, /* journal the posting as .post (.reference: the portal's) */
	PAYMENT_ACT_OUTBOX_POST,  /* the portal is out of reach: queue the posting durably, then
				   * journal it queued: no answer */
};

struct payment_action {
	enum payment_action_type type;
	enum journal_state journal_state;
	const char *reference; /* points into the payment: valid until its next event */
	int wait_ms;
	int64_t taken_cents;
	enum journal_post post;
};

#define PAYMENT_MAX_ACTIONS 4

struct payment_actions {
	struct payment_action a[PAYMENT_MAX_ACTIONS];
	int n;
};

struct payment {
	enum payment_state state;
	enum payment_failure failure;
	struct payment_caps caps;
	int64_t amount_cents;
	int64_t taken_cents;
	bool recovering;	     /* settling after a crash: ask, never resend */
	bool grace_passed;	     /* recovering: "never saw it" is final */
	bool timed_out;		     /* a request of ours timed out: it may still arrive */
	int round;		     /* status checks so far */
	int last_status_rc;	     /* the party's last word on the key */
	bool amount_differs;	     /* the party holds another amount: left in doubt for staff */
	struct tender_result result; /* the answer that settled it */
	/* Posting (caps.must_post): */
	bool post_queued;	 /* approved, and the outbox carries the posting */
	bool unbacked;		 /* approved, but the kiosk cannot stand behind it: reversing */
	char post_reference[32]; /* the portal's reference once it has the payment */
};

/* Takes one event. Returns 0 with the actions to run in order, or KIOSK_ESTATE when the event
 * makes no sense in the current state (nothing changes, no actions). */
int payment_step(struct payment *p, const struct payment_event *ev, struct payment_actions *out);

/* True once the payment is in one of its final states. */
bool payment_finished(const struct payment *p);

const char *payment_state_name(enum payment_state s);

#endif
