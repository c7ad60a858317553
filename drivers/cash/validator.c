/* The validator state machine. One command is out at a time; `st` names it (or IDLE, or
 * OFFLINE). A reply is taken only when it carries the command's seq|address, and only in the
 * form the command went out in (an encrypted command wants an encrypted reply; a plain
 * KEY NOT SET means the device lost its key and we start over). A lost reply is asked for
 * again with the very same bytes, so the device repeats its answer rather than acting twice. */
#include "drivers/cash/validator.h"

#include <mbedtls/platform_util.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"

#define PROTOCOL_WANTED 7
#define PROTOCOL_MIN 4

struct validator {
	struct val_config cfg;
	struct val_hooks hooks;
	enum val_state st;
	struct val_status status, reported;
	bool reported_once;

	/* transport */
	struct ssp_rx rx;
	uint8_t seq; /* seq bit of the next new command */
	uint8_t cmd_seq_addr;
	bool cmd_encrypted;
	uint8_t last_tx[SSP_MAX_WIRE];
	size_t last_tx_len;
	int64_t deadline;
	int tries;

	/* keys */
	struct essp_session ses;
	uint64_t gen, mod, host_rnd;
	uint8_t proto_try;

	uint8_t inhibits[4]; /* SET INHIBITS, sent once the serial number is read */
	size_t inhibits_len;

	/* running */
	int64_t next_ms; /* IDLE: next poll due; OFFLINE: next attempt */
	int64_t next_hold;
	struct ssp_setup setup;
	bool want_accepting;
	bool dev_on; /* what we believe of the device: enabled (or not known to be disabled) */
	bool ever_enabled;
	bool poll_ack;

	/* the note in escrow */
	bool escrow;
	int escrow_channel;
	enum val_decision decision;
	int64_t hold_until; /* VAL_WAIT: the kiosk's answer is due by then */
	bool reject_sent;
	char reason[96];

	/* a reject the device decided: ask it why */
	bool ask_reject_code;
	int64_t rejected_cents;

	/* credits: an EVENT ACK owed; a credit handed up whose ack was never confirmed */
	bool need_ack;
	bool unacked;
	int unacked_channel;
};

const char *validator_state_name(enum val_state s)
{
	static const char *const names[] = {
	    [VAL_OFFLINE] = "offline",
	    [VAL_SYNC] = "sync",
	    [VAL_SET_GENERATOR] = "set generator",
	    [VAL_SET_MODULUS] = "set modulus",
	    [VAL_KEY_EXCHANGE] = "key exchange",
	    [VAL_PROTOCOL] = "host protocol version",
	    [VAL_SETUP] = "setup request",
	    [VAL_SERIAL] = "get serial number",
	    [VAL_INHIBITS] = "set inhibits",
	    [VAL_DISABLE] = "disable",
	    [VAL_ENABLE] = "enable",
	    [VAL_POLL] = "poll",
	    [VAL_EVENT_ACK] = "event ack",
	    [VAL_HOLD] = "hold",
	    [VAL_REJECT] = "reject",
	    [VAL_LAST_REJECT] = "last reject code",
	    [VAL_IDLE] = "idle",
	};
	return (unsigned)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}

int validator_new(const struct val_config *cfg, const struct val_hooks *hooks,
		  struct validator **out)
{
	struct validator *v = calloc(1, sizeof(*v));

	if (!v)
		return KIOSK_ENOMEM;
	v->cfg = *cfg;
	if (hooks)
		v->hooks = *hooks;
	if (!v->cfg.fixed_key)
		v->cfg.fixed_key = ESSP_DEFAULT_FIXED_KEY;
	if (!v->cfg.currency[0])
		snprintf(v->cfg.currency, sizeof(v->cfg.currency), "USD");
	if (v->cfg.reply_ms <= 0)
		v->cfg.reply_ms = 1000;
	if (v->cfg.retries <= 0)
		v->cfg.retries = 20;
	if (v->cfg.poll_ms <= 0)
		v->cfg.poll_ms = 200;
	if (v->cfg.idle_poll_ms <= 0)
		v->cfg.idle_poll_ms = 1000;
	if (v->cfg.hold_ms <= 0)
		v->cfg.hold_ms = 1000;
	if (v->cfg.hold_max_ms <= 0)
		v->cfg.hold_max_ms = 30000;
	if (v->cfg.reconnect_ms <= 0)
		v->cfg.reconnect_ms = 3000;
	v->cfg.address &= 0x7F;
	v->st = VAL_OFFLINE;
	v->status.cashbox_present = true;
	*out = v;
	return 0;
}

