/* An emulated ITL bill validator (NV9 USB+ with a USD dataset) that speaks SSP/eSSP at the
 * byte level, as strictly as the device: a packet with a wrong CRC or for another address
 * gets no answer; a repeated sequence bit gets the last reply again without acting twice; with
 * encryption required (the kiosk's setting) every command but SYNC and the key exchange is
 * answered KEY NOT SET until a key is negotiated, and a plain command after that too; an
 * encrypted packet with a wrong count is discarded, one that does not decrypt puts the device
 * out of service until a new key exchange. Notes move one step per poll, as on the device.
 *
 * Used by the USB tests (behind umockdev) and by `--devices sim`. Thread-safe: the feed and
 * the controls may come from different threads. */
#ifndef KIOSK_ESSP_EMU_H
#define KIOSK_ESSP_EMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct essp_emu_config {
	uint64_t fixed_key;   /* 0: ESSP_DEFAULT_FIXED_KEY */
	bool plain_allowed;   /* encryption optional (factory default); false: required */
	bool no_poll_ack;     /* firmware without POLL WITH ACK */
	int max_protocol;     /* 0: 8 */
	int stacker_capacity; /* notes until "stacker full"; 0: 600 */
	const char *country;  /* NULL: "USD" */
	const int *dollars;   /* the dataset's channels; NULL: 1 2 5 10 20 50 100 */
	int n_channels;
	int escrow_timeout_ms; /* 0: 10000 (the manual's poll timeout) */
	uint32_t serial;       /* 0: 01873452, the manual's example */
	/* NULL: the device lives and dies with this object. Else a file that keeps what a real
	 * validator keeps while the host process dies and restarts (`--devices sim`, the crash
	 * test): the notes in its cash box by channel, the credit it repeats until acknowledged,
	 * a note that was on its way into the box (it goes on in and is credited). Written after
	 * every command, read when the emulator is made. Lines: "dollars D1 D2 ...",
	 * "box N1 N2 ..." (notes per channel), "frozen HEX", "note CHANNEL". */
	const char *state_path;
};

struct essp_emu_stats {
	bool keyed; /* a key is negotiated */
	bool enabled;
	bool out_of_service;
	uint8_t protocol;
	unsigned inhibits; /* bit per channel, 1 = accept */
	int commands;	   /* executed */
	int repeats;	   /* same sequence bit: last reply sent again */
	int bad_crc;	   /* dropped, no reply */
	int refused_plain; /* KEY NOT SET for a plain command */
	int bad_count;	   /* encrypted packets discarded for their count */
	int stacked;	   /* notes in the cashbox */
	int64_t stacked_cents;
	int rejected;
	bool note_in_path;    /* a note is being read, held, stacked or rejected */
	bool escrow;	      /* a note is held in escrow */
	bool stacking;	      /* a note is on its way into the box */
	uint8_t last_command; /* code of the last command executed */
};

struct essp_emu;

int essp_emu_new(const struct essp_emu_config *cfg, struct essp_emu **out);
void essp_emu_free(struct essp_emu *e);

/* Bytes from the host in; the device's reply out (*out_len 0: no reply). now_ms: a
 * monotonic clock, for the escrow timeout. */
int essp_emu_feed(struct essp_emu *e, int64_t now_ms, const uint8_t *in, size_t n, uint8_t *out,
		  size_t cap, size_t *out_len);

/* A resident inserts a note. reject: the validator finds it not genuine. KIOSK_EBUSY when
 * the bezel is closed (disabled, jammed, no cashbox, stacker full, a note already in). */
int essp_emu_insert(struct essp_emu *e, int dollars, bool reject);
/* The note path jams, with the note that is in it (if any) stuck there. */
void essp_emu_jam(struct essp_emu *e);
/* A fraud attempt on the note in the path (a note on a string, say): FRAUD ATTEMPT with its
 * channel, and the note is not credited. */
void essp_emu_fraud(struct essp_emu *e);
/* Staff clear the jam: the note comes out of the front. */
void essp_emu_clear_jam(struct essp_emu *e);
void essp_emu_cashbox(struct essp_emu *e, bool present);
void essp_emu_stacker_full(struct essp_emu *e);
/* Power cut and back: keys and state gone; a note on its way in is cleared to the box or
 * the front, as the device does at power-up. */
void essp_emu_power_cycle(struct essp_emu *e);
void essp_emu_stats(struct essp_emu *e, struct essp_emu_stats *out);

#endif
