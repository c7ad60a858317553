/* The simulated validator's thread: it owns the validator state machine and runs it against
 * the emulated device, exactly as the USB thread runs it against the cable. Other threads
 * leave their wishes in a mailbox under the lock; the machine and its hooks run unlocked. */
#include "drivers/sim/sim_cash.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/common/clock.h"
#include "app/common/err.h"

struct sim_cash {
	struct validator *v;
	struct essp_emu *emu;
	pthread_t thread;
	bool thread_up;

	pthread_mutex_t lock; /* guards what follows */
	pthread_cond_t cond;
	bool quit;
	bool want, want_changed;
	bool decide, accept;
	char reason[96];
	bool clear;
	bool stepping; /* the machine is running: device and driver may disagree for now */
	struct val_status status;
};

/* One event through the machine; its packets go to the device and the device's answers
 * come back at once, as over a very fast cable. */
static int64_t step(struct sim_cash *s, struct val_event *ev)
{
	struct val_out out;
	uint8_t reply[SSP_MAX_WIRE];

	validator_event(s->v, ev, &out);
	while (out.tx_len) {
		size_t n = 0;
		struct val_event bytes = {.kind = VAL_EV_BYTES, .now_ms = clock_mono_ms()};

		essp_emu_feed(s->emu, bytes.now_ms, out.tx, out.tx_len, reply, sizeof(reply), &n);
		if (!n)
			break; /* no answer: the machine's reply timeout will tick */
		bytes.bytes = reply;
		bytes.len = n;
		validator_event(s->v, &bytes, &out);
	}
	return out.wake_ms;
}

static void *run(void *arg)
{
	struct sim_cash *s = arg;
	struct val_event ev = {.kind = VAL_EV_START, .now_ms = clock_mono_ms()};
	int64_t wake = step(s, &ev);

	pthread_mutex_lock(&s->lock);
	while (!s->quit) {
		bool want_changed = s->want_changed, want = s->want, decide = s->decide;
		bool accept = s->accept, clear = s->clear;
		char reason[96];
		struct val_status st;
		int64_t now;

		memcpy(reason, s->reason, sizeof(reason));
		s->want_changed = s->decide = s->clear = false;
		s->stepping = true;
		pthread_mutex_unlock(&s->lock);
		now = clock_mono_ms();
		if (want_changed) {
			struct val_event e = {.kind = VAL_EV_ACCEPTING, .now_ms = now, .on = want};

			wake = step(s, &e);
		}
		if (decide) {
			struct val_event e = {
			    .kind = VAL_EV_DECIDE, .now_ms = now, .on = accept, .reason = reason};

			wake = step(s, &e);
		}
		if (clear) {
			struct val_event e = {.kind = VAL_EV_CLEAR_FAULTS, .now_ms = now};

			wake = step(s, &e);
		}
		if (clock_mono_ms() >= wake) {
			struct val_event e = {.kind = VAL_EV_TICK, .now_ms = clock_mono_ms()};

			wake = step(s, &e);
		}
		validator_status(s->v, &st);
		pthread_mutex_lock(&s->lock);
		s->status = st;
		s->stepping = false;
		pthread_cond_broadcast(&s->cond);
		if (!s->quit && !s->want_changed && !s->decide && !s->clear) {
			int64_t at = wake > clock_mono_ms() ? wake : clock_mono_ms() + 1;
			struct timespec ts = {.tv_sec = at / 1000,
					      .tv_nsec = (at % 1000) * 1000000};

			pthread_cond_timedwait(&s->cond, &s->lock, &ts);
		}
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

int sim_cash_open(const struct val_config *cfg, const struct val_hooks *hooks,
		  const struct essp_emu_config *emu, struct sim_cash **out)
{
	struct essp_emu_config def = {0};
	struct sim_cash *s = calloc(1, sizeof(*s));
	pthread_condattr_t ca;
	int rc;

	if (!s)
		return KIOSK_ENOMEM;
	pthread_mutex_init(&s->lock, NULL);
	/* The machine's clock is monotonic; so is the wait. */
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s->cond, &ca);
	pthread_condattr_destroy(&ca);
	rc = essp_emu_new(emu ? emu : &def, &s->emu);
	if (rc == 0)
		rc = validator_new(cfg, hooks, &s->v);
	if (rc == 0 && pthread_create(&s->thread, NULL, run, s))
		rc = KIOSK_ENOMEM;
	if (rc) {
		sim_cash_close(s);
		return rc;
	}
	s->thread_up = true;
	*out = s;
	return 0;
}

void sim_cash_close(struct sim_cash *s)
{
	if (!s)
		return;
	if (s->thread_up) {
		pthread_mutex_lock(&s->lock);
		s->quit = true;
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
		pthread_join(s->thread, NULL);
	}
	validator_free(s->v);
	essp_emu_free(s->emu);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->cond);
	free(s);
}