void validator_free(struct validator *v)
{
	if (!v)
		return;
	mbedtls_platform_zeroize(v, sizeof(*v));
	free(v);
}

enum val_state validator_state(const struct validator *v)
{
	return v->st;
}

void validator_status(const struct validator *v, struct val_status *out)
{
	*out = v->status;
}

static void set_error(struct validator *v, const char *fmt, const char *what)
{
	snprintf(v->status.error, sizeof(v->status.error), fmt, what);
	log_warn("validator", "%s", v->status.error);
}

/* ---- sending ---- */

static void send(struct validator *v, int64_t now, enum val_state st, const uint8_t *cmd,
		 size_t len, struct val_out *out)
{
	uint8_t sealed[SSP_MAX_DATA];
	const uint8_t *data = cmd;
	size_t n = len;

	v->cmd_encrypted = v->ses.on;
	if (v->ses.on) {
		if (essp_host_seal(&v->ses, cmd, len, sealed, sizeof(sealed), &n)) {
			set_error(v, "%s", "cannot encrypt a command");
			return;
		}
		data = sealed;
	}
	/* SYNC always carries the set bit; the device then expects 0. */
	if (cmd[0] == SSP_CMD_SYNC)
		v->seq = SSP_SEQ_BIT;
	v->cmd_seq_addr = (uint8_t)(v->seq | v->cfg.address);
	if (ssp_frame(v->cmd_seq_addr, data, n, v->last_tx, sizeof(v->last_tx), &v->last_tx_len))
		return;
	memcpy(out->tx, v->last_tx, v->last_tx_len);
	out->tx_len = v->last_tx_len;
	v->st = st;
	v->tries = 1;
	v->deadline = now + v->cfg.reply_ms;
	ssp_rx_reset(&v->rx);
}

static void send1(struct validator *v, int64_t now, enum val_state st, uint8_t code,
		  struct val_out *out)
{
	send(v, now, st, &code, 1, out);
}

static void send_u64(struct validator *v, int64_t now, enum val_state st, uint8_t code, uint64_t x,
		     struct val_out *out)
{
	uint8_t cmd[9] = {code};

	for (int i = 0; i < 8; i++)
		cmd[1 + i] = (uint8_t)(x >> (8 * i));
	send(v, now, st, cmd, sizeof(cmd), out);
}

static void forget_escrow(struct validator *v)
{
	v->escrow = false;
	v->escrow_channel = 0;
	v->reject_sent = false;
	v->reason[0] = '\0';
}

static void go_offline(struct validator *v, int64_t now, const char *why)
{
	if (why)
		set_error(v, "validator lost: %s", why);
	v->st = VAL_OFFLINE;
	mbedtls_platform_zeroize(&v->ses, sizeof(v->ses));
	v->host_rnd = 0;
	v->status.up = false;
	v->dev_on = false;
	v->need_ack = false;
	v->ask_reject_code = false;
	forget_escrow(v);
	v->next_ms = now + v->cfg.reconnect_ms;
}

static void start(struct validator *v, int64_t now, struct val_out *out)
{
	mbedtls_platform_zeroize(&v->ses, sizeof(v->ses));
	send1(v, now, VAL_SYNC, SSP_CMD_SYNC, out);
}

/* ---- IDLE: what goes out next ---- */

static int64_t poll_interval(const struct validator *v)
{
	return v->dev_on || v->escrow ? v->cfg.poll_ms : v->cfg.idle_poll_ms;
}

