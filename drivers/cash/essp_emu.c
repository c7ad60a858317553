/* The emulated validator: a transport layer (frames, CRC, address, sequence bit, the last
 * reply), an encryption layer (key exchange, counter, out of service) and the device (commands,
 * the note's path, events). The note path is a small state machine advanced by polls. */
#include "drivers/cash/essp_emu.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "drivers/cash/essp.h"
#include "drivers/cash/ssp.h"

#define MAX_CH 16
#define MAX_QUEUE 16
#define REJECT_BY_HOST 0x08
#define REJECT_AVERAGE_FAIL 0x02
#define REJECT_CHANNEL_INHIBIT 0x06
#define REJECT_ESCROW_TIMEOUT 0x13

enum note_stage {
	NOTE_NONE,
	NOTE_READING,	/* poll: READ 0 */
	NOTE_ESCROW_IN, /* poll: READ ch, now held */
	NOTE_ESCROW,	/* held; the next poll accepts it */
	NOTE_STACKING,	/* poll: STACKING */
	NOTE_CREDIT,	/* poll: CREDIT ch, STACKED */
	NOTE_REJECTING, /* poll: REJECTING */
	NOTE_REJECTED,	/* poll: REJECTED */
};

struct essp_emu {
	pthread_mutex_t lock;
	struct essp_emu_config cfg;
	int dollars[MAX_CH];
	char country[4];

	/* transport */
	struct ssp_rx rx;
	bool have_last;
	uint8_t last_seq;
	uint8_t last_reply[SSP_MAX_WIRE];
	size_t last_reply_len;

	/* encryption */
	uint64_t gen, mod;
	struct essp_session ses;

	/* device */
	uint8_t protocol;
	bool enabled;
	unsigned inhibits;
	bool cashbox_present, stacker_full, jammed;
	int jam_channel;
	uint8_t queue[MAX_QUEUE][2]; /* one-shot events: code, channel (or 0xFF: no data) */
	int n_queue;
	uint8_t frozen[64]; /* POLL WITH ACK: the reply repeated until EVENT ACK */
	size_t frozen_len;
	uint8_t last_reject;

	/* the note in the path */
	enum note_stage stage;
	int channel;
	bool fake;
	int64_t escrow_deadline;

	struct essp_emu_stats st;
	int box[MAX_CH]; /* notes in the cash box, by channel */
};

static const int default_dollars[] = {1, 2, 5, 10, 20, 50, 100};

/* ---- what the device keeps across the host's restarts (cfg.state_path) ---- */

/* Under the lock. A note accepted from escrow goes on into the box by itself; one still in
 * escrow or being read goes back to the resident (the device's own timeout). */
static void save_state(struct essp_emu *e)
{
	char tmp[4200];
	FILE *f;

	if (!e->cfg.state_path)
		return;
	snprintf(tmp, sizeof(tmp), "%s.tmp", e->cfg.state_path);
	f = fopen(tmp, "w");
	if (!f)
		return;
	fprintf(f, "dollars");
	for (int c = 0; c < e->cfg.n_channels; c++)
		fprintf(f, " %d", e->dollars[c]);
	fprintf(f, "\nbox");
	for (int c = 0; c < e->cfg.n_channels; c++)
		fprintf(f, " %d", e->box[c]);
	fprintf(f, "\n");
	if (e->frozen_len) {
		fprintf(f, "frozen ");
		for (size_t i = 0; i < e->frozen_len; i++)
			fprintf(f, "%02x", e->frozen[i]);
		fprintf(f, "\n");
	}
	if (e->stage == NOTE_STACKING || e->stage == NOTE_CREDIT)
		fprintf(f, "note %d\n", e->channel);
	if (fclose(f) == 0)
		rename(tmp, e->cfg.state_path);
}

static void load_state(struct essp_emu *e)
{
	FILE *f = fopen(e->cfg.state_path, "r");
	char line[512];

	if (!f)
		return; /* a new device */
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *end;

		if (!strncmp(line, "box ", 4)) {
			p += 4;
			for (int c = 0; c < e->cfg.n_channels; c++, p = end) {
				long k = strtol(p, &end, 10);
				if (end == p || k < 0)
					break;
				e->box[c] = (int)k;
				e->st.stacked += (int)k;
				e->st.stacked_cents += (int64_t)k * e->dollars[c] * 100;
			}
		} else if (!strncmp(line, "frozen ", 7)) {
			p += 7;
			while (e->frozen_len < sizeof(e->frozen) && isxdigit((unsigned char)p[0]) &&
			       isxdigit((unsigned char)p[1])) {
				char hex[3] = {p[0], p[1], 0};
				e->frozen[e->frozen_len++] = (uint8_t)strtoul(hex, NULL, 16);
				p += 2;
			}
		} else if (!strncmp(line, "note ", 5)) {
			long ch = strtol(line + 5, NULL, 10);
			if (ch >= 1 && ch <= e->cfg.n_channels) {
				e->stage = NOTE_CREDIT;
				e->channel = (int)ch;
			}
		}
	}
	fclose(f);
}