/* Leaves a wish and wakes the thread. */
static int post(struct sim_cash *s, void (*fill)(struct sim_cash *, const void *), const void *arg)
{
	pthread_mutex_lock(&s->lock);
	fill(s, arg);
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
	return 0;
}

static void fill_want(struct sim_cash *s, const void *arg)
{
	s->want = *(const bool *)arg;
	s->want_changed = true;
}

struct decision {
	bool accept;
	const char *reason;
};

static void fill_decide(struct sim_cash *s, const void *arg)
{
	const struct decision *d = arg;

	s->decide = true;
	s->accept = d->accept;
	snprintf(s->reason, sizeof(s->reason), "%s", d->reason ? d->reason : "");
}

static void fill_clear(struct sim_cash *s, const void *arg)
{
	(void)arg;
	s->clear = true;
}

static int ops_accepting(void *impl, bool on)
{
	return post(impl, fill_want, &on);
}

static int ops_decide(void *impl, bool accept, const char *reason)
{
	struct decision d = {accept, reason};

	return post(impl, fill_decide, &d);
}

static int ops_clear(void *impl)
{
	return post(impl, fill_clear, NULL);
}

static int ops_status(void *impl, struct val_status *out)
{
	struct sim_cash *s = impl;

	pthread_mutex_lock(&s->lock);
	*out = s->status;
	pthread_mutex_unlock(&s->lock);
	return 0;
}

const struct cash_ops sim_cash_ops = {.accepting = ops_accepting,
				      .decide = ops_decide,
				      .clear_faults = ops_clear,
				      .status = ops_status};

int sim_cash_insert(struct sim_cash *s, int dollars, bool reject)
{
	return essp_emu_insert(s->emu, dollars, reject);
}

void sim_cash_jam(struct sim_cash *s)
{
	essp_emu_jam(s->emu);
}

void sim_cash_clear_jam(struct sim_cash *s)
{
	essp_emu_clear_jam(s->emu);
}

void sim_cash_cashbox(struct sim_cash *s, bool present)
{
	essp_emu_cashbox(s->emu, present);
}

void sim_cash_stacker_full(struct sim_cash *s)
{
	essp_emu_stacker_full(s->emu);
}

void sim_cash_power_cycle(struct sim_cash *s)
{
	essp_emu_power_cycle(s->emu);
}

void sim_cash_device_stats(struct sim_cash *s, struct essp_emu_stats *out)
{
	essp_emu_stats(s->emu, out);
}

int sim_cash_settle(struct sim_cash *s, int timeout_ms)
{
	int64_t until = clock_mono_ms() + timeout_ms;
	struct essp_emu_stats es;
	int start;

	/* Settled: up, no note moving, and two more commands since the call, so that whatever
	 * the device had to say (a jam, a cash box) has been polled and acted on. */
	essp_emu_stats(s->emu, &es);
	start = es.commands;
	pthread_mutex_lock(&s->lock);
	for (;;) {
		struct timespec ts;
		int64_t at = clock_mono_ms() + 20;

		essp_emu_stats(s->emu, &es);
		if (!s->stepping && s->status.up && !es.note_in_path && es.commands >= start + 2) {
			pthread_mutex_unlock(&s->lock);
			return 0;
		}
		if (clock_mono_ms() >= until)
			break;
		ts.tv_sec = at / 1000;
		ts.tv_nsec = (at % 1000) * 1000000;
		pthread_cond_timedwait(&s->cond, &s->lock, &ts);
	}
	pthread_mutex_unlock(&s->lock);
	return KIOSK_ETIMEDOUT;
}
