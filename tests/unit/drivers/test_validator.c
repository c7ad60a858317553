/* Tests for drivers/cash/validator against the emulated device (drivers/cash/essp_emu), byte
 * for byte and with a simulated clock: bring-up with the eSSP key exchange, notes credited,
 * refused by the kiosk or by the validator, held while the kiosk decides, replies lost on the
 * wire, a credit the kiosk could not record yet, jams, cashbox, stacker full, a power cut with
 * a note on its way in, a wrong key, an old firmware without POLL WITH ACK, a wrong dataset.
 * Then the emulator's own strictness, packet by packet. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka needs the four headers above first. */
#include <cmocka.h>

#include "app/common/err.h"
#include "drivers/cash/essp.h"
#include "drivers/cash/essp_emu.h"
#include "drivers/cash/ssp.h"
#include "drivers/cash/validator.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rig {
	struct essp_emu *emu;
	struct validator *v;
	struct val_out out;
	int64_t now;
	/* hooks' records */
	int64_t credits[16];
	struct val_credit last_credit;
	int n_credits;
	int credit_failures; /* the credit hook fails this many more times */
	int64_t rejected[16];
	char reasons[16][96];
	int n_rejected;
	enum val_decision decision;
	const char *reason;
	int n_escrow;
	struct val_status st;
	/* the wire */
	int drop_every; /* drop every n-th device reply; 0: none */
	int replies;
	int plain_ok_once; /* replace the next reply with a plain OK */
};

static enum val_decision on_escrow(void *ctx, int channel, int64_t cents, char *reason, size_t cap)
{
	struct rig *r = ctx;

	(void)channel;
	(void)cents;
	r->n_escrow++;
	if (r->reason)
		snprintf(reason, cap, "%s", r->reason);
	return r->decision;
}

static int on_credit(void *ctx, const struct val_credit *c)
{
	struct rig *r = ctx;

	if (r->credit_failures > 0) {
		r->credit_failures--;
		return KIOSK_ESTORE;
	}
	r->last_credit = *c;
	r->credits[r->n_credits++] = c->cents;
	return 0;
}

static void on_rejected(void *ctx, int64_t cents, const char *reason)
{
	struct rig *r = ctx;

	r->rejected[r->n_rejected] = cents;
	snprintf(r->reasons[r->n_rejected], sizeof(r->reasons[0]), "%s", reason);
	r->n_rejected++;
}

static void on_status(void *ctx, const struct val_status *st)
{
	struct rig *r = ctx;

	r->st = *st;
}

static void rig_open(struct rig *r, const struct essp_emu_config *ec, const struct val_config *vc)
{
	struct val_config def = {.reply_ms = 100, .retries = 3, .reconnect_ms = 500};
	struct essp_emu_config edef = {0};
	struct val_hooks hooks = {.escrow = on_escrow,
				  .credit = on_credit,
				  .rejected = on_rejected,
				  .status = on_status,
				  .ctx = r};
	struct val_event ev = {.kind = VAL_EV_START, .now_ms = 0};

	memset(r, 0, sizeof(*r));
	r->now = 1000;
	ev.now_ms = r->now;
	assert_int_equal(essp_emu_new(ec ? ec : &edef, &r->emu), 0);
	assert_int_equal(validator_new(vc ? vc : &def, &hooks, &r->v), 0);
	validator_event(r->v, &ev, &r->out);
}

static void rig_close(struct rig *r)
{
	validator_free(r->v);
	essp_emu_free(r->emu);
}

