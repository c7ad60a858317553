/* The event loop: sleeps in SDL (or on the inbox's fd where SDL cannot block) until an input
 * event, a message from another thread or the next deadline (the core's timers, the journey,
 * the watchdog, the corner hold); handles them; draws only when something changed. */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/common/clock.h"
#include "app/common/inbox.h"
#include "app/common/log.h"
#include "app/i18n.h"
#include "app/journey/runner.h"
#include "app/runtime/app.h"
#include "app/worker.h"

/* SIGTERM and SIGINT are blocked in every thread and taken here, in a plain thread, which
 * posts INBOX_STOP: the loop wakes the ordinary way whichever way it sleeps. */
static void *signal_thread(void *arg)
{
	struct app *a = arg;
	sigset_t set;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	if (sigwait(&set, &sig) == 0 && inbox_post(a->inbox, INBOX_STOP, NULL))
		log_warn("main", "cannot tell the UI loop to stop: its inbox is full");
	return NULL;
}

/* The inbox's second wake, where the loop sleeps in SDL_WaitEvent. */
static void wake_sdl(void *ctx)
{
	struct app *a = ctx;
	SDL_Event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = a->wake_event;
	SDL_PushEvent(&ev);
}

/* Sleeps until something is posted to the inbox, or timeout_ms passes (-1: no timeout). */
static void sleep_for_wake(struct app *a, int64_t timeout_ms)
{
	struct pollfd pfd = {.fd = inbox_fd(a->inbox), .events = POLLIN};

	poll(&pfd, 1, timeout_ms < 0 ? -1 : (int)timeout_ms);
}

/* Waits for the next event like SDL_WaitEventTimeout, without polling. */
static int wait_event(struct app *a, SDL_Event *e, int64_t timeout_ms)
{
	if (a->sdl_blocks) {
		if (timeout_ms < 0)
			return SDL_WaitEvent(e);
		return SDL_WaitEventTimeout(e, (int)timeout_ms);
	}
	if (SDL_PollEvent(e))
		return 1;
	sleep_for_wake(a, timeout_ms);
	return SDL_PollEvent(e);
}

void app_dispatch(struct app *a, struct core_event ev)
{
	struct core_effects fx;
	const char *before = core_screen_id(&a->core);

	ev.now_ms = clock_mono_ms();
	if (core_handle(&a->core, &ev, &fx))
		a->dirty = true;
	/* A new screen: the keypad focus starts again from its top. */
	if (strcmp(before, core_screen_id(&a->core))) {
		a->ui.focus_index = -1;
		ui_scroll_reset(&a->ui);
		input_screen_changed(a);
	}
	for (int i = 0; i < fx.count; i++) {
		worker_submit(a->worker, &fx.fx[i], a->core.lang);
		if (fx.fx[i].type == CORE_FX_END_SESSION)
			access_restore_defaults(a);
	}
	/* Effects carry what was typed (a password, a receipt's address): gone once queued. */
	explicit_bzero(&fx, sizeof(fx));
}

/* Everything the other threads posted, in order. */
static void take_inbox(struct app *a)
{
	struct inbox_msg m;

	while (inbox_take(a->inbox, &m)) {
		switch (m.tag) {
		case INBOX_RESULT: app_dispatch(a, *(struct core_event *)m.data); break;
		case INBOX_ORDER: fleet_take_order(a, m.data); break;
		case INBOX_REQUEST: ctl_commands_run(&a->ctl_host, m.data); continue;
		case INBOX_UPDATE: break; /* ulink_tick, every turn, sees the answer */
		case INBOX_STOP: a->stop = true; break;
		}
		free(m.data);
	}
	settings_apply_pending(a);
}

/* What is left in the inbox at exit: a request still gets its answer. */
static void drop_message(const struct inbox_msg *m, void *ctx)
{
	struct app *a = ctx;

	if (m->tag == INBOX_REQUEST) {
		ctl_server_answer(a->ctl, m->data, ctl_error("the kiosk is stopping"));
		return;
	}
	if (m->tag == INBOX_ORDER)
		free(((struct heartbeat_order *)m->data)->config);
	free(m->data);
}

