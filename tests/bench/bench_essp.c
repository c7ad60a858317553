/* Benchmark: what the bill validator's eSSP costs the kiosk's CPU, against the emulated
 * device in-process (no cable): one bring-up (SYNC, key exchange with fresh primes, protocol,
 * setup, inhibits, disable), and one encrypted poll round trip once up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/common/log.h"
#include "drivers/cash/essp_emu.h"
#include "drivers/cash/validator.h"

#define BRINGUPS 50
#define POLLS 5000

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Runs the machine against the device until `until` on a simulated clock. */
static void run(struct validator *v, struct essp_emu *e, struct val_out *out, int64_t *now,
		int64_t until, int *polls)
{
	while (*now < until) {
		struct val_event ev = {.now_ms = *now};
		uint8_t reply[SSP_MAX_WIRE];
		size_t n = 0;

		if (out->tx_len) {
			if (polls && out->tx_len > 3)
				(*polls)++;
			essp_emu_feed(e, *now, out->tx, out->tx_len, reply, sizeof(reply), &n);
			out->tx_len = 0;
		}
		if (n) {
			ev.kind = VAL_EV_BYTES;
			ev.bytes = reply;
			ev.len = n;
		} else {
			*now = out->wake_ms > *now ? out->wake_ms : *now + 1;
			ev.now_ms = *now;
			ev.kind = VAL_EV_TICK;
		}
		validator_event(v, &ev, out);
	}
}

int main(void)
{
	static double bring[BRINGUPS];
	struct val_config cfg = {.poll_ms = 1, .idle_poll_ms = 1};
	struct essp_emu_config ec = {0};
	double t0, poll_us = 0;
	int polls = 0;

	log_set_level(LOG_WARN);
	for (int i = 0; i < BRINGUPS; i++) {
		struct validator *v;
		struct essp_emu *e;
		struct val_out out;
		struct val_event ev = {.kind = VAL_EV_START, .now_ms = 0};
		struct val_status st;
		int64_t now = 0;

		if (validator_new(&cfg, NULL, &v) || essp_emu_new(&ec, &e))
			return 1;
		t0 = now_ms();
		validator_event(v, &ev, &out);
		do {
			run(v, e, &out, &now, now + 1, NULL);
			validator_status(v, &st);
		} while (!st.up);
		bring[i] = now_ms() - t0;
		if (i == BRINGUPS - 1) {
			/* Once up: encrypted polls back to back. */
			t0 = now_ms();
			while (polls < POLLS)
				run(v, e, &out, &now, now + 1, &polls);
			poll_us = (now_ms() - t0) * 1e3 / polls;
		}
		validator_free(v);
		essp_emu_free(e);
	}
	qsort(bring, BRINGUPS, sizeof(bring[0]), cmp);
	printf("bench: essp_bringup_ms_p50 %.3f\n", bring[BRINGUPS / 2]);
	printf("bench: essp_bringup_ms_max %.3f\n", bring[BRINGUPS - 1]);
	printf("bench: essp_poll_roundtrip_us %.2f\n", poll_us);
	printf("bench: eSSP bring-up against the emulated validator, median of %d: %.3f ms "
	       "(max %.3f ms); one encrypted poll round trip, both ends: %.2f us (%d polls)\n",
	       BRINGUPS, bring[BRINGUPS / 2], bring[BRINGUPS - 1], poll_us, polls);
	return 0;
}