/* Runs the wire and the clock for `ms`. */
static void pump(struct rig *r, int64_t ms)
{
	int64_t until = r->now + ms;

	while (r->now < until) {
		struct val_event ev = {.now_ms = r->now};
		uint8_t reply[SSP_MAX_WIRE];
		size_t n = 0;

		if (r->out.tx_len) {
			assert_int_equal(essp_emu_feed(r->emu, r->now, r->out.tx, r->out.tx_len,
						       reply, sizeof(reply), &n),
					 0);
			r->out.tx_len = 0;
			if (n && r->plain_ok_once) {
				uint8_t ok = SSP_OK;

				r->plain_ok_once = 0;
				assert_int_equal(
				    ssp_frame(reply[1], &ok, 1, reply, sizeof(reply), &n), 0);
			}
			if (n && r->drop_every && ++r->replies % r->drop_every == 0)
				n = 0;
		}
		if (n) {
			ev.kind = VAL_EV_BYTES;
			ev.bytes = reply;
			ev.len = n;
		} else {
			r->now = r->out.wake_ms > r->now ? r->out.wake_ms : r->now + 1;
			if (r->now > until)
				r->now = until;
			ev.now_ms = r->now;
			ev.kind = VAL_EV_TICK;
		}
		validator_event(r->v, &ev, &r->out);
	}
}

static void send_event(struct rig *r, enum val_ev_kind kind, bool on, const char *reason)
{
	struct val_event ev = {.kind = kind, .now_ms = r->now, .on = on, .reason = reason};

	validator_event(r->v, &ev, &r->out);
}

static void accepting(struct rig *r)
{
	struct essp_emu_stats es;

	pump(r, 2000);
	send_event(r, VAL_EV_ACCEPTING, true, NULL);
	pump(r, 1000);
	essp_emu_stats(r->emu, &es);
	assert_true(es.enabled);
	assert_true(r->st.accepting);
}

static void test_bring_up(void **state)
{
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	rig_open(&r, NULL, NULL);
	pump(&r, 2000);
	essp_emu_stats(r.emu, &es);
	assert_int_not_equal(validator_state(r.v), VAL_OFFLINE);
	assert_true(r.st.up);
	assert_false(r.st.accepting);
	assert_true(es.keyed);
	assert_false(es.enabled);
	assert_int_equal(es.protocol, 7);
	assert_int_equal(es.inhibits, 0x7F); /* all seven USD notes */
	assert_int_equal(es.refused_plain, 0);
	assert_string_equal(r.st.country, "USD");
	assert_int_equal(r.st.serial, 1873452);
	assert_int_equal(r.st.n_channels, 7);
	assert_int_equal(r.st.cents[6], 10000);
	assert_int_equal(r.st.faults, 0);
	rig_close(&r);
}

static void test_note_credited_once(void **state)
{
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	rig_open(&r, NULL, NULL);
	accepting(&r);
	assert_int_equal(essp_emu_insert(r.emu, 20, false), 0);
	pump(&r, 3000);
	assert_int_equal(r.n_escrow, 1);
	assert_int_equal(r.n_credits, 1);
	assert_int_equal(r.credits[0], 2000);
	assert_false(r.last_credit.before_enable);
	assert_false(r.last_credit.cleared_at_startup);
	assert_int_equal(essp_emu_insert(r.emu, 1, false), 0);
	pump(&r, 3000);
	assert_int_equal(r.n_credits, 2);
	assert_int_equal(r.credits[1], 100);
	essp_emu_stats(r.emu, &es);
	assert_int_equal(es.stacked, 2);
	assert_int_equal(es.stacked_cents, 2100);
	assert_int_equal(r.n_rejected, 0);
	rig_close(&r);
}

static void test_kiosk_refuses_note(void **state)
{
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	rig_open(&r, NULL, NULL);
	accepting(&r);
	r.decision = VAL_REJECT_NOTE;
	r.reason = "More than the maximum for one payment";
	assert_int_equal(essp_emu_insert(r.emu, 100, false), 0);
	pump(&r, 3000);
	assert_int_equal(r.n_credits, 0);
	assert_int_equal(r.n_rejected, 1);
	assert_int_equal(r.rejected[0], 10000);
	assert_string_equal(r.reasons[0], "More than the maximum for one payment");
	essp_emu_stats(r.emu, &es);
	assert_int_equal(es.rejected, 1);
	assert_int_equal(es.stacked, 0);
	rig_close(&r);
}