static void next_command(struct validator *v, int64_t now, struct val_out *out)
{
	bool want = v->want_accepting && !v->status.faults && v->status.cashbox_present;

	if (v->need_ack) {
		send1(v, now, VAL_EVENT_ACK, SSP_CMD_EVENT_ACK, out);
		return;
	}
	if (v->escrow) {
		if (v->decision == VAL_REJECT_NOTE && !v->reject_sent) {
			send1(v, now, VAL_REJECT, SSP_CMD_REJECT, out);
			return;
		}
		/* A kiosk that never answers must not keep a resident's note. */
		if (v->decision == VAL_WAIT && now >= v->hold_until) {
			log_warn("validator", "%s", "no decision on the note in escrow: returned");
			v->decision = VAL_REJECT_NOTE;
			snprintf(v->reason, sizeof(v->reason), "%s", "no decision in time");
			send1(v, now, VAL_REJECT, SSP_CMD_REJECT, out);
			return;
		}
		/* Any poll would take the note: while the kiosk decides, only HOLD. */
		if (v->decision == VAL_WAIT) {
			if (now >= v->next_hold)
				send1(v, now, VAL_HOLD, SSP_CMD_HOLD, out);
			return;
		}
	}
	if (v->ask_reject_code) {
		send1(v, now, VAL_LAST_REJECT, SSP_CMD_LAST_REJECT, out);
		return;
	}
	if (!v->escrow && want != v->dev_on) {
		send1(v, now, want ? VAL_ENABLE : VAL_DISABLE,
		      want ? SSP_CMD_ENABLE : SSP_CMD_DISABLE, out);
		return;
	}
	if (now >= v->next_ms || (v->escrow && v->decision == VAL_ACCEPT))
		send1(v, now, VAL_POLL, v->poll_ack ? SSP_CMD_POLL_ACK : SSP_CMD_POLL, out);
}

/* ---- replies ---- */

static void to_idle(struct validator *v, int64_t now, int64_t next_poll_in)
{
	v->st = VAL_IDLE;
	v->next_ms = now + next_poll_in;
}

static void deliver_credit(struct validator *v, int channel, bool cleared)
{
	struct val_credit c = {.channel = channel,
			       .cents = channel >= 1 && channel <= v->setup.n_channels
					    ? v->setup.cents[channel - 1]
					    : 0,
			       .cleared_at_startup = cleared,
			       .before_enable = !v->ever_enabled};
	int rc = 0;

	/* The device repeats an unacknowledged credit, and holds every other note until it
	 * is acknowledged: the first one after we lost it midway is that same note. */
	if (v->poll_ack && v->unacked && v->unacked_channel == channel) {
		log_info("validator",
			 "credit on channel %d repeated after a lost ack: not counted again",
			 channel);
		v->need_ack = true;
		return;
	}
	log_info("validator", "%s: channel %d, %lld cents",
		 cleared ? "note cleared into cashbox" : "note credit", channel,
		 (long long)c.cents);
	if (v->hooks.credit)
		rc = v->hooks.credit(v->hooks.ctx, &c);
	if (rc) {
		/* Not acknowledged: under POLL WITH ACK the device offers it again. */
		set_error(v, "a credit could not be recorded: %s", kiosk_strerror(rc));
		return;
	}
	if (v->poll_ack) {
		v->need_ack = true;
		v->unacked = true;
		v->unacked_channel = channel;
	}
}

static void on_escrow(struct validator *v, int64_t now, int channel)
{
	int64_t cents = channel <= v->setup.n_channels ? v->setup.cents[channel - 1] : 0;

	v->escrow = true;
	v->escrow_channel = channel;
	v->reject_sent = false;
	v->reason[0] = '\0';
	if (cents <= 0) {
		v->decision = VAL_REJECT_NOTE;
		snprintf(v->reason, sizeof(v->reason), "note not accepted");
	} else if (v->hooks.escrow) {
		v->decision =
		    v->hooks.escrow(v->hooks.ctx, channel, cents, v->reason, sizeof(v->reason));
	} else {
		v->decision = VAL_ACCEPT;
	}
	v->next_hold = 0;
	v->hold_until = now + v->cfg.hold_max_ms;
}

static int64_t escrow_cents(const struct validator *v)
{
	int ch = v->escrow_channel;

	return ch >= 1 && ch <= v->setup.n_channels ? v->setup.cents[ch - 1] : 0;
}

