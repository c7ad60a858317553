/* ITL's Smiley Secure Protocol (SSP, manual GA138) as bytes: packet framing with its CRC and
 * byte stuffing, the command and response codes, and the parsers for what a bill validator
 * answers (poll events, setup request). Pure code, no I/O: the validator state machine, the
 * emulated device and the fuzz target all use it. Encryption (eSSP) is in essp.h. */
#ifndef KIOSK_SSP_H
#define KIOSK_SSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SSP_STX 0x7F
#define SSP_STEX 0x7E
#define SSP_SEQ_BIT 0x80
#define SSP_MAX_DATA 255
/* A stuffed packet at worst doubles everything after STX. */
#define SSP_MAX_WIRE (1 + 2 * (2 + SSP_MAX_DATA + 2))
#define SSP_MAX_CHANNELS 24
#define SSP_MAX_EVENTS 32

enum ssp_cmd {
	SSP_CMD_RESET = 0x01,
	SSP_CMD_SET_INHIBITS = 0x02,
	SSP_CMD_SETUP_REQUEST = 0x05,
	SSP_CMD_HOST_PROTOCOL = 0x06,
	SSP_CMD_POLL = 0x07,
	SSP_CMD_REJECT = 0x08,
	SSP_CMD_DISABLE = 0x09,
	SSP_CMD_ENABLE = 0x0A,
	SSP_CMD_SERIAL = 0x0C,
	SSP_CMD_SYNC = 0x11,
	SSP_CMD_LAST_REJECT = 0x17,
	SSP_CMD_HOLD = 0x18,
	SSP_CMD_SET_GENERATOR = 0x4A,
	SSP_CMD_SET_MODULUS = 0x4B,
	SSP_CMD_KEY_EXCHANGE = 0x4C,
	SSP_CMD_POLL_ACK = 0x56,
	SSP_CMD_EVENT_ACK = 0x57,
};

/* The first data byte of every reply. */
enum ssp_resp {
	SSP_OK = 0xF0,
	SSP_UNKNOWN_COMMAND = 0xF2,
	SSP_WRONG_PARAMS = 0xF3,
	SSP_PARAM_OUT_OF_RANGE = 0xF4,
	SSP_CANNOT_PROCESS = 0xF5,
	SSP_SOFTWARE_ERROR = 0xF6,
	SSP_FAIL = 0xF8,
	SSP_KEY_NOT_SET = 0xFA,
};

/* Poll events of a banknote validator (NV9 USB+, NV200 without payout). */
enum ssp_ev {
	SSP_EV_SLAVE_RESET = 0xF1,
	SSP_EV_READ = 0xEF,   /* channel: 0 still reading, >0 held in escrow */
	SSP_EV_CREDIT = 0xEE, /* channel: the note is the city's now */
	SSP_EV_REJECTING = 0xED,
	SSP_EV_REJECTED = 0xEC,
	SSP_EV_STACKING = 0xCC,
	SSP_EV_STACKED = 0xEB,
	SSP_EV_SAFE_JAM = 0xEA,
	SSP_EV_UNSAFE_JAM = 0xE9,
	SSP_EV_DISABLED = 0xE8,
	SSP_EV_STACKER_FULL = 0xE7,
	SSP_EV_FRAUD = 0xE6, /* channel, 0 unknown */
	SSP_EV_CASHBOX_REMOVED = 0xE3,
	SSP_EV_CASHBOX_REPLACED = 0xE4,
	SSP_EV_CLEARED_FRONT = 0xE1,   /* channel */
	SSP_EV_CLEARED_CASHBOX = 0xE2, /* channel */
	SSP_EV_NOTE_PATH_OPEN = 0xE0,
	SSP_EV_CHANNEL_DISABLE = 0xB5,
	SSP_EV_INITIALISING = 0xB6,
};

/* CRC-16, polynomial 0x8005 (x^16 + x^15 + x^2 + 1), forward, over everything after STX;
 * seed 0xFFFF for both layers. */
uint16_t ssp_crc(const uint8_t *p, size_t n, uint16_t seed);

/* Builds a whole packet on the wire: STX, seq|address, length, data, CRC, with every 0x7F
 * after STX doubled. 0, or KIOSK_EINVAL (empty or too long data, no room). */
int ssp_frame(uint8_t seq_addr, const uint8_t *data, size_t len, uint8_t *out, size_t cap,
	      size_t *out_len);

/* A packet as received: the seq|address byte and its data (CRC checked, unstuffed). */
struct ssp_packet {
	uint8_t seq_addr;
	uint8_t len;
	uint8_t data[SSP_MAX_DATA];
};

/* Takes bytes as they come and finds packets in them. A lone STX in the middle of a packet
 * starts a new one (the manual's rule for the slave; the host reads the same way). */
struct ssp_rx {
	bool in_packet; /* an STX started a packet */
	bool stx_seen;	/* the last byte was an STX inside it: stuffing or a new start */
	int pos;	/* unstuffed bytes after STX so far */
	uint8_t buf[3 + SSP_MAX_DATA + 2];
};

void ssp_rx_reset(struct ssp_rx *rx);
/* One byte in: 1 and *pkt filled when it completed a packet with a good CRC, 0 for more,
 * KIOSK_EPROTO when it completed a packet whose CRC is wrong (dropped). */
int ssp_rx_byte(struct ssp_rx *rx, uint8_t byte, struct ssp_packet *pkt);

/* ---- what a validator says ---- */

struct ssp_event {
	uint8_t code;
	uint8_t channel; /* events with a channel byte; else 0 */
};

/* Splits a poll reply's data after the OK byte into events. KIOSK_EPROTO for an event this
 * code does not know the size of (the rest of the reply cannot be read) or a missing channel
 * byte; *n holds the events read before it. */
int ssp_parse_poll(const uint8_t *data, size_t len, struct ssp_event *ev, size_t max, size_t *n);

/* True for events that, under Poll With Ack, repeat until Event Ack. */
bool ssp_event_needs_ack(uint8_t code);
const char *ssp_event_name(uint8_t code);
const char *ssp_resp_name(uint8_t code);

struct ssp_setup {
	uint8_t unit_type;	  /* 0: banknote validator */
	char firmware[5];	  /* "0345" */
	char country[4];	  /* the dataset's currency, "USD" */
	uint8_t protocol;	  /* the protocol version the device is set to now */
	uint32_t real_multiplier; /* channel value * this = minor units (cents) */
	int n_channels;
	int64_t cents[SSP_MAX_CHANNELS]; /* index 0 is channel 1 */
	char channel_country[SSP_MAX_CHANNELS][4];
};

/* Parses a banknote validator's Setup Request reply (data after the OK byte), in both the
 * layouts of protocol < 6 and >= 6. KIOSK_EPROTO when short, not a validator, or out of
 * range. */
int ssp_parse_setup(const uint8_t *data, size_t len, struct ssp_setup *out);

/* The channel (1-based) whose note is worth `cents`, 0 when none. */
int ssp_setup_channel(const struct ssp_setup *s, int64_t cents);

#endif