static void test_validator_refuses_note(void **state)
{
	struct rig r;

	(void)state;
	rig_open(&r, NULL, NULL);
	accepting(&r);
	assert_int_equal(essp_emu_insert(r.emu, 20, true), 0);
	pump(&r, 3000);
	assert_int_equal(r.n_escrow, 0);
	assert_int_equal(r.n_credits, 0);
	assert_int_equal(r.n_rejected, 1);
	assert_int_equal(r.rejected[0], 0);
	assert_non_null(strstr(r.reasons[0], "code 2"));
	/* A note the dataset does not know ($3) goes the same way. */
	assert_int_equal(essp_emu_insert(r.emu, 3, false), 0);
	pump(&r, 3000);
	assert_int_equal(r.n_rejected, 2);
	assert_int_equal(r.n_credits, 0);
	rig_close(&r);
}

static void test_hold_while_deciding(void **state)
{
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	rig_open(&r, NULL, NULL);
	accepting(&r);
	r.decision = VAL_WAIT;
	assert_int_equal(essp_emu_insert(r.emu, 10, false), 0);
	/* Longer than the device's 10 s escrow timeout: HOLD keeps the note. */
	pump(&r, 15000);
	essp_emu_stats(r.emu, &es);
	assert_true(es.escrow);
	assert_int_equal(es.last_command, SSP_CMD_HOLD);
	assert_int_equal(r.n_credits, 0);
	assert_int_equal(r.n_rejected, 0);
	send_event(&r, VAL_EV_DECIDE, true, NULL);
	pump(&r, 3000);
	assert_int_equal(r.n_credits, 1);
	assert_int_equal(r.credits[0], 1000);

	/* And a hold that ends in a no. */
	assert_int_equal(essp_emu_insert(r.emu, 50, false), 0);
	pump(&r, 3000);
	send_event(&r, VAL_EV_DECIDE, false, "Over the amount due by more than allowed");
	pump(&r, 3000);
	assert_int_equal(r.n_credits, 1);
	assert_int_equal(r.n_rejected, 1);
	assert_int_equal(r.rejected[0], 5000);
	assert_string_equal(r.reasons[0], "Over the amount due by more than allowed");
	rig_close(&r);
}

static void test_no_decision_returns_note(void **state)
{
	struct val_config vc = {.reply_ms = 100, .retries = 3, .hold_max_ms = 20000};
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	rig_open(&r, NULL, &vc);
	accepting(&r);
	r.decision = VAL_WAIT;
	assert_int_equal(essp_emu_insert(r.emu, 20, false), 0);
	pump(&r, 19000);
	essp_emu_stats(r.emu, &es);
	assert_true(es.escrow);
	pump(&r, 3000);
	essp_emu_stats(r.emu, &es);
	assert_false(es.note_in_path);
	assert_int_equal(es.rejected, 1);
	assert_int_equal(r.n_credits, 0);
	assert_int_equal(r.n_rejected, 1);
	assert_string_equal(r.reasons[0], "no decision in time");
	rig_close(&r);
}

static void test_lost_replies_never_double(void **state)
{
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	for (int every = 2; every <= 5; every++) {
		rig_open(&r, NULL, NULL);
		accepting(&r);
		r.drop_every = every;
		for (int k = 0; k < 3; k++) {
			assert_int_equal(essp_emu_insert(r.emu, 5, false), 0);
			pump(&r, 5000);
		}
		essp_emu_stats(r.emu, &es);
		assert_int_equal(es.stacked, 3);
		assert_true(es.repeats > 0);
		assert_int_equal(r.n_credits, 3);
		for (int k = 0; k < 3; k++)
			assert_int_equal(r.credits[k], 500);
		rig_close(&r);
	}
}

static void test_credit_not_recorded_is_offered_again(void **state)
{
	struct rig r;

	(void)state;
	rig_open(&r, NULL, NULL);
	accepting(&r);
	r.credit_failures = 2;
	assert_int_equal(essp_emu_insert(r.emu, 20, false), 0);
	pump(&r, 5000);
	assert_int_equal(r.credit_failures, 0);
	assert_int_equal(r.n_credits, 1);
	assert_int_equal(r.credits[0], 2000);
	rig_close(&r);
}

/* A note goes in and, while it is in the path, the device has `fault` (jam, fraud): cash is
 * off with `bit` named and the note is not credited. */