static void on_events(struct validator *v, int64_t now, const uint8_t *data, size_t len)
{
	struct ssp_event ev[SSP_MAX_EVENTS];
	size_t n = 0;

	if (ssp_parse_poll(data, len, ev, SSP_MAX_EVENTS, &n))
		set_error(v, "%s", "a poll reply with an event this driver cannot read");
	v->status.jammed = false;
	v->status.note_path_open = false;
	for (size_t i = 0; i < n; i++) {
		uint8_t ch = ev[i].channel;

		switch (ev[i].code) {
		case SSP_EV_READ:
			if (ch && !v->escrow)
				on_escrow(v, now, ch);
			break;
		case SSP_EV_CREDIT:
			deliver_credit(v, ch, false);
			forget_escrow(v);
			break;
		case SSP_EV_CLEARED_CASHBOX: deliver_credit(v, ch, true); break;
		case SSP_EV_REJECTED:
			if (v->escrow && v->reject_sent) {
				if (v->hooks.rejected)
					v->hooks.rejected(v->hooks.ctx, escrow_cents(v), v->reason);
			} else {
				v->ask_reject_code = true;
				v->rejected_cents = v->escrow ? escrow_cents(v) : 0;
			}
			forget_escrow(v);
			break;
		case SSP_EV_STACKED: forget_escrow(v); break;
		case SSP_EV_SAFE_JAM:
		case SSP_EV_UNSAFE_JAM:
			v->status.jammed = true;
			v->status.faults |= VAL_FAULT_JAM;
			forget_escrow(v);
			break;
		case SSP_EV_STACKER_FULL: v->status.faults |= VAL_FAULT_STACKER_FULL; break;
		case SSP_EV_FRAUD:
			v->status.faults |= VAL_FAULT_FRAUD;
			if (v->poll_ack)
				v->need_ack = true;
			forget_escrow(v);
			break;
		case SSP_EV_CASHBOX_REMOVED:
			v->status.cashbox_present = false;
			v->status.faults |= VAL_FAULT_CASHBOX_REMOVED;
			break;
		case SSP_EV_CASHBOX_REPLACED: v->status.cashbox_present = true; break;
		case SSP_EV_NOTE_PATH_OPEN: v->status.note_path_open = true; break;
		case SSP_EV_DISABLED: v->dev_on = false; break;
		case SSP_EV_SLAVE_RESET:
			/* A reset device forgets its events: nothing of ours is pending. */
			v->unacked = false;
			break;
		default: break;
		}
		if (ev[i].code != SSP_EV_READ && ev[i].code != SSP_EV_STACKING &&
		    ev[i].code != SSP_EV_DISABLED)
			log_info("validator", "event: %s", ssp_event_name(ev[i].code));
	}
}

/* Reads the setup and builds SET INHIBITS for the channels the kiosk takes. */
static int on_setup(struct validator *v, const uint8_t *d, size_t len, uint8_t cmd[4],
		    size_t *cmd_len)
{
	unsigned mask = 0;
	bool any_listed = false;

	/* Judged afresh at every bring-up: staff may have loaded the right dataset since. */
	v->status.faults &= ~(unsigned)VAL_FAULT_SETUP;
	if (ssp_parse_setup(d, len, &v->setup)) {
		v->status.faults |= VAL_FAULT_SETUP;
		set_error(v, "%s", "unreadable setup request reply");
		return KIOSK_EPROTO;
	}
	memcpy(v->status.firmware, v->setup.firmware, sizeof(v->status.firmware));
	memcpy(v->status.country, v->setup.country, sizeof(v->status.country));
	v->status.protocol = v->setup.protocol;
	v->status.n_channels = v->setup.n_channels;
	memcpy(v->status.cents, v->setup.cents, sizeof(v->status.cents));
	for (int k = 0; k < SSP_MAX_CHANNELS; k++)
		any_listed = any_listed || v->cfg.accept[k] > 0;
	for (int c = 0; c < v->setup.n_channels; c++) {
		bool ok = v->setup.cents[c] > 0 &&
			  strcmp(v->setup.channel_country[c], v->cfg.currency) == 0;

		for (int k = 0; any_listed && ok; k++) {
			if (k == SSP_MAX_CHANNELS) {
				ok = false;
				break;
			}
			if (v->cfg.accept[k] == v->setup.cents[c])
				break;
		}
		if (ok)
			mask |= 1u << c;
	}
	if (strcmp(v->setup.country, v->cfg.currency) != 0 || !mask) {
		v->status.faults |= VAL_FAULT_SETUP;
		snprintf(v->status.error, sizeof(v->status.error),
			 "the validator's dataset is %s, no %s note to accept", v->setup.country,
			 v->cfg.currency);
		log_warn("validator", "%s", v->status.error);
	}
	cmd[0] = SSP_CMD_SET_INHIBITS;
	cmd[1] = (uint8_t)(mask & 0xFF);
	cmd[2] = (uint8_t)(mask >> 8);
	cmd[3] = (uint8_t)(mask >> 16);
	*cmd_len = v->setup.n_channels > 16 ? 4 : 3;
	return 0;
}