int essp_emu_new(const struct essp_emu_config *cfg, struct essp_emu **out)
{
	struct essp_emu *e = calloc(1, sizeof(*e));
	const int *d = cfg->dollars ? cfg->dollars : default_dollars;
	int n = cfg->dollars ? cfg->n_channels : (int)(sizeof(default_dollars) / sizeof(int));

	if (!e)
		return KIOSK_ENOMEM;
	if (n < 1 || n > MAX_CH) {
		free(e);
		return KIOSK_EINVAL;
	}
	e->cfg = *cfg;
	if (!e->cfg.fixed_key)
		e->cfg.fixed_key = ESSP_DEFAULT_FIXED_KEY;
	if (!e->cfg.max_protocol)
		e->cfg.max_protocol = 8;
	if (!e->cfg.stacker_capacity)
		e->cfg.stacker_capacity = 600;
	if (!e->cfg.escrow_timeout_ms)
		e->cfg.escrow_timeout_ms = 10000;
	if (!e->cfg.serial)
		e->cfg.serial = 1873452;
	memcpy(e->dollars, d, (size_t)n * sizeof(int));
	e->cfg.n_channels = n;
	e->cfg.dollars = NULL;
	memcpy(e->country, cfg->country ? cfg->country : "USD", 3);
	e->protocol = 6;
	e->cashbox_present = true;
	pthread_mutex_init(&e->lock, NULL);
	e->cfg.state_path = NULL;
	if (cfg->state_path && cfg->state_path[0]) {
		e->cfg.state_path = strdup(cfg->state_path);
		if (!e->cfg.state_path) {
			essp_emu_free(e);
			return KIOSK_ENOMEM;
		}
		load_state(e);
	}
	*out = e;
	return 0;
}

void essp_emu_free(struct essp_emu *e)
{
	if (!e)
		return;
	pthread_mutex_destroy(&e->lock);
	free((char *)e->cfg.state_path);
	free(e);
}

static void queue_event(struct essp_emu *e, uint8_t code, int channel)
{
	if (e->n_queue == MAX_QUEUE)
		return;
	e->queue[e->n_queue][0] = code;
	e->queue[e->n_queue][1] = (uint8_t)channel;
	e->n_queue++;
}

static bool has_channel_byte(uint8_t code)
{
	return code == SSP_EV_READ || code == SSP_EV_CREDIT || code == SSP_EV_FRAUD ||
	       code == SSP_EV_CLEARED_FRONT || code == SSP_EV_CLEARED_CASHBOX;
}

/* ---- the note path ---- */

static void put(uint8_t *r, size_t *n, uint8_t code, int channel)
{
	r[(*n)++] = code;
	if (has_channel_byte(code))
		r[(*n)++] = (uint8_t)channel;
}