static void fault_on_a_note(struct rig *r, void (*fault)(struct essp_emu *), unsigned bit,
			    struct essp_emu_stats *es)
{
	rig_open(r, NULL, NULL);
	accepting(r);
	assert_int_equal(essp_emu_insert(r->emu, 5, false), 0);
	pump(r, 300);
	fault(r->emu);
	pump(r, 2000);
	essp_emu_stats(r->emu, es);
	assert_true(r->st.faults & bit);
	assert_false(r->st.accepting);
	assert_false(es->enabled);
	assert_int_equal(r->n_credits, 0);
}

static void test_jam(void **state)
{
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	fault_on_a_note(&r, essp_emu_jam, VAL_FAULT_JAM, &es);
	assert_true(r.st.jammed);
	/* Staff cannot clear it while the note is still stuck. */
	send_event(&r, VAL_EV_CLEAR_FAULTS, true, NULL);
	pump(&r, 1000);
	assert_true(r.st.faults & VAL_FAULT_JAM);
	essp_emu_clear_jam(r.emu);
	pump(&r, 2000);
	assert_false(r.st.jammed);
	send_event(&r, VAL_EV_CLEAR_FAULTS, true, NULL);
	pump(&r, 1000);
	assert_int_equal(r.st.faults, 0);
	assert_true(r.st.accepting);
	rig_close(&r);
}

/* A fraud attempt: the device says FRAUD ATTEMPT (an event the host must acknowledge); the
 * note is not credited, cash turns off with the fault named, and only staff turn it on. */
static void test_fraud_attempt(void **state)
{
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	fault_on_a_note(&r, essp_emu_fraud, VAL_FAULT_FRAUD, &es);
	assert_int_equal(es.stacked, 0);
	assert_int_equal(essp_emu_insert(r.emu, 5, false), KIOSK_EBUSY);
	send_event(&r, VAL_EV_CLEAR_FAULTS, true, NULL);
	pump(&r, 1000);
	assert_int_equal(r.st.faults, 0);
	assert_true(r.st.accepting);
	assert_int_equal(essp_emu_insert(r.emu, 10, false), 0);
	pump(&r, 3000);
	assert_int_equal(r.n_credits, 1);
	assert_int_equal(r.credits[0], 1000);
	rig_close(&r);
}

static void test_cashbox_removed(void **state)
{
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	rig_open(&r, NULL, NULL);
	accepting(&r);
	essp_emu_cashbox(r.emu, false);
	pump(&r, 1000);
	essp_emu_stats(r.emu, &es);
	assert_true(r.st.faults & VAL_FAULT_CASHBOX_REMOVED);
	assert_false(r.st.cashbox_present);
	assert_false(es.enabled);
	assert_int_equal(essp_emu_insert(r.emu, 5, false), KIOSK_EBUSY);
	essp_emu_cashbox(r.emu, true);
	pump(&r, 2000);
	assert_true(r.st.cashbox_present);
	/* Back in, but cash stays off until staff say so. */
	assert_true(r.st.faults & VAL_FAULT_CASHBOX_REMOVED);
	assert_false(r.st.accepting);
	send_event(&r, VAL_EV_CLEAR_FAULTS, true, NULL);
	pump(&r, 1000);
	assert_int_equal(r.st.faults, 0);
	assert_true(r.st.accepting);
	rig_close(&r);
}

static void test_stacker_full(void **state)
{
	struct essp_emu_config ec = {.stacker_capacity = 2};
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	rig_open(&r, &ec, NULL);
	accepting(&r);
	for (int k = 0; k < 2; k++) {
		assert_int_equal(essp_emu_insert(r.emu, 10, false), 0);
		pump(&r, 3000);
	}
	essp_emu_stats(r.emu, &es);
	assert_int_equal(r.n_credits, 2);
	assert_true(r.st.faults & VAL_FAULT_STACKER_FULL);
	assert_false(r.st.accepting);
	assert_false(es.enabled);
	assert_int_equal(essp_emu_insert(r.emu, 10, false), KIOSK_EBUSY);
	rig_close(&r);
}