/* A reply to the command in `st`, decrypted: d[0] is the generic response. */
static void on_reply(struct validator *v, int64_t now, const uint8_t *d, size_t len,
		     struct val_out *out)
{
	uint8_t resp = d[0];

	if (resp == SSP_KEY_NOT_SET && v->st == VAL_PROTOCOL) {
		/* The first command under a brand-new key refused: the device does not share our
		 * fixed key. Trying again at once would only spin: wait as after any loss. */
		go_offline(v, now, "it does not accept our key (check the fixed eSSP key)");
		return;
	}
	if (resp == SSP_KEY_NOT_SET) {
		/* Reset, power cut, or it threw our key away: negotiate again. */
		log_info("validator", "%s answered key not set: new key exchange",
			 validator_state_name(v->st));
		v->status.up = false;
		v->dev_on = false;
		forget_escrow(v);
		start(v, now, out);
		return;
	}
	switch (v->st) {
	case VAL_SYNC:
		if (resp != SSP_OK)
			break;
		if (essp_random_prime(&v->gen) || essp_random_prime(&v->mod)) {
			go_offline(v, now, "no random numbers");
			return;
		}
		while (v->mod == v->gen && essp_random_prime(&v->mod) == 0)
			;
		if (v->gen > v->mod) {
			uint64_t t = v->gen;

			v->gen = v->mod;
			v->mod = t;
		}
		send_u64(v, now, VAL_SET_GENERATOR, SSP_CMD_SET_GENERATOR, v->gen, out);
		return;
	case VAL_SET_GENERATOR:
		if (resp != SSP_OK)
			break;
		send_u64(v, now, VAL_SET_MODULUS, SSP_CMD_SET_MODULUS, v->mod, out);
		return;
	case VAL_SET_MODULUS:
		if (resp != SSP_OK)
			break;
		if (essp_random(&v->host_rnd, sizeof(v->host_rnd))) {
			go_offline(v, now, "no random numbers");
			return;
		}
		v->host_rnd = 2 + v->host_rnd % (ESSP_MAX_PRIME - 2);
		send_u64(v, now, VAL_KEY_EXCHANGE, SSP_CMD_KEY_EXCHANGE,
			 essp_modpow(v->gen, v->host_rnd, v->mod), out);
		return;
	case VAL_KEY_EXCHANGE: {
		uint64_t slave = 0;

		if (resp != SSP_OK || len < 9)
			break;
		for (int i = 0; i < 8; i++)
			slave |= (uint64_t)d[1 + i] << (8 * i);
		v->ses.key.fixed = v->cfg.fixed_key;
		v->ses.key.negotiated = essp_modpow(slave, v->host_rnd, v->mod);
		v->ses.count = 0;
		v->ses.on = true;
		v->host_rnd = 0;
		v->proto_try = PROTOCOL_WANTED;
		{
			uint8_t cmd[2] = {SSP_CMD_HOST_PROTOCOL, v->proto_try};

			send(v, now, VAL_PROTOCOL, cmd, sizeof(cmd), out);
		}
		return;
	}
	case VAL_PROTOCOL:
		if (resp != SSP_OK && v->proto_try > PROTOCOL_MIN) {
			uint8_t cmd[2] = {SSP_CMD_HOST_PROTOCOL, --v->proto_try};

			send(v, now, VAL_PROTOCOL, cmd, sizeof(cmd), out);
			return;
		}
		if (resp != SSP_OK)
			break;
		send1(v, now, VAL_SETUP, SSP_CMD_SETUP_REQUEST, out);
		return;
	case VAL_SETUP: {
		if (resp != SSP_OK || on_setup(v, d + 1, len - 1, v->inhibits, &v->inhibits_len))
			break;
		send1(v, now, VAL_SERIAL, SSP_CMD_SERIAL, out);
		return;
	}
	case VAL_SERIAL: {
		uint32_t serial;

		if (resp != SSP_OK || len < 5)
			break;
		serial = (uint32_t)d[1] << 24 | (uint32_t)d[2] << 16 | (uint32_t)d[3] << 8 | d[4];
		if (v->status.serial && serial != v->status.serial) {
			v->status.faults |= VAL_FAULT_SWAPPED;
			snprintf(v->status.error, sizeof(v->status.error),
				 "another validator answered (serial %08u, was %08u): check it",
				 (unsigned)serial, (unsigned)v->status.serial);
			log_warn("validator", "%s", v->status.error);
		}
		v->status.serial = serial;
		send(v, now, VAL_INHIBITS, v->inhibits, v->inhibits_len, out);
		return;
	}
	case VAL_INHIBITS:
		if (resp != SSP_OK)
			break;
		/* Up, but closed until the kiosk asks for notes. */
		v->status.up = true;
		/* What went wrong before stays said while a fault it caused stands. */
		if (!v->status.faults)
			v->status.error[0] = '\0';
		v->poll_ack = !v->cfg.plain_poll;
		v->dev_on = true; /* not known to be disabled until it says OK */
		send1(v, now, VAL_DISABLE, SSP_CMD_DISABLE, out);
		return;
	case VAL_DISABLE:
		if (resp == SSP_OK)
			v->dev_on = false;
		to_idle(v, now, 0);
		return;
	case VAL_ENABLE:
		if (resp == SSP_OK) {
			v->dev_on = true;
			v->ever_enabled = true;
		} else {
			set_error(v, "the validator refused to enable: %s", ssp_resp_name(resp));
		}
		to_idle(v, now, resp == SSP_OK ? 0 : v->cfg.idle_poll_ms);
		return;
	case VAL_POLL:
		if (resp == SSP_UNKNOWN_COMMAND && v->poll_ack) {
			log_info("validator", "%s", "no POLL WITH ACK here: plain POLL");
			v->poll_ack = false;
			to_idle(v, now, 0);
			return;
		}
		if (resp == SSP_OK) {
			/* This poll took the note that was held: it is on its way in. */
			bool taken = v->escrow && v->decision == VAL_ACCEPT;
			int channel = v->escrow_channel;

			on_events(v, now, d + 1, len - 1);
			if (taken && v->escrow && v->escrow_channel == channel)
				forget_escrow(v);
		}
		to_idle(v, now, poll_interval(v));
		return;
	case VAL_EVENT_ACK:
		/* CANNOT BE PROCESSED: nothing was waiting for an ack, which is as good. */
		v->need_ack = false;
		if (v->unacked && v->hooks.acked)
			v->hooks.acked(v->hooks.ctx, v->unacked_channel);
		v->unacked = false;
		to_idle(v, now, 0);
		return;
	case VAL_HOLD:
		if (resp != SSP_OK)
			forget_escrow(v); /* no note in escrow any more: the poll will tell */
		v->next_hold = now + v->cfg.hold_ms;
		to_idle(v, now, resp == SSP_OK ? v->cfg.hold_ms : 0);
		return;
	case VAL_REJECT:
		v->reject_sent = true;
		to_idle(v, now, 0);
		return;
	case VAL_LAST_REJECT:
		v->ask_reject_code = false;
		if (v->hooks.rejected) {
			char why[64];

			snprintf(why, sizeof(why), "refused by the validator (code %u)",
				 resp == SSP_OK && len >= 2 ? d[1] : 0xFFu);
			v->hooks.rejected(v->hooks.ctx, v->rejected_cents, why);
		}
		to_idle(v, now, poll_interval(v));
		return;
	case VAL_OFFLINE:
	case VAL_IDLE: return;
	}
	/* A bring-up step failed: say which, and try again later. */
	{
		char why[96];

		snprintf(why, sizeof(why), "%s answered %s", validator_state_name(v->st),
			 ssp_resp_name(resp));
		go_offline(v, now, why);
	}
}