/* Builds a poll reply (after OK) and moves the note one step. */
static size_t poll_events(struct essp_emu *e, int64_t now, uint8_t *r)
{
	size_t n = 0;

	for (int k = 0; k < e->n_queue; k++)
		put(r, &n, e->queue[k][0], e->queue[k][1]);
	e->n_queue = 0;
	if (e->jammed) {
		put(r, &n, SSP_EV_UNSAFE_JAM, 0);
		return n;
	}
	if (e->stage == NOTE_ESCROW && now > e->escrow_deadline) {
		e->last_reject = REJECT_ESCROW_TIMEOUT;
		e->stage = NOTE_REJECTING;
	}
	switch (e->stage) {
	case NOTE_NONE: break;
	case NOTE_READING:
		put(r, &n, SSP_EV_READ, 0);
		if (e->fake || !(e->inhibits & (1u << (e->channel - 1)))) {
			e->last_reject = e->fake ? REJECT_AVERAGE_FAIL : REJECT_CHANNEL_INHIBIT;
			e->stage = NOTE_REJECTING;
		} else {
			e->stage = NOTE_ESCROW_IN;
		}
		break;
	case NOTE_ESCROW_IN:
		put(r, &n, SSP_EV_READ, e->channel);
		e->stage = NOTE_ESCROW;
		e->escrow_deadline = now + e->cfg.escrow_timeout_ms;
		break;
	case NOTE_ESCROW: /* this poll is the host's yes */
	case NOTE_STACKING:
		put(r, &n, SSP_EV_STACKING, 0);
		e->stage = NOTE_CREDIT;
		break;
	case NOTE_CREDIT:
		put(r, &n, SSP_EV_CREDIT, e->channel);
		put(r, &n, SSP_EV_STACKED, 0);
		e->st.stacked++;
		e->st.stacked_cents += (int64_t)e->dollars[e->channel - 1] * 100;
		e->box[e->channel - 1]++;
		e->stage = NOTE_NONE;
		if (e->st.stacked >= e->cfg.stacker_capacity && !e->stacker_full) {
			e->stacker_full = true;
			put(r, &n, SSP_EV_STACKER_FULL, 0);
		}
		break;
	case NOTE_REJECTING:
		put(r, &n, SSP_EV_REJECTING, 0);
		e->stage = NOTE_REJECTED;
		break;
	case NOTE_REJECTED:
		put(r, &n, SSP_EV_REJECTED, 0);
		e->st.rejected++;
		e->stage = NOTE_NONE;
		break;
	}
	if (!e->enabled)
		put(r, &n, SSP_EV_DISABLED, 0);
	return n;
}

/* ---- commands ---- */

static uint64_t le64(const uint8_t *p)
{
	uint64_t x = 0;

	for (int i = 0; i < 8; i++)
		x |= (uint64_t)p[i] << (8 * i);
	return x;
}

static size_t setup_reply(const struct essp_emu *e, uint8_t *r)
{
	size_t n = 0, ch = (size_t)e->cfg.n_channels;
	bool expanded = e->protocol >= 6;

	r[n++] = SSP_OK;
	r[n++] = 0x00; /* banknote validator */
	memcpy(r + n, "0346", 4);
	n += 4;
	memcpy(r + n, e->country, 3);
	n += 3;
	/* value multiplier: 0 says "values in the expanded part" */
	r[n++] = 0;
	r[n++] = 0;
	r[n++] = expanded ? 0 : 1;
	r[n++] = (uint8_t)ch;
	for (size_t c = 0; c < ch; c++)
		r[n++] = expanded ? 0 : (uint8_t)e->dollars[c];
	for (size_t c = 0; c < ch; c++)
		r[n++] = expanded ? 0 : 2;
	/* real value multiplier, big-endian: dollars to cents */
	r[n++] = 0;
	r[n++] = 0;
	r[n++] = 100;
	r[n++] = e->protocol;
	if (!expanded)
		return n;
	for (size_t c = 0; c < ch; c++) {
		memcpy(r + n, e->country, 3);
		n += 3;
	}
	for (size_t c = 0; c < ch; c++) {
		uint32_t v = (uint32_t)e->dollars[c];

		for (int i = 0; i < 4; i++)
			r[n++] = (uint8_t)(v >> (8 * i));
	}
	return n;
}

/* The device after power-up or RESET: no key, disabled, protocol default, events gone. */
static void reset_device(struct essp_emu *e)
{
	memset(&e->ses, 0, sizeof(e->ses));
	e->gen = e->mod = 0;
	e->have_last = false;
	e->enabled = false;
	e->protocol = 6;
	e->inhibits = 0;
	e->frozen_len = 0;
	e->n_queue = 0;
	e->st.out_of_service = false;
	ssp_rx_reset(&e->rx);
	queue_event(e, SSP_EV_SLAVE_RESET, 0);
}

static bool allowed_plain(uint8_t code)
{
	return code == SSP_CMD_SYNC || code == SSP_CMD_SET_GENERATOR ||
	       code == SSP_CMD_SET_MODULUS || code == SSP_CMD_KEY_EXCHANGE || code == SSP_CMD_RESET;
}

static bool note_in_path(const struct essp_emu *e)
{
	return e->stage != NOTE_NONE;
}