/* One frame: the screen, what speech makes of it, then presented. */
static void draw(struct app *a)
{
	static bool first = true;
	time_t now = time(NULL);
	struct tm tm;

	/* Today, as the resident's calendar has it: a bill due before it is past due. */
	if (localtime_r(&now, &tm))
		strftime(a->today, sizeof(a->today), "%Y-%m-%d", &tm);
	a->screen_ctx.today = a->today;
	a->screen_ctx.scanner = a->worker && worker_scanner_present(a->worker);
	a->ui.redraw = false;
	screens_draw(&a->ui, &a->core, &a->screen_ctx, clock_mono_ms());
	access_frame(a);
	SDL_RenderPresent(a->renderer);
	/* The view scrolled to the keypad's focus: the frame is drawn again at once. */
	a->dirty = a->ui.redraw;
	if (a->ui.check_layout && a->ui.layout_error[0]) {
		/* --check-layout: a text that does not fit, or boxes over each other, fail the
		 * journey (or the run) naming the screen and the boxes. */
		fprintf(stderr, "journey: failed: layout on screen %s (%s%s, %s): %s\n",
			core_screen_id(&a->core),
			a->ui.theme_id == THEME_HIGH_CONTRAST ? "high contrast" : "default",
			a->ui.large_text ? ", large text" : "", a->core.lang ? "es" : "en",
			a->ui.layout_error);
		a->exit_code = 1;
	}
	if (first && getenv("KIOSK_BENCH_FIRST_FRAME")) {
		/* Benchmark hook (tests/bench/startup.sh): when the first frame was presented,
		 * on the wall clock the caller also reads before exec. */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		printf("bench: first_frame_realtime_ns %lld\n",
		       (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
		fflush(stdout);
		a->exit_code = 0;
	}
	first = false;
}

int app_run(struct app *a)
{
	int64_t runner_wake = 0;

	a->exit_code = -1;
	a->dirty = true;
	while (a->exit_code < 0) {
		int64_t now = clock_mono_ms();

		if (a->stop) {
			log_info("main", "stopping on signal");
			a->exit_code = a->runner ? 1 : 0;
			break;
		}
		int64_t deadline = core_next_deadline(&a->core, now);
		SDL_Event e;
		int got;

		if (a->runner && runner_wake >= 0 && (deadline < 0 || runner_wake < deadline))
			deadline = runner_wake;
		deadline = ulink_deadline(&a->link, deadline);
		deadline = service_corner_deadline(&a->corner, deadline);
		deadline = wedge_guard_deadline(&a->wedge, deadline);
		if (a->dirty) {
			got = SDL_PollEvent(&e);
		} else if (deadline < 0) {
			got = wait_event(a, &e,
					 -1); /* idle: sleep until someone touches the screen */
		} else {
			int64_t wait = deadline - now;
			got = wait_event(a, &e, wait <= 0 ? 1 : (wait > 60000 ? 60000 : wait));
		}
		if (got) {
			input_handle(a, &e);
			while (a->exit_code < 0 && SDL_PollEvent(&e))
				input_handle(a, &e);
		}
		take_inbox(a);
		/* The deadline computed before sleeping: recomputing it now would always name
		 * the next second and never fire. */
		int64_t core_deadline = core_next_deadline(&a->core, now);
		now = clock_mono_ms();
		if (core_deadline >= 0 && core_deadline <= now)
			app_dispatch(a, core_ev(CORE_EV_TICK));
		input_tick(a, now);
		if (service_corner_due(&a->corner, now))
			app_dispatch(a, core_ev(CORE_EV_SERVICE_HOLD));
		if (a->core.svc.restart && a->exit_code < 0) {
			/* A journey only checks that restart asks first and ends cleanly. */
			log_info("main", "restart requested by staff: exiting with %d",
				 KIOSK_EXIT_RESTART);
			a->exit_code = a->runner ? 0 : KIOSK_EXIT_RESTART;
			if (a->runner)
				fprintf(stderr, "journey: passed (restart)\n");
			break;
		}
		if (a->pending_cfg.config)
			settings_apply_pending(a);
		if (a->core_stale && !core_in_session(&a->core))
			settings_apply_core(a);
		if (a->dirty) {
			draw(a);
			ulink_frame(&a->link, core_screen_id(&a->core), now);
			fleet_report_state(a);
			service_snapshot_set_screen(&a->snap, core_screen_id(&a->core),
						    a->core.out_of_service);
		}
		ulink_tick(&a->link, clock_mono_ms());
		if (a->runner && a->exit_code < 0) {
			enum runner_status st =
			    runner_step(a->runner, clock_mono_ms(), &runner_wake);
			if (st == RUNNER_PASSED) {
				fprintf(stderr, "journey: passed\n");
				a->exit_code = 0;
			} else if (st == RUNNER_FAILED) {
				a->exit_code = 1;
			}
		}
	}
	return a->exit_code;
}

int app_start_inbox(struct app *a)
{
	const char *drv = SDL_GetCurrentVideoDriver();
	int rc = inbox_open(256, &a->inbox);

	if (rc)
		return rc;
	a->signal_thread_started = pthread_create(&a->signal_thread, NULL, signal_thread, a) == 0;
	a->sdl_blocks = drv && (!strcmp(drv, "x11") || !strcmp(drv, "wayland"));
	log_info("main", "video driver %s (%s wait)", drv ? drv : "?",
		 a->sdl_blocks ? "SDL" : "own");
	if (a->sdl_blocks) {
		a->wake_event = SDL_RegisterEvents(1);
		inbox_set_wake(a->inbox, wake_sdl, a);
	}
	return 0;
}

void app_stop_inbox(struct app *a)
{
	if (a->signal_thread_started) {
		/* Directed at that thread, which takes it in sigwait (posting a last stop). */
		pthread_kill(a->signal_thread, SIGTERM);
		pthread_join(a->signal_thread, NULL);
		a->signal_thread_started = false;
	}
	inbox_close(a->inbox, drop_message, a); /* every thread that posts has stopped */
	a->inbox = NULL;
}