static void on_packet(struct validator *v, int64_t now, const struct ssp_packet *p,
		      struct val_out *out)
{
	uint8_t plain[SSP_MAX_DATA];
	const uint8_t *d = p->data;
	size_t len = p->len;

	if (v->st == VAL_OFFLINE || v->st == VAL_IDLE || p->seq_addr != v->cmd_seq_addr)
		return; /* not an answer to what is out: a stale repeat, or another slave */
	if (p->data[0] == SSP_STEX) {
		if (!v->ses.on ||
		    essp_host_open(&v->ses, p->data, p->len, plain, sizeof(plain), &len)) {
			go_offline(v, now, "an encrypted reply that does not decrypt or count");
			return;
		}
		d = plain;
	} else if (v->cmd_encrypted && p->data[0] != SSP_KEY_NOT_SET) {
		/* Only a device that lost its key answers in clear; anything else in clear is
		 * not our device talking. */
		go_offline(v, now, "a plain reply to an encrypted command");
		return;
	}
	v->seq ^= SSP_SEQ_BIT;
	on_reply(v, now, d, len, out);
	mbedtls_platform_zeroize(plain, sizeof(plain));
}

static void on_tick(struct validator *v, int64_t now, struct val_out *out)
{
	switch (v->st) {
	case VAL_OFFLINE:
		if (now >= v->next_ms)
			start(v, now, out);
		return;
	case VAL_IDLE: next_command(v, now, out); return;
	default:
		if (now < v->deadline)
			return;
		if (v->tries >= v->cfg.retries) {
			char why[64];

			snprintf(why, sizeof(why), "no answer to %s", validator_state_name(v->st));
			go_offline(v, now, why);
			return;
		}
		/* Same bytes, same seq bit: a device that got it repeats its reply. */
		memcpy(out->tx, v->last_tx, v->last_tx_len);
		out->tx_len = v->last_tx_len;
		v->tries++;
		v->deadline = now + v->cfg.reply_ms;
		ssp_rx_reset(&v->rx);
		return;
	}
}