/* Executes one command; the reply data go to r. */
static size_t execute(struct essp_emu *e, int64_t now, const uint8_t *c, size_t len, uint8_t *r)
{
	size_t n = 0;

	e->st.commands++;
	e->st.last_command = c[0];
	/* Any command but a poll keeps a note in escrow (HOLD is the one meant for it). */
	if (e->stage == NOTE_ESCROW && c[0] != SSP_CMD_POLL && c[0] != SSP_CMD_POLL_ACK)
		e->escrow_deadline = now + e->cfg.escrow_timeout_ms;
	switch (c[0]) {
	case SSP_CMD_SYNC:
	case SSP_CMD_RESET: r[n++] = len == 1 ? SSP_OK : SSP_WRONG_PARAMS; return n;
	case SSP_CMD_SET_GENERATOR:
	case SSP_CMD_SET_MODULUS: {
		uint64_t x;

		if (len != 9) {
			r[n++] = SSP_WRONG_PARAMS;
			return n;
		}
		x = le64(c + 1);
		if (!essp_is_prime(x)) {
			r[n++] = SSP_PARAM_OUT_OF_RANGE;
			return n;
		}
		*(c[0] == SSP_CMD_SET_GENERATOR ? &e->gen : &e->mod) = x;
		r[n++] = SSP_OK;
		return n;
	}
	case SSP_CMD_KEY_EXCHANGE: {
		uint64_t rnd, inter;

		if (len != 9) {
			r[n++] = SSP_WRONG_PARAMS;
			return n;
		}
		if (!e->gen || !e->mod || essp_random(&rnd, sizeof(rnd))) {
			r[n++] = SSP_FAIL;
			return n;
		}
		rnd = 2 + rnd % (ESSP_MAX_PRIME - 2);
		inter = essp_modpow(e->gen, rnd, e->mod);
		/* The new key applies from the next packet; this reply goes as the command came. */
		e->ses.key.fixed = e->cfg.fixed_key;
		e->ses.key.negotiated = essp_modpow(le64(c + 1), rnd, e->mod);
		e->ses.count = 0;
		e->st.out_of_service = false;
		r[n++] = SSP_OK;
		for (int i = 0; i < 8; i++)
			r[n++] = (uint8_t)(inter >> (8 * i));
		return n;
	}
	case SSP_CMD_HOST_PROTOCOL:
		if (len != 2) {
			r[n++] = SSP_WRONG_PARAMS;
		} else if (c[1] < 4 || c[1] > e->cfg.max_protocol) {
			r[n++] = SSP_FAIL;
		} else {
			e->protocol = c[1];
			r[n++] = SSP_OK;
		}
		return n;
	case SSP_CMD_SETUP_REQUEST: return setup_reply(e, r);
	case SSP_CMD_SET_INHIBITS:
		if (len < 2 || len > 3) {
			r[n++] = SSP_WRONG_PARAMS;
			return n;
		}
		e->inhibits = c[1] | (len > 2 ? (unsigned)c[2] << 8 : 0);
		r[n++] = SSP_OK;
		return n;
	case SSP_CMD_ENABLE:
		e->enabled = true;
		r[n++] = SSP_OK;
		return n;
	case SSP_CMD_DISABLE:
		e->enabled = false;
		r[n++] = SSP_OK;
		return n;
	case SSP_CMD_SERIAL:
		/* big-endian, MSB first */
		r[n++] = SSP_OK;
		for (int i = 3; i >= 0; i--)
			r[n++] = (uint8_t)(e->cfg.serial >> (8 * i));
		return n;
	case SSP_CMD_HOLD: r[n++] = e->stage == NOTE_ESCROW ? SSP_OK : SSP_CANNOT_PROCESS; return n;
	case SSP_CMD_REJECT:
		if (e->stage != NOTE_ESCROW) {
			r[n++] = SSP_CANNOT_PROCESS;
			return n;
		}
		e->last_reject = REJECT_BY_HOST;
		e->stage = NOTE_REJECTING;
		r[n++] = SSP_OK;
		return n;
	case SSP_CMD_LAST_REJECT:
		r[n++] = SSP_OK;
		r[n++] = e->last_reject;
		return n;
	case SSP_CMD_POLL_ACK:
		if (e->cfg.no_poll_ack)
			break;
		if (e->frozen_len) {
			memcpy(r, e->frozen, e->frozen_len);
			return e->frozen_len;
		}
		/* fall through */
	case SSP_CMD_POLL:
		r[n++] = SSP_OK;
		n += poll_events(e, now, r + n);
		if (c[0] == SSP_CMD_POLL_ACK) {
			struct ssp_event ev[SSP_MAX_EVENTS];
			size_t k = 0;
			bool needs = false;

			ssp_parse_poll(r + 1, n - 1, ev, SSP_MAX_EVENTS, &k);
			for (size_t i = 0; i < k; i++)
				needs = needs || ssp_event_needs_ack(ev[i].code);
			if (needs) {
				memcpy(e->frozen, r, n);
				e->frozen_len = n;
			}
		}
		return n;
	case SSP_CMD_EVENT_ACK:
		if (e->cfg.no_poll_ack)
			break;
		r[n++] = e->frozen_len ? SSP_OK : SSP_CANNOT_PROCESS;
		e->frozen_len = 0;
		return n;
	default: break;
	}
	r[n++] = SSP_UNKNOWN_COMMAND;
	return n;
}

