/* The bill validator driver as an explicit state machine, independent of the transport: it
 * is fed bytes from the device and the time, and answers with the bytes to send next. It
 * brings an ITL validator up (SYNC, eSSP key exchange, HOST PROTOCOL VERSION, SETUP REQUEST,
 * GET SERIAL NUMBER, SET INHIBITS, DISABLE), then polls; notes in escrow are put to a decision hook
 * (accept, reject with a reason, or hold while the kiosk decides); credits go up as cents per note
 * and are acknowledged only once the hook has taken them; stacker full, jams, fraud and a
 * removed cashbox disable the device until staff clear them.
 *
 * Threading: one thread owns a validator (the USB thread, or the simulator's). Hooks run on
 * that thread, inside validator_event. */
#ifndef KIOSK_VALIDATOR_H
#define KIOSK_VALIDATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/cash/essp.h"
#include "drivers/cash/ssp.h"

enum val_state {
	VAL_OFFLINE, /* not talking: waits, then starts over with SYNC */
	VAL_SYNC,    /* each of these: that command is out, its reply awaited */
	VAL_SET_GENERATOR,
	VAL_SET_MODULUS,
	VAL_KEY_EXCHANGE,
	VAL_PROTOCOL,
	VAL_SETUP,
	VAL_SERIAL,
	VAL_INHIBITS,
	VAL_DISABLE,
	VAL_ENABLE,
	VAL_POLL,
	VAL_EVENT_ACK,
	VAL_HOLD,
	VAL_REJECT,
	VAL_LAST_REJECT,
	VAL_IDLE, /* up and nothing out: the next command goes when due */
};

/* What the kiosk says about a note in escrow. */
enum val_decision { VAL_ACCEPT, VAL_REJECT_NOTE, VAL_WAIT };

/* Faults latch until staff clear them (VAL_EV_CLEAR_FAULTS): cash stays off meanwhile. */
enum val_fault {
	VAL_FAULT_STACKER_FULL = 1 << 0,
	VAL_FAULT_JAM = 1 << 1,
	VAL_FAULT_FRAUD = 1 << 2,
	VAL_FAULT_CASHBOX_REMOVED = 1 << 3,
	VAL_FAULT_SETUP = 1 << 4, /* wrong currency, no usable channel: needs configuration */
	/* After a gap, a validator with another serial number answered: swapped for one that
	 * may not be the city's (the SSP manual's check). */
	VAL_FAULT_SWAPPED = 1 << 5,
};

struct val_status {
	bool up;	      /* keys negotiated, set up: the device answers */
	bool accepting;	      /* enabled for notes now */
	bool cashbox_present; /* live */
	bool jammed;	      /* live: the last poll reported a jam */
	bool note_path_open;  /* live */
	unsigned faults;      /* val_fault bits, latched */
	char firmware[5];
	char country[4];
	uint8_t protocol;
	uint32_t serial; /* the device's serial number, from GET SERIAL NUMBER */
	int n_channels;
	int64_t cents[SSP_MAX_CHANNELS];
	char error[96]; /* the last thing that went wrong, for staff; "" when none */
};

/* A note that is the city's money now. */
struct val_credit {
	int channel;
	int64_t cents; /* 0: a channel the setup did not list; staff must count the box */
	/* "Note cleared into cashbox": a note that was on its way in when the power went; it
	 * is in the box but was never credited. */
	bool cleared_at_startup;
	/* Seen before this process ever enabled the device: a credit the device kept
	 * repeating because the last process did not acknowledge it. The journal decides
	 * whether it already has it. */
	bool before_enable;
};

struct val_hooks {
	/* A note is in escrow. On VAL_REJECT_NOTE, reason (may stay "") says why to the
	 * resident; on VAL_WAIT the note is held until VAL_EV_DECIDE. */
	enum val_decision (*escrow)(void *ctx, int channel, int64_t cents, char *reason,
				    size_t cap);
	/* A credit: return 0 once it is durably recorded; only then is it acknowledged to the
	 * device. Anything else: not acknowledged, offered again on the next poll. */
	int (*credit)(void *ctx, const struct val_credit *c);
	/* The device confirmed our acknowledgement of the last credit (EVENT ACK answered): it
	 * will not offer that note again. May be NULL. A process that dies before this sees the
	 * note offered again after its restart (val_credit.before_enable). */
	void (*acked)(void *ctx, int channel);
	/* A note went back to the resident: the kiosk's reason, or the device's. */
	void (*rejected)(void *ctx, int64_t cents, const char *reason);
	/* Status changed (up, accepting, faults, cashbox...). */
	void (*status)(void *ctx, const struct val_status *st);
	void *ctx;
};

struct val_config {
	uint64_t fixed_key;		  /* 0: ESSP_DEFAULT_FIXED_KEY */
	char currency[4];		  /* the dataset must be this, "USD" */
	int64_t accept[SSP_MAX_CHANNELS]; /* denominations to take, cents; all 0: every one */
	int reply_ms;			  /* wait for a reply; 0: 1000 (the manual) */
	int retries;	  /* resends of one packet before giving up; 0: 20 (the manual) */
	int poll_ms;	  /* while accepting; 0: 200 */
	int idle_poll_ms; /* while not; 0: 1000 */
	int hold_ms;	  /* HOLD interval while the kiosk decides; 0: 1000 */
	int hold_max_ms;  /* no decision by then: the note goes back; 0: 30000 */
	int reconnect_ms; /* after giving up; 0: 3000 */
	uint8_t address;  /* SSP address, 0 for validators */
	bool plain_poll;  /* use POLL, not POLL WITH ACK */
};

enum val_ev_kind {
	VAL_EV_START,	     /* begin (or begin again) */
	VAL_EV_BYTES,	     /* bytes from the device */
	VAL_EV_TICK,	     /* time passed */
	VAL_EV_ACCEPTING,    /* the kiosk wants notes (on) or not (off) */
	VAL_EV_DECIDE,	     /* the answer to a VAL_WAIT */
	VAL_EV_CLEAR_FAULTS, /* staff cleared the faults */
};

struct val_event {
	enum val_ev_kind kind;
	int64_t now_ms;
	const uint8_t *bytes; /* VAL_EV_BYTES */
	size_t len;
	bool on;	    /* VAL_EV_ACCEPTING; VAL_EV_DECIDE: accept */
	const char *reason; /* VAL_EV_DECIDE with on = false */
};

/* What to do after an event: bytes to write (tx_len may be 0), and when to tick next. */
struct val_out {
	uint8_t tx[SSP_MAX_WIRE];
	size_t tx_len;
	int64_t wake_ms;
};

struct validator;

int validator_new(const struct val_config *cfg, const struct val_hooks *hooks,
		  struct validator **out);
void validator_free(struct validator *v);
/* The one event function: every input goes through here. */
void validator_event(struct validator *v, const struct val_event *ev, struct val_out *out);
enum val_state validator_state(const struct validator *v);
void validator_status(const struct validator *v, struct val_status *out);
const char *validator_state_name(enum val_state s);

#endif