static int64_t wake_at(const struct validator *v)
{
	switch (v->st) {
	case VAL_OFFLINE: return v->next_ms;
	case VAL_IDLE:
		if (v->escrow && v->decision == VAL_WAIT)
			return v->next_hold < v->hold_until ? v->next_hold : v->hold_until;
		return v->next_ms;
	default: return v->deadline;
	}
}

void validator_event(struct validator *v, const struct val_event *ev, struct val_out *out)
{
	int64_t now = ev->now_ms;

	out->tx_len = 0;
	switch (ev->kind) {
	case VAL_EV_START:
		go_offline(v, now, NULL);
		v->next_ms = now;
		break;
	case VAL_EV_BYTES:
		for (size_t i = 0; i < ev->len && out->tx_len == 0; i++) {
			struct ssp_packet p;

			if (ssp_rx_byte(&v->rx, ev->bytes[i], &p) == 1)
				on_packet(v, now, &p, out);
		}
		break;
	case VAL_EV_TICK: break;
	case VAL_EV_ACCEPTING: v->want_accepting = ev->on; break;
	case VAL_EV_DECIDE:
		if (v->escrow && v->decision == VAL_WAIT) {
			v->decision = ev->on ? VAL_ACCEPT : VAL_REJECT_NOTE;
			snprintf(v->reason, sizeof(v->reason), "%s",
				 !ev->on && ev->reason ? ev->reason : "");
		}
		break;
	case VAL_EV_CLEAR_FAULTS:
		v->status.faults &= VAL_FAULT_SETUP;
		if (!v->status.cashbox_present)
			v->status.faults |= VAL_FAULT_CASHBOX_REMOVED;
		if (v->status.jammed)
			v->status.faults |= VAL_FAULT_JAM;
		break;
	}
	if (out->tx_len == 0)
		on_tick(v, now, out);
	out->wake_ms = wake_at(v);
	v->status.accepting = v->status.up && v->dev_on;
	if (v->hooks.status &&
	    (!v->reported_once || memcmp(&v->status, &v->reported, sizeof(v->status)) != 0)) {
		v->reported = v->status;
		v->reported_once = true;
		v->hooks.status(v->hooks.ctx, &v->status);
	}
}