static void test_power_cut_with_note_stacking(void **state)
{
	struct rig r;
	struct essp_emu_stats es;
	int64_t until;

	(void)state;
	rig_open(&r, NULL, NULL);
	accepting(&r);
	assert_int_equal(essp_emu_insert(r.emu, 50, false), 0);
	until = r.now + 3000;
	do {
		pump(&r, 1);
		essp_emu_stats(r.emu, &es);
	} while (!es.stacking && r.now < until);
	assert_true(es.stacking);
	essp_emu_power_cycle(r.emu);
	pump(&r, 5000);
	/* KEY NOT SET, a new key, and the note the device put in the box at power-up. */
	essp_emu_stats(r.emu, &es);
	assert_true(es.keyed);
	assert_int_equal(r.n_credits, 1);
	assert_int_equal(r.credits[0], 5000);
	assert_true(r.last_credit.cleared_at_startup);
	assert_true(r.st.up);
	assert_true(r.st.accepting);
	rig_close(&r);
}

static void test_wrong_fixed_key(void **state)
{
	struct val_config vc = {.reply_ms = 100,
				.retries = 3,
				.reconnect_ms = 5000,
				.fixed_key = 0x1111111111111111ULL};
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	rig_open(&r, NULL, &vc);
	pump(&r, 1500);
	essp_emu_stats(r.emu, &es);
	assert_true(es.out_of_service);
	assert_int_equal(validator_state(r.v), VAL_OFFLINE);
	assert_false(r.st.up);
	assert_non_null(strstr(r.st.error, "fixed eSSP key"));
	/* It waits before trying again rather than spinning. */
	assert_true(es.commands < 20);
	rig_close(&r);
}

static void test_plain_reply_to_encrypted_command(void **state)
{
	struct rig r;

	(void)state;
	rig_open(&r, NULL, NULL);
	pump(&r, 2000);
	assert_true(r.st.up);
	r.plain_ok_once = 1;
	pump(&r, 300);
	assert_non_null(strstr(r.st.error, "plain reply"));
	/* It starts over and comes back up with a new key. */
	pump(&r, 3000);
	assert_true(r.st.up);
	rig_close(&r);
}

static void test_firmware_without_poll_ack(void **state)
{
	struct essp_emu_config ec = {.no_poll_ack = true, .max_protocol = 6};
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	rig_open(&r, &ec, NULL);
	accepting(&r);
	essp_emu_stats(r.emu, &es);
	assert_int_equal(es.protocol, 6);
	assert_int_equal(essp_emu_insert(r.emu, 2, false), 0);
	pump(&r, 3000);
	assert_int_equal(r.n_credits, 1);
	assert_int_equal(r.credits[0], 200);
	rig_close(&r);
}

static void test_old_protocol(void **state)
{
	/* Older firmware: protocol 5 at most (the setup reply without the expanded part). */
	struct essp_emu_config ec = {.no_poll_ack = true, .max_protocol = 5};
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	rig_open(&r, &ec, NULL);
	accepting(&r);
	essp_emu_stats(r.emu, &es);
	assert_int_equal(es.protocol, 5);
	assert_int_equal(r.st.cents[4], 2000);
	assert_int_equal(essp_emu_insert(r.emu, 20, false), 0);
	pump(&r, 3000);
	assert_int_equal(r.n_credits, 1);
	assert_int_equal(r.credits[0], 2000);
	rig_close(&r);
}

static void test_swapped_validator(void **state)
{
	struct essp_emu_config other = {.serial = 4242};
	struct rig r;

	(void)state;
	rig_open(&r, NULL, NULL);
	accepting(&r);
	/* Another validator on the same cable: it has no key, so it is brought up again, and
	 * its serial number gives it away. */
	essp_emu_free(r.emu);
	assert_int_equal(essp_emu_new(&other, &r.emu), 0);
	pump(&r, 5000);
	assert_true(r.st.up);
	assert_true(r.st.faults & VAL_FAULT_SWAPPED);
	assert_false(r.st.accepting);
	assert_int_equal(r.st.serial, 4242);
	assert_non_null(strstr(r.st.error, "another validator"));
	/* Staff checked it: cash comes back. */
	send_event(&r, VAL_EV_CLEAR_FAULTS, true, NULL);
	pump(&r, 1000);
	assert_int_equal(r.st.faults, 0);
	assert_true(r.st.accepting);
	rig_close(&r);
}