/* One whole packet from the host. */
static void on_packet(struct essp_emu *e, int64_t now, const struct ssp_packet *p, uint8_t *out,
		      size_t cap, size_t *out_len)
{
	uint8_t seq = p->seq_addr & SSP_SEQ_BIT, cmd[SSP_MAX_DATA], reply[SSP_MAX_DATA];
	uint8_t sealed[SSP_MAX_DATA];
	const uint8_t *c = p->data, *wire = reply;
	struct essp_session ses;
	size_t len = p->len, rn, sn;
	bool encrypted = p->data[0] == SSP_STEX;

	if ((p->seq_addr & 0x7F) != 0)
		return; /* for another slave on the bus */
	if (!encrypted && p->data[0] == SSP_CMD_SYNC) {
		/* SYNC resets the sequence: the next command carries 0. */
		e->have_last = false;
	} else if (e->have_last && seq == e->last_seq) {
		/* Our reply was lost: say it again, do nothing again. */
		e->st.repeats++;
		if (e->last_reply_len <= cap) {
			memcpy(out, e->last_reply, e->last_reply_len);
			*out_len = e->last_reply_len;
		}
		return;
	}
	if (encrypted) {
		int rc;

		if (!e->ses.key.negotiated || e->st.out_of_service) {
			reply[0] = SSP_KEY_NOT_SET;
			rn = 1;
			encrypted = false;
			goto answer;
		}
		rc = essp_dev_open(&e->ses, p->data, p->len, cmd, sizeof(cmd), &len);
		if (rc == KIOSK_ECRYPTO) {
			/* Not our key: the manual says out of service until reset; here until
			 * a new key exchange. No answer. */
			e->st.out_of_service = true;
			e->enabled = false;
			return;
		}
		if (rc) {
			e->st.bad_count++;
			return; /* discarded as if never received: the sequence stays */
		}
		c = cmd;
	} else if (!allowed_plain(c[0]) && (!e->cfg.plain_allowed || c[0] == SSP_CMD_POLL_ACK ||
					    c[0] == SSP_CMD_EVENT_ACK)) {
		/* Encryption required (by the setting, or by the command): refused. */
		e->st.refused_plain++;
		reply[0] = SSP_KEY_NOT_SET;
		rn = 1;
		goto answer;
	}
	/* The reply goes under the key the command came under, even a new key's exchange. */
	ses = e->ses;
	rn = execute(e, now, c, len, reply);
answer:
	sn = rn;
	if (encrypted) {
		if (essp_dev_seal(&ses, reply, rn, sealed, sizeof(sealed), &sn))
			return;
		wire = sealed;
	}
	if (ssp_frame(p->seq_addr, wire, sn, e->last_reply, sizeof(e->last_reply),
		      &e->last_reply_len) ||
	    e->last_reply_len > cap)
		return;
	e->have_last = true;
	/* After a SYNC the device expects 0 next, whatever bit the SYNC carried. */
	e->last_seq = (!encrypted && c[0] == SSP_CMD_SYNC) ? SSP_SEQ_BIT : seq;
	memcpy(out, e->last_reply, e->last_reply_len);
	*out_len = e->last_reply_len;
	if (!encrypted && c[0] == SSP_CMD_RESET)
		reset_device(e);
}

int essp_emu_feed(struct essp_emu *e, int64_t now_ms, const uint8_t *in, size_t n, uint8_t *out,
		  size_t cap, size_t *out_len)
{
	pthread_mutex_lock(&e->lock);
	*out_len = 0;
	for (size_t i = 0; i < n; i++) {
		struct ssp_packet p;
		size_t got = 0;
		int rc = ssp_rx_byte(&e->rx, in[i], &p);

		if (rc == KIOSK_EPROTO)
			e->st.bad_crc++;
		if (rc != 1)
			continue;
		on_packet(e, now_ms, &p, out + *out_len, cap - *out_len, &got);
		*out_len += got;
	}
	save_state(e);
	pthread_mutex_unlock(&e->lock);
	return 0;
}