static void test_wrong_dataset(void **state)
{
	struct essp_emu_config ec = {.country = "EUR"};
	struct rig r;
	struct essp_emu_stats es;

	(void)state;
	rig_open(&r, &ec, NULL);
	pump(&r, 2000);
	send_event(&r, VAL_EV_ACCEPTING, true, NULL);
	pump(&r, 2000);
	essp_emu_stats(r.emu, &es);
	assert_true(r.st.faults & VAL_FAULT_SETUP);
	assert_non_null(strstr(r.st.error, "EUR"));
	assert_false(es.enabled);
	assert_int_equal(es.inhibits, 0);
	/* Staff swap in a validator with the USD dataset: judged afresh, cash comes on. */
	essp_emu_free(r.emu);
	ec.country = NULL;
	assert_int_equal(essp_emu_new(&ec, &r.emu), 0);
	pump(&r, 5000);
	essp_emu_stats(r.emu, &es);
	assert_int_equal(r.st.faults, 0);
	assert_true(r.st.accepting);
	assert_true(es.enabled);
	rig_close(&r);
}

/* ---- the emulator, packet by packet ---- */

/* A fresh device (encryption optional, as shipped) given one of the manual's host packets
 * answers the manual's slave packet, byte for byte. */
static void manual_exchange(const char *host, const char *slave)
{
	struct essp_emu_config ec = {.plain_allowed = true};
	struct essp_emu *e;
	uint8_t in[64], want[64], got[SSP_MAX_WIRE];
	size_t n = 0, wn = 0, gn;
	unsigned b;
	int used;

	while (sscanf(host, " %2x%n", &b, &used) == 1) {
		in[n++] = (uint8_t)b;
		host += used;
	}
	while (sscanf(slave, " %2x%n", &b, &used) == 1) {
		want[wn++] = (uint8_t)b;
		slave += used;
	}
	assert_int_equal(essp_emu_new(&ec, &e), 0);
	assert_int_equal(essp_emu_feed(e, 0, in, n, got, sizeof(got), &gn), 0);
	assert_int_equal(gn, wn);
	assert_memory_equal(got, want, wn);
	essp_emu_free(e);
}

static void test_emu_manual_examples(void **state)
{
	(void)state;
	manual_exchange("7F 80 01 11 65 82", "7F 80 01 F0 23 80");	       /* SYNC */
	manual_exchange("7F 80 01 0C 2B 82", "7F 80 05 F0 00 1C 96 2C D4 97"); /* serial */
	manual_exchange("7F 80 02 06 08 03 94", "7F 80 01 F0 23 80");	       /* protocol 8 */
	manual_exchange("7F 80 02 06 09 06 14", "7F 80 01 F8 10 00");	       /* protocol 9 */
	manual_exchange("7F 80 01 09 35 82", "7F 80 01 F0 23 80");	       /* DISABLE */
	manual_exchange("7F 80 01 0A 3F 82", "7F 80 01 F0 23 80");	       /* ENABLE */
	manual_exchange("7F 80 03 02 07 00 2B B6", "7F 80 01 F0 23 80");       /* inhibits */
	manual_exchange("7F 80 01 18 53 82", "7F 80 01 F5 3D 80"); /* HOLD, nothing held */
	manual_exchange("7F 80 01 08 30 02", "7F 80 01 F5 3D 80"); /* REJECT, nothing held */
	manual_exchange("7F 80 09 4A C5 05 8F 3A 00 00 00 00 B2 73", "7F 80 01 F0 23 80");
	manual_exchange("7F 80 09 4B 8D A6 13 00 00 00 00 00 6C F6", "7F 80 01 F0 23 80");
}

static size_t emu_send(struct essp_emu *e, uint8_t seq_addr, const uint8_t *data, size_t len,
		       uint8_t *reply)
{
	uint8_t wire[SSP_MAX_WIRE];
	size_t n, rn = 0;

	assert_int_equal(ssp_frame(seq_addr, data, len, wire, sizeof(wire), &n), 0);
	assert_int_equal(essp_emu_feed(e, 0, wire, n, reply, SSP_MAX_WIRE, &rn), 0);
	return rn;
}

static void want_reply(const uint8_t *reply, size_t n, uint8_t seq_addr, uint8_t code)
{
	uint8_t want[16];
	size_t wn;

	assert_int_equal(ssp_frame(seq_addr, &code, 1, want, sizeof(want), &wn), 0);
	assert_int_equal(n, wn);
	assert_memory_equal(reply, want, wn);
}

static void test_emu_strict(void **state)
{
	struct essp_emu_config ec = {0};
	struct essp_emu *e;
	struct essp_emu_stats es;
	uint8_t reply[SSP_MAX_WIRE], bad[8];
	static const uint8_t sync_wire[] = {0x7F, 0x80, 0x01, 0x11, 0x65, 0x82};
	static const uint8_t ok_wire[] = {0x7F, 0x80, 0x01, 0xF0, 0x23, 0x80};
	uint8_t enable = SSP_CMD_ENABLE, poll = SSP_CMD_POLL;
	size_t n;

	(void)state;
	assert_int_equal(essp_emu_new(&ec, &e), 0);
	/* The manual's SYNC gets the manual's answer. */
	assert_int_equal(
	    essp_emu_feed(e, 0, sync_wire, sizeof(sync_wire), reply, sizeof(reply), &n), 0);
	assert_int_equal(n, sizeof(ok_wire));
	assert_memory_equal(reply, ok_wire, n);
	/* A wrong CRC: silence. */
	memcpy(bad, sync_wire, sizeof(sync_wire));
	bad[5] ^= 0x01;
	assert_int_equal(essp_emu_feed(e, 0, bad, sizeof(sync_wire), reply, sizeof(reply), &n), 0);
	assert_int_equal(n, 0);
	/* Another address: silence. */
	n = emu_send(e, 0x01, &poll, 1, reply);
	assert_int_equal(n, 0);
	/* Encryption required: plain commands get KEY NOT SET, and nothing happens. */
	n = emu_send(e, 0x00, &enable, 1, reply);
	want_reply(reply, n, 0x00, SSP_KEY_NOT_SET);
	essp_emu_stats(e, &es);
	assert_false(es.enabled);
	assert_int_equal(es.refused_plain, 1);
	/* The same sequence bit again: the same reply, not executed again. */
	{
		int before = es.commands;
		uint8_t again[SSP_MAX_WIRE];
		size_t m = emu_send(e, 0x00, &enable, 1, again);

		assert_int_equal(m, n);
		assert_memory_equal(again, reply, n);
		essp_emu_stats(e, &es);
		assert_int_equal(es.commands, before);
		assert_int_equal(es.repeats, 1);
	}
	/* A generator that is not prime; a key exchange before the modulus. */
	{
		uint8_t gen[9] = {SSP_CMD_SET_GENERATOR, 0x10, 0x27}; /* 10000 */
		uint8_t kx[9] = {SSP_CMD_KEY_EXCHANGE, 5};

		n = emu_send(e, 0x80, gen, sizeof(gen), reply);
		want_reply(reply, n, 0x80, SSP_PARAM_OUT_OF_RANGE);
		n = emu_send(e, 0x00, kx, sizeof(kx), reply);
		want_reply(reply, n, 0x00, SSP_FAIL);
	}
	essp_emu_free(e);
}