int essp_emu_insert(struct essp_emu *e, int dollars, bool reject)
{
	int rc = 0, channel = 0;

	pthread_mutex_lock(&e->lock);
	for (int c = 0; c < e->cfg.n_channels && !channel; c++) {
		if (e->dollars[c] == dollars)
			channel = c + 1;
	}
	if (!e->enabled || e->jammed || !e->cashbox_present || e->stacker_full ||
	    e->st.out_of_service || note_in_path(e)) {
		rc = KIOSK_EBUSY;
	} else {
		e->stage = NOTE_READING;
		/* A note the dataset does not know is refused like a fake one. */
		e->fake = reject || !channel;
		e->channel = channel ? channel : 1;
	}
	pthread_mutex_unlock(&e->lock);
	return rc;
}

void essp_emu_jam(struct essp_emu *e)
{
	pthread_mutex_lock(&e->lock);
	e->jammed = true;
	e->jam_channel = note_in_path(e) && !e->fake ? e->channel : 0;
	e->stage = NOTE_NONE;
	pthread_mutex_unlock(&e->lock);
}

void essp_emu_fraud(struct essp_emu *e)
{
	pthread_mutex_lock(&e->lock);
	/* The device names the note's channel (0 when it does not know it) and the note goes no
	 * further: nothing is credited. */
	queue_event(e, SSP_EV_FRAUD, note_in_path(e) && !e->fake ? e->channel : 0);
	e->stage = NOTE_NONE;
	pthread_mutex_unlock(&e->lock);
}

void essp_emu_clear_jam(struct essp_emu *e)
{
	pthread_mutex_lock(&e->lock);
	if (e->jammed)
		queue_event(e, SSP_EV_CLEARED_FRONT, e->jam_channel);
	e->jammed = false;
	pthread_mutex_unlock(&e->lock);
}

void essp_emu_cashbox(struct essp_emu *e, bool present)
{
	pthread_mutex_lock(&e->lock);
	if (present != e->cashbox_present) {
		queue_event(e, present ? SSP_EV_CASHBOX_REPLACED : SSP_EV_CASHBOX_REMOVED, 0);
		if (present) {
			/* Staff emptied it. */
			e->st.stacked = 0;
			e->st.stacked_cents = 0;
			e->stacker_full = false;
		}
	}
	e->cashbox_present = present;
	pthread_mutex_unlock(&e->lock);
}

void essp_emu_stacker_full(struct essp_emu *e)
{
	pthread_mutex_lock(&e->lock);
	if (!e->stacker_full)
		queue_event(e, SSP_EV_STACKER_FULL, 0);
	e->stacker_full = true;
	pthread_mutex_unlock(&e->lock);
}

void essp_emu_power_cycle(struct essp_emu *e)
{
	pthread_mutex_lock(&e->lock);
	reset_device(e);
	/* At power-up a note in the stack path goes on into the box, one before escrow goes
	 * back out of the front: neither was credited. */
	if (e->stage == NOTE_STACKING || e->stage == NOTE_CREDIT || e->stage == NOTE_ESCROW) {
		bool to_box = e->stage != NOTE_ESCROW;

		queue_event(e, to_box ? SSP_EV_CLEARED_CASHBOX : SSP_EV_CLEARED_FRONT, e->channel);
		if (to_box) {
			e->st.stacked++;
			e->st.stacked_cents += (int64_t)e->dollars[e->channel - 1] * 100;
			e->box[e->channel - 1]++;
		}
	} else if (e->stage != NOTE_NONE && !e->fake) {
		queue_event(e, SSP_EV_CLEARED_FRONT, 0);
	}
	e->stage = NOTE_NONE;
	pthread_mutex_unlock(&e->lock);
}

void essp_emu_stats(struct essp_emu *e, struct essp_emu_stats *out)
{
	pthread_mutex_lock(&e->lock);
	*out = e->st;
	out->keyed = e->ses.key.negotiated != 0;
	out->enabled = e->enabled;
	out->protocol = e->protocol;
	out->inhibits = e->inhibits;
	out->note_in_path = e->stage != NOTE_NONE;
	out->escrow = e->stage == NOTE_ESCROW;
	out->stacking = e->stage == NOTE_STACKING || e->stage == NOTE_CREDIT;
	pthread_mutex_unlock(&e->lock);
}