static void test_emu_counter_and_plain_after_key(void **state)
{
	struct essp_emu_config ec = {0};
	struct essp_emu *e;
	struct essp_emu_stats es;
	uint8_t reply[SSP_MAX_WIRE], sealed[SSP_MAX_DATA], cmd[9];
	uint64_t g = 1000003, m = 2147483647, rnd = 123457, slave = 0;
	struct essp_session host = {0};
	struct ssp_rx rx;
	struct ssp_packet p;
	uint8_t seq = 0x00, poll = SSP_CMD_POLL;
	size_t n, sn;

	(void)state;
	assert_int_equal(essp_emu_new(&ec, &e), 0);
	cmd[0] = SSP_CMD_SYNC;
	emu_send(e, 0x80, cmd, 1, reply);
	cmd[0] = SSP_CMD_SET_GENERATOR;
	for (int i = 0; i < 8; i++)
		cmd[1 + i] = (uint8_t)(g >> (8 * i));
	n = emu_send(e, seq, cmd, 9, reply);
	want_reply(reply, n, seq, SSP_OK);
	seq ^= 0x80;
	cmd[0] = SSP_CMD_SET_MODULUS;
	for (int i = 0; i < 8; i++)
		cmd[1 + i] = (uint8_t)(m >> (8 * i));
	n = emu_send(e, seq, cmd, 9, reply);
	want_reply(reply, n, seq, SSP_OK);
	seq ^= 0x80;
	cmd[0] = SSP_CMD_KEY_EXCHANGE;
	{
		uint64_t inter = essp_modpow(g, rnd, m);

		for (int i = 0; i < 8; i++)
			cmd[1 + i] = (uint8_t)(inter >> (8 * i));
	}
	n = emu_send(e, seq, cmd, 9, reply);
	seq ^= 0x80;
	ssp_rx_reset(&rx);
	for (size_t i = 0; i < n; i++)
		ssp_rx_byte(&rx, reply[i], &p);
	assert_int_equal(p.data[0], SSP_OK);
	for (int i = 0; i < 8; i++)
		slave |= (uint64_t)p.data[1 + i] << (8 * i);
	host.on = true;
	host.key.fixed = ESSP_DEFAULT_FIXED_KEY;
	host.key.negotiated = essp_modpow(slave, rnd, m);

	/* An encrypted POLL under the right count: an encrypted OK. */
	assert_int_equal(essp_host_seal(&host, &poll, 1, sealed, sizeof(sealed), &sn), 0);
	n = emu_send(e, seq, sealed, sn, reply);
	seq ^= 0x80;
	ssp_rx_reset(&rx);
	for (size_t i = 0; i < n; i++)
		ssp_rx_byte(&rx, reply[i], &p);
	{
		uint8_t plain[SSP_MAX_DATA];
		size_t pn;

		assert_int_equal(p.data[0], SSP_STEX);
		assert_int_equal(essp_host_open(&host, p.data, p.len, plain, sizeof(plain), &pn),
				 0);
		assert_int_equal(plain[0], SSP_OK);
	}
	/* A count the device is not at (one skipped): discarded, no answer. */
	host.count++;
	assert_int_equal(essp_host_seal(&host, &poll, 1, sealed, sizeof(sealed), &sn), 0);
	n = emu_send(e, seq, sealed, sn, reply);
	assert_int_equal(n, 0);
	essp_emu_stats(e, &es);
	assert_int_equal(es.bad_count, 1);
	/* Plain after the key: KEY NOT SET. */
	n = emu_send(e, seq, &poll, 1, reply);
	want_reply(reply, n, seq, SSP_KEY_NOT_SET);
	essp_emu_free(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bring_up),
	    cmocka_unit_test(test_note_credited_once),
	    cmocka_unit_test(test_kiosk_refuses_note),
	    cmocka_unit_test(test_validator_refuses_note),
	    cmocka_unit_test(test_hold_while_deciding),
	    cmocka_unit_test(test_no_decision_returns_note),
	    cmocka_unit_test(test_lost_replies_never_double),
	    cmocka_unit_test(test_credit_not_recorded_is_offered_again),
	    cmocka_unit_test(test_jam),
	    cmocka_unit_test(test_fraud_attempt),
	    cmocka_unit_test(test_cashbox_removed),
	    cmocka_unit_test(test_stacker_full),
	    cmocka_unit_test(test_power_cut_with_note_stacking),
	    cmocka_unit_test(test_wrong_fixed_key),
	    cmocka_unit_test(test_plain_reply_to_encrypted_command),
	    cmocka_unit_test(test_firmware_without_poll_ack),
	    cmocka_unit_test(test_old_protocol),
	    cmocka_unit_test(test_swapped_validator),
	    cmocka_unit_test(test_wrong_dataset),
	    cmocka_unit_test(test_emu_manual_examples),
	    cmocka_unit_test(test_emu_strict),
	    cmocka_unit_test(test_emu_counter_and_plain_after_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
