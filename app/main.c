/* The kiosk program: parses arguments, wires core, screens, worker and runner together, and
 * runs the event loop. The loop sleeps until an event or the core's next deadline. */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/a11y/describe.h"
#include "app/a11y/keypad.h"
#include "app/a11y/speech.h"
#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/inbox.h"
#include "app/common/log.h"
#include "app/config.h"
#include "app/core/core.h"
#include "app/crypto/pin.h"
#include "app/fleet/heartbeat.h"
#include "app/fleet/identity.h"
#include "app/fleet/rconf.h"
#include "app/i18n.h"
#include "app/journey/runner.h"
#include "app/payments/admin.h"
#include "app/runtime/cli.h"
#include "app/runtime/paths.h"
#include "app/runtime/staff.h"
#include "app/screens/screens.h"
#include "app/service/corner.h"
#include "app/service/ctl_commands.h"
#include "app/service/ctl_server.h"
#include "app/service/snapshot.h"
#include "app/ui/ui.h"
#include "app/update/link.h"
#include "app/worker.h"
#include "drivers/sim/sim_reader.h"
#include "drivers/usb/usbdev.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif

struct app {
	/* The settings in force: the UI thread's snapshot, changed only by apply_settings. */
	struct kiosk_config cfg;
	/* The settings at start, for the other threads (worker, heartbeat, portal clients, update
	 * link): never written once they run, so nothing they read changes under them. */
	struct kiosk_config boot;
	SDL_Window *window;
	SDL_Renderer *renderer;
	struct ui ui;
	struct core_state core;
	struct screen_ctx screen_ctx;
	struct worker *worker;
	struct ulink link; /* update session flag and health mark; systemd READY and WATCHDOG */
	struct runner *runner;
	/* Every other thread's way in: worker results, heartbeat orders, kioskctl requests,
	 * the update link, the signal thread. */
	struct inbox *inbox;
	pthread_t signal_thread;
	bool signal_thread_started;
	bool stop; /* SIGTERM or SIGINT came in */
	/* Video drivers without a blocking wait (offscreen, kmsdrm) make SDL_WaitEvent poll
	 * every millisecond; there the loop sleeps on the inbox's fd instead. Where SDL blocks,
	 * the inbox wakes it with an event of this type. */
	bool sdl_blocks;
	Uint32 wake_event;
	bool dirty;
	bool debug; /* keeps the process dumpable, for a developer's debugger */
	int exit_code;
	/* Accessibility (ADA 707): speech, its view of the last frame, the privacy blank. */
	struct speech *speech;
	struct a11y a11y;
	bool blank;
	bool intro;	     /* speech just came on: say how to use it after the screen */
	bool speech_default; /* what each session starts with (configured, audio probed once) */
	bool core_stale;     /* the core's share of the settings waits for the session's end */

	/* Fleet: the local configuration (defaults, kiosk.conf) a remote one goes over, the
	 * command line that goes over both, and a remote one waiting for a quiet moment. */
	struct kiosk_config local;
	struct cli cli;
	long rconf_version;
	struct heartbeat *hb;
	struct heartbeat_order pending_cfg; /* .config != NULL: waiting for between sessions */
	char hb_screen[32];		    /* what the heartbeat was last told */
	/* msgid for the out-of-service screen: the certificate is expired or revoked; the kiosk
	 * stays out of service whatever the portal says, until IT gives it a new one. */
	const char *identity_problem;
	/* staff: the corner hold, kioskctl's socket and the snapshot it reads */
	struct service_corner corner;
	struct service_snapshot snap;
	struct ctl_server *ctl;
	struct ctl_host ctl_host;
	char slot[16];
};

/* Staff chose "Restart": systemd (Restart=on-failure) starts the kiosk again. EX_TEMPFAIL. */
#define KIOSK_EXIT_RESTART 75

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

static void set_speech(struct app *a, bool on);
static void restore_session_defaults(struct app *a);

/* The core's share of the settings in force (timeouts, languages, fee, maximum payment), the
 * timeouts doubled while speech is on. In a session only the timeouts change at once (the
 * resident asked for speech, or staff for more time); the rest waits for the session's end. */
static void apply_core_config(struct app *a)
{
	struct core_config ccfg = a->core.cfg;

	rconf_core_config(&a->cfg, &ccfg);
	if (a->speech) {
		ccfg.idle_ms *= 2;
		ccfg.warning_ms *= 2;
	}
	a->core_stale = !core_set_config(&a->core, &ccfg, clock_mono_ms());
	if (a->core_stale) {
		a->core.cfg.idle_ms = ccfg.idle_ms;
		a->core.cfg.warning_ms = ccfg.warning_ms;
	}
	a->dirty = true;
}

/* The heartbeat thread's word on the portal, for kioskctl status (a locked copy, no I/O). */
static void heartbeat_portal_seen(void *ctx, bool reachable, int rtt_ms)
{
	service_snapshot_set_portal(&((struct app *)ctx)->snap, reachable, rtt_ms);
}

static void dispatch(struct app *a, struct core_event ev)
{
	struct core_effects fx;
	const char *before = core_screen_id(&a->core);

	ev.now_ms = clock_mono_ms();
	if (core_handle(&a->core, &ev, &fx))
		a->dirty = true;
	/* A new screen: the keypad focus starts again from its top. */
	if (strcmp(before, core_screen_id(&a->core)))
		a->ui.focus_index = -1;
	for (int i = 0; i < fx.count; i++) {
		worker_submit(a->worker, &fx.fx[i], a->core.lang);
		if (fx.fx[i].type == CORE_FX_END_SESSION)
			restore_session_defaults(a);
	}
}

/* --- the runner's view of the app --- */

static const char *host_screen_id(void *ctx)
{
	return core_screen_id(&((struct app *)ctx)->core);
}

static const struct ui *host_ui(void *ctx)
{
	return &((struct app *)ctx)->ui;
}

static void host_tap(void *ctx, int x, int y)
{
	struct app *a = ctx;
	SDL_Event ev;

	(void)a;
	/* Real mouse events through the real queue: the code under test is the code residents
	 * use. Coordinates are the design space, which the offscreen window matches 1:1. */
	memset(&ev, 0, sizeof(ev));
	ev.type = SDL_MOUSEBUTTONDOWN;
	ev.button.button = SDL_BUTTON_LEFT;
	ev.button.state = SDL_PRESSED;
	ev.button.clicks = 1;
	ev.button.x = x;
	ev.button.y = y;
	SDL_PushEvent(&ev);
	ev.type = SDL_MOUSEBUTTONUP;
	ev.button.state = SDL_RELEASED;
	SDL_PushEvent(&ev);
}

static int host_swipe(void *ctx, const char *pan, const char *yymm, const char *name)
{
	struct app *a = ctx;
	struct card_swipe swipe;
	int rc = sim_reader_make_swipe(pan, yymm, name, &swipe);

	if (rc == 0)
		worker_swipe(a->worker, &swipe);
	else
		card_swipe_wipe(&swipe);
	return rc;
}

static void host_last_receipt(void *ctx, char *buf, size_t n)
{
	worker_last_receipt(((struct app *)ctx)->worker, buf, n);
}

static int host_shot(void *ctx, const char *path)
{
	return ui_screenshot(&((struct app *)ctx)->ui, path);
}

static void host_press(void *ctx, int x, int y, int down)
{
	SDL_Event ev;

	(void)ctx;
	memset(&ev, 0, sizeof(ev));
	ev.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
	ev.button.button = SDL_BUTTON_LEFT;
	ev.button.state = down ? SDL_PRESSED : SDL_RELEASED;
	ev.button.clicks = 1;
	ev.button.x = x;
	ev.button.y = y;
	SDL_PushEvent(&ev);
}

static void host_paper_out(void *ctx, int out)
{
	worker_set_paper_out(((struct app *)ctx)->worker, out);
}

/* A keypad key through the real event queue: a digit as a keyboard sends it (the key, then
 * its text), an action as the first key the map binds to it. */
static int host_key(void *ctx, const char *name)
{
	struct app *a = ctx;
	SDL_Event ev;
	SDL_Keycode key;

	memset(&ev, 0, sizeof(ev));
	if (name[0] >= '0' && name[0] <= '9' && !name[1]) {
		if (name[0] == '0')
			key = SDLK_KP_0;
		else
			key = SDLK_KP_1 + (name[0] - '1');
	} else {
		key = keypad_first_key(&a->cfg.keypad, keypad_action_by_name(name));
		if (key == SDLK_UNKNOWN)
			return KIOSK_EINVAL;
	}
	ev.type = SDL_KEYDOWN;
	ev.key.state = SDL_PRESSED;
	ev.key.keysym.sym = key;
	ev.key.keysym.scancode = SDL_GetScancodeFromKey(key);
	SDL_PushEvent(&ev);
	if (name[0] >= '0' && name[0] <= '9' && !name[1]) {
		SDL_Event text;
		memset(&text, 0, sizeof(text));
		text.type = SDL_TEXTINPUT;
		text.text.text[0] = name[0];
		SDL_PushEvent(&text);
	}
	ev.type = SDL_KEYUP;
	ev.key.state = SDL_RELEASED;
	SDL_PushEvent(&ev);
	return 0;
}

static void host_heard(void *ctx, char *buf, size_t n)
{
	speech_heard(((struct app *)ctx)->speech, buf, n);
}

/* --- accessibility --- */

static void say(struct app *a, const char *msgid, bool interrupt)
{
	if (a->speech)
		speech_say(a->speech, a->core.lang, i18n_tr(a->core.lang, msgid), interrupt);
}

/* Speech on or off ("Talk to me"). While it is on, every timeout is twice as long. */
static void set_speech(struct app *a, bool on)
{
	if (on && !a->speech) {
		int rc = speech_open(a->cfg.speech_volume, a->cfg.speech_rate, &a->speech);
		if (rc) {
			log_error("main", "speech unavailable (%s)", kiosk_strerror(rc));
			return;
		}
		a11y_reset(&a->a11y);
		a->intro = true;
		/* The next frame is described in full; this follows it. */
		a->dirty = true;
	} else if (!on && a->speech) {
		speech_close(a->speech);
		a->speech = NULL;
		a->blank = false;
		a->dirty = true;
	}
	apply_core_config(a);
}

static void set_look(struct app *a, enum theme_id theme, bool large)
{
	if (ui_set_look(&a->ui, theme, large))
		log_error("main", "cannot switch the text size");
	a->dirty = true;
}

/* "headphones": speech is on when the system has an audio output. Whether headphones are
 * plugged into a jack is hardware specific (an ALSA jack control on most boards); a board
 * that can tell should set speech = on or off itself. */
static bool audio_present(void)
{
	bool present = false;

	if (SDL_InitSubSystem(SDL_INIT_AUDIO) == 0) {
		present = SDL_GetNumAudioDevices(0) > 0;
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	}
	return present;
}

/* Whether a session starts with speech: "on", or "headphones" and an audio output. */
static bool speech_wanted(const struct kiosk_config *cfg)
{
	return !strcmp(cfg->speech, "on") ||
	       (!strcmp(cfg->speech, "headphones") && audio_present());
}

/* Puts a new snapshot of the settings in force: its live keys (CONFIG_LIVE) replace ours and
 * take effect; the rest of next is ignored. Returns when it takes effect, for kioskctl. */
static const char *apply_settings(struct app *a, const struct kiosk_config *next)
{
	bool voice =
	    a->cfg.speech_volume != next->speech_volume || a->cfg.speech_rate != next->speech_rate;
	bool speech = strcmp(a->cfg.speech, next->speech) != 0;

	config_copy(&a->cfg, next, CONFIG_LIVE);
	heartbeat_set_interval(a->hb, a->cfg.heartbeat_s);
	if (voice)
		speech_set_voice(a->speech, a->cfg.speech_volume, a->cfg.speech_rate);
	if (speech)
		a->speech_default = speech_wanted(&a->cfg);
	apply_core_config(a);
	/* The look and speech each session starts with: now when nobody is using the kiosk. */
	if (!core_in_session(&a->core))
		restore_session_defaults(a);
	return a->core_stale ? "when the current session ends" : "now";
}

/* A widget chosen by a tap or by Enter on the keypad. */
static void activate(struct app *a, int i)
{
	const struct ui_widget *w = &a->ui.widgets[i];

	switch (w->action) {
	case UI_ACT_CONTRAST:
		set_look(
		    a, a->ui.theme_id == THEME_HIGH_CONTRAST ? THEME_DEFAULT : THEME_HIGH_CONTRAST,
		    a->ui.large_text);
		dispatch(a, ui_ev(CORE_EV_TOUCH));
		break;
	case UI_ACT_LARGE_TEXT:
		set_look(a, a->ui.theme_id, !a->ui.large_text);
		dispatch(a, ui_ev(CORE_EV_TOUCH));
		break;
	case UI_ACT_NONE: dispatch(a, w->ev); break;
	}
}

/* The next resident starts with the kiosk's configured look and speech, not with what the
 * last one chose (high contrast, large text, speech on), like the language. */
static void restore_session_defaults(struct app *a)
{
	enum theme_id theme = a->cfg.high_contrast ? THEME_HIGH_CONTRAST : THEME_DEFAULT;

	if (a->ui.theme_id != theme || a->ui.large_text != a->cfg.large_text)
		set_look(a, theme, a->cfg.large_text);
	if ((a->speech != NULL) != a->speech_default)
		set_speech(a, a->speech_default);
}

/* --- input --- */

static void on_tap_up(struct app *a, int x, int y)
{
	int hit = ui_hit(&a->ui, x, y);
	int pressed = a->ui.pressed_index;

	a->ui.pressed_index = -1;
	a->dirty = true;
	if (hit >= 0 && hit == pressed) {
		a->ui.focus_index = -1;
		activate(a, hit);
	} else if (hit < 0) {
		dispatch(a, ui_ev(CORE_EV_TOUCH));
	}
}

/* Moving the focus is someone at the kiosk, like a touch. */
static void focus_moved(struct app *a)
{
	a->dirty = true;
	dispatch(a, ui_ev(CORE_EV_TOUCH));
}

static void on_key(struct app *a, const SDL_KeyboardEvent *k)
{
	enum keypad_action act = keypad_action_of(&a->cfg.keypad, k->keysym.sym);

	switch (act) {
	case KEYPAD_TAB:
		ui_focus_move(&a->ui, (k->keysym.mod & KMOD_SHIFT) ? -1 : 1);
		focus_moved(a);
		break;
	case KEYPAD_DOWN:
		ui_focus_dir(&a->ui, 0, 1);
		focus_moved(a);
		break;
	case KEYPAD_UP:
		ui_focus_dir(&a->ui, 0, -1);
		focus_moved(a);
		break;
	case KEYPAD_RIGHT:
		ui_focus_dir(&a->ui, 1, 0);
		focus_moved(a);
		break;
	case KEYPAD_LEFT:
		ui_focus_dir(&a->ui, -1, 0);
		focus_moved(a);
		break;
	case KEYPAD_ENTER:
		if (a->ui.focus_index >= 0 && a->ui.focus_index < a->ui.widget_count)
			activate(a, a->ui.focus_index);
		else
			dispatch(a, ui_ev(CORE_EV_CONTINUE));
		break;
	case KEYPAD_CLEAR: dispatch(a, ui_ev(CORE_EV_BACKSPACE)); break;
	case KEYPAD_CANCEL: dispatch(a, ui_ev(CORE_EV_BACK)); break;
	case KEYPAD_HELP: set_speech(a, !a->speech); break;
	case KEYPAD_REPEAT: speech_repeat(a->speech); break;
	case KEYPAD_STOP: speech_stop(a->speech); break;
	case KEYPAD_VOLUME_DOWN:
	case KEYPAD_VOLUME_UP:
	case KEYPAD_RATE_DOWN:
	case KEYPAD_RATE_UP:
		speech_adjust(a->speech,
			      act == KEYPAD_VOLUME_UP	  ? 1
			      : act == KEYPAD_VOLUME_DOWN ? -1
							  : 0,
			      act == KEYPAD_RATE_UP	? 1
			      : act == KEYPAD_RATE_DOWN ? -1
							: 0);
		say(a,
		    act == KEYPAD_VOLUME_UP	? N_("Louder")
		    : act == KEYPAD_VOLUME_DOWN ? N_("Quieter")
		    : act == KEYPAD_RATE_UP	? N_("Faster")
						: N_("Slower"),
		    true);
		break;
	case KEYPAD_BLANK:
		/* Privacy (707.4): only with speech, or nobody could see or hear the kiosk. */
		if (a->speech) {
			a->blank = !a->blank;
			say(a, a->blank ? N_("Screen off") : N_("Screen on"), true);
			a->dirty = true;
		}
		break;
	case KEYPAD_NONE:
	case KEYPAD_ACTION_COUNT:
		if (k->keysym.sym >= SDLK_F2 && k->keysym.sym <= SDLK_F4 &&
		    !strcmp(a->cfg.devices, "sim")) {
			/* The simulated reader, for demos at a desk: F2 an approved test card,
			 * F3 a declined one, F4 a swipe too fast to read. */
			const char *pan = k->keysym.sym == SDLK_F2   ? "4111111111111111"
					  : k->keysym.sym == SDLK_F3 ? "4000000000000002"
								     : "4111111111111112";
			host_swipe(a, pan, "3012", "Demo Resident");
		}
		break;
	}
}

static void handle(struct app *a, const SDL_Event *e)
{
	switch (e->type) {
	case SDL_QUIT:
		/* A journey stopped before its end has not passed. */
		if (a->exit_code < 0)
			a->exit_code = a->runner ? 1 : 0;
		break;
	case SDL_MOUSEBUTTONDOWN:
		if (e->button.button == SDL_BUTTON_LEFT) {
			service_corner_down(&a->corner, e->button.x, e->button.y, clock_mono_ms());
			a->ui.pressed_index = ui_hit(&a->ui, e->button.x, e->button.y);
			a->dirty = true;
		}
		break;
	case SDL_MOUSEBUTTONUP:
		if (e->button.button == SDL_BUTTON_LEFT) {
			if (service_corner_up(&a->corner)) {
				/* The end of the corner hold: not a tap on what lies there. */
				a->ui.pressed_index = -1;
				a->dirty = true;
			} else {
				on_tap_up(a, e->button.x, e->button.y);
			}
		}
		break;
	case SDL_MOUSEMOTION: service_corner_motion(&a->corner, e->motion.x, e->motion.y); break;
	case SDL_TEXTINPUT: {
		struct core_event ev = ui_ev(CORE_EV_KEY);
		snprintf(ev.text, sizeof(ev.text), "%s", e->text.text);
		dispatch(a, ev);
		break;
	}
	case SDL_KEYDOWN: on_key(a, &e->key); break;
	case SDL_WINDOWEVENT:
		if (e->window.event == SDL_WINDOWEVENT_EXPOSED ||
		    e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			a->dirty = true;
		break;
	default: break;
	}
}

static void draw(struct app *a)
{
	static bool first = true;

	screens_draw(&a->ui, &a->core, &a->screen_ctx, clock_mono_ms());
	if (a->speech) {
		a11y_frame(&a->a11y, &a->ui, core_screen_id(&a->core), a->speech);
		if (a->intro)
			say(a,
			    N_("Speech is on. Use the arrow keys to move, Enter to choose, Clear "
			       "to "
			       "delete and Cancel to go back. Press Help again to turn speech "
			       "off."),
			    false);
		a->intro = false;
	}
	if (a->blank) {
		/* Privacy: the screen shows nothing; the frame is still there for speech. */
		SDL_SetRenderDrawColor(a->renderer, 0, 0, 0, 255);
		SDL_RenderClear(a->renderer);
	}
	SDL_RenderPresent(a->renderer);
	a->dirty = false;
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

/* --- fleet: heartbeat orders and remote configuration --- */

/* A checked remote configuration, applied only between sessions; if it does not apply, the
 * one in force stays (and stays on disk). */
static void apply_pending_config(struct app *a)
{
	struct heartbeat_order *o = &a->pending_cfg;
	struct kiosk_config next;
	char err[256];
	long version = 0;

	if (!o->config || core_in_session(&a->core))
		return;
	if (rconf_parse(o->config, strlen(o->config), &a->local, &next, &version, err,
			sizeof(err)) ||
	    version != o->version) {
		log_error("fleet", "configuration %ld did not apply, keeping %ld: %s", o->version,
			  a->rconf_version, err);
		heartbeat_config_result(a->hb, o->version, o->config, err);
	} else {
		cli_reapply(&a->cli, &next);
		/* What the portal may set and the running kiosk applies; receipt lines are
		 * kept for the next start. */
		struct kiosk_config in_force = a->cfg;
		config_copy(&in_force, &next, CONFIG_PORTAL | CONFIG_LIVE);
		apply_settings(a, &in_force);
		a->rconf_version = version;
		log_info("fleet", "configuration %ld in force (idle timeout %d s)", version,
			 a->cfg.idle_timeout_s);
		heartbeat_config_result(a->hb, version, o->config, NULL);
	}
	o->config = NULL;
}

/* The kiosk's certificate is expired or revoked: out of service (after any session), and it
 * stays so whatever the heartbeat says. */
static void identity_out_of_service(struct app *a, const char *reason)
{
	struct core_event ev = ui_ev(CORE_EV_OUT_OF_SERVICE);

	a->screen_ctx.identity_problem = a->identity_problem;
	ev.choice = 1;
	snprintf(ev.text, sizeof(ev.text), "%s", reason);
	dispatch(a, ev);
}

static void take_order(struct app *a, struct heartbeat_order *o)
{
	if (o->type == HEARTBEAT_OUT_OF_SERVICE && o->revoked) {
		log_error("fleet", "the portal revoked this kiosk's certificate: out of "
				   "service until IT gives it a new one");
		a->identity_problem = N_("This kiosk's security certificate has been "
					 "revoked. Staff: please contact the city's IT "
					 "department.");
		identity_out_of_service(a, "device certificate revoked");
	} else if (o->type == HEARTBEAT_OUT_OF_SERVICE && !o->on && a->identity_problem) {
		log_warn("fleet", "the portal says back in service, but this kiosk's "
				  "certificate is not valid: staying out of service");
	} else if (o->type == HEARTBEAT_OUT_OF_SERVICE) {
		struct core_event ev = ui_ev(CORE_EV_OUT_OF_SERVICE);
		ev.choice = o->on;
		snprintf(ev.text, sizeof(ev.text), "%s", o->reason);
		dispatch(a, ev);
	} else {
		free(a->pending_cfg.config); /* a newer one replaces it */
		a->pending_cfg = *o;
	}
}

/* Everything the other threads posted, in order. */
static void take_inbox(struct app *a)
{
	struct inbox_msg m;

	while (inbox_take(a->inbox, &m)) {
		switch (m.tag) {
		case INBOX_RESULT: dispatch(a, *(struct core_event *)m.data); break;
		case INBOX_ORDER: take_order(a, m.data); break;
		case INBOX_REQUEST: ctl_commands_run(&a->ctl_host, m.data); continue;
		case INBOX_UPDATE: break; /* ulink_tick, every turn, sees the answer */
		case INBOX_STOP: a->stop = true; break;
		}
		free(m.data);
	}
	apply_pending_config(a);
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

/* Tells the heartbeat what the kiosk looks like, when that changed. */
static void report_state(struct app *a)
{
	const char *id = core_screen_id(&a->core);
	struct heartbeat_state st = {
	    .session_active = core_in_session(&a->core),
	    .out_of_service = a->core.screen == CORE_SCREEN_OUT_OF_SERVICE,
	    .printer = a->core.printer,
	};

	if (!a->hb || !strcmp(id, a->hb_screen))
		return;
	snprintf(a->hb_screen, sizeof(a->hb_screen), "%s", id);
	snprintf(st.screen, sizeof(st.screen), "%s", id);
	heartbeat_set_state(a->hb, &st);
}

static int run(struct app *a)
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
			handle(a, &e);
			while (a->exit_code < 0 && SDL_PollEvent(&e))
				handle(a, &e);
		}
		take_inbox(a);
		/* The deadline computed before sleeping: recomputing it now would always name
		 * the next second and never fire. */
		int64_t core_deadline = core_next_deadline(&a->core, now);
		now = clock_mono_ms();
		if (core_deadline >= 0 && core_deadline <= now)
			dispatch(a, ui_ev(CORE_EV_TICK));
		if (service_corner_due(&a->corner, now))
			dispatch(a, ui_ev(CORE_EV_SERVICE_HOLD));
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
			apply_pending_config(a);
		if (a->core_stale && !core_in_session(&a->core))
			apply_core_config(a);
		if (a->dirty) {
			draw(a);
			ulink_frame(&a->link, core_screen_id(&a->core), now);
			report_state(a);
			service_snapshot_set_screen(&a->snap, core_screen_id(&a->core),
						    a->core.out_of_service);
		}
		ulink_tick(&a->link, clock_mono_ms());
		if (a->runner && a->exit_code < 0) {
			enum runner_status st = runner_step(a->runner, clock_mono_ms(), &runner_wake);
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

static int open_window(struct app *a)
{
	Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
	int w = UI_W, h = UI_H;

	if (a->cli.headless) {
		flags |= SDL_WINDOW_HIDDEN;
	} else if (a->cfg.fullscreen) {
		flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
	} else {
		SDL_Rect usable;
		/* Portrait 1080x1920 scaled to fit the desktop, for development and demos. */
		if (SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.h > 0) {
			double s = (usable.h * 0.92) / UI_H;
			if (s < 1.0) {
				w = (int)(UI_W * s);
				h = (int)(UI_H * s);
			}
		}
		flags |= SDL_WINDOW_RESIZABLE;
	}
	a->window =
	    SDL_CreateWindow("Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
	if (!a->window) {
		log_error("main", "cannot open a window: %s", SDL_GetError());
		return KIOSK_EIO;
	}
	a->renderer = SDL_CreateRenderer(
	    a->window, -1, a->cli.headless ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED);
	if (!a->renderer)
		a->renderer = SDL_CreateRenderer(a->window, -1, SDL_RENDERER_SOFTWARE);
	if (!a->renderer) {
		log_error("main", "cannot create a renderer: %s", SDL_GetError());
		return KIOSK_EIO;
	}
	SDL_RenderSetLogicalSize(a->renderer, UI_W, UI_H);
	if (a->cfg.fullscreen)
		SDL_ShowCursor(SDL_DISABLE);
	return 0;
}

/* The A/B slot this binary runs from (/.../slot-a/...), "" when not installed in one. */
static void update_slot(char *out, size_t n)
{
	char exe[512];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *slot;

	out[0] = '\0';
	if (len <= 0)
		return;
	exe[len] = '\0';
	slot = strstr(exe, "slot-");
	if (slot)
		snprintf(out, n, "%.6s", slot);
}

/* --- kioskctl: requests from the control thread come in as SDL events --- */

static void ctl_submit(void *ctx, struct ctl_request *req)
{
	struct app *a = ctx;

	if (inbox_post(a->inbox, INBOX_REQUEST, req))
		ctl_server_answer(a->ctl, req, ctl_error("the kiosk is too busy; try again"));
}

static json_t *ctl_query(void *ctx, const struct ctl_request *req)
{
	return ctl_commands_query(&((struct app *)ctx)->ctl_host, req);
}

static void ctl_dispatch(void *ctx, struct core_event ev)
{
	dispatch(ctx, ev);
}

/* kioskctl config set: a new snapshot, put in force on the UI thread. */
static const char *ctl_apply_settings(void *ctx, const struct kiosk_config *next)
{
	log_info("main", "settings changed by kioskctl (not saved to the file)");
	return apply_settings(ctx, next);
}

static void start_control(struct app *a)
{
	struct ctl_server_ops ops = {.query = ctl_query, .submit = ctl_submit, .ctx = a};
	int rc;

	if (!a->cfg.control_socket[0])
		return;
	a->ctl_host = (struct ctl_host){.snap = &a->snap,
					.cfg = &a->cfg,
					.worker = a->worker,
					.dispatch = ctl_dispatch,
					.apply_settings = ctl_apply_settings,
					.ctx = a};
	rc = ctl_server_start(a->cfg.control_socket, &ops, &a->ctl);
	if (rc)
		log_warn("main", "no control socket (%s): kioskctl cannot reach this kiosk",
			 kiosk_strerror(rc));
	a->ctl_host.server = a->ctl;
}

/* The last good remote configuration, between kiosk.conf and the command line. */
static void load_remote_config(struct app *a)
{
	struct kiosk_config cfg = a->local;
	char err[256];
	int rc;

	/* The data directory is where the command line or the file put it. */
	snprintf(cfg.data_dir, sizeof(cfg.data_dir), "%s", a->cfg.data_dir);
	rc = rconf_load(a->cfg.data_dir, &cfg, &a->rconf_version, err, sizeof(err));
	if (rc == KIOSK_ENOTFOUND)
		return;
	if (rc) {
		/* Firmware with tighter bounds than the one that took it: local settings rule. */
		log_error("fleet", "kept remote configuration not used: %s", err);
		a->rconf_version = 0;
		return;
	}
	cli_reapply(&a->cli, &cfg);
	config_copy(&a->cfg, &cfg, CONFIG_PORTAL);
	log_info("fleet", "remote configuration %ld in force", a->rconf_version);
}

/* The kiosk's own identity (kiosk-enroll puts it in [fleet] identity_dir) is its client
 * certificate for every portal client, unless [portal] client_cert and client_key name
 * another. One outside its dates is never presented: the kiosk goes out of service instead
 * and says so (out of service from the first screen on). */
static void use_identity(struct app *a)
{
	struct identity_paths p = {.key = ""};
	char why[200];
	int rc;

	if (!a->cfg.identity_dir[0] || a->cfg.client_cert[0] || a->cfg.client_key[0])
		return;
	identity_paths(a->cfg.identity_dir, &p);
	if (access(p.cert, R_OK) != 0 || access(p.key, R_OK) != 0) {
		log_warn("fleet",
			 "no device certificate in %s yet (kiosk-enroll has not run): "
			 "portal calls go without one",
			 a->cfg.identity_dir);
		return;
	}
	rc = identity_check_dates(p.cert, why, sizeof(why));
	if (rc == KIOSK_EEXPIRED) {
		log_error("fleet",
			  "the device certificate %s %s: out of service until IT renews it", p.cert,
			  why);
		a->identity_problem =
		    strncmp(why, "expired", 7)
			? N_("This kiosk's security certificate is not valid yet. Staff: please "
			     "contact the city's IT department.")
			: N_("This kiosk's security certificate has expired. Staff: please contact "
			     "the city's IT department.");
		return;
	}
	if (rc) {
		log_error("fleet", "the device certificate %s is not usable: %s", p.cert, why);
		return; /* the portal refuses calls without it, and says so */
	}
	if (strlen(p.cert) >= sizeof(a->cfg.client_cert) ||
	    strlen(p.key) >= sizeof(a->cfg.client_key)) {
		log_error("fleet", "identity_dir %s: path too long", a->cfg.identity_dir);
		return;
	}
	memcpy(a->cfg.client_cert, p.cert, strlen(p.cert) + 1);
	memcpy(a->cfg.client_key, p.key, strlen(p.key) + 1);
	log_info("fleet", "device certificate %s for mutual TLS", p.cert);
}

int main(int argc, char **argv)
{
	static struct app app;
	struct app *a = &app;
	char journal[600], outbox[600], audit[600], fonts[600], mono[600];
	struct core_config ccfg;
	int rc;

	config_defaults(&a->cfg);
	rc = cli_parse(argc, argv, &a->cfg, &a->local, &a->cli);
	if (rc)
		return rc == 1 ? 0 : rc;
	if (a->cli.staff && a->cli.staff->needs == STAFF_NOTHING)
		return a->cli.staff->run(&a->cfg, a->cli.staff_arg);
	load_remote_config(a);
	if (a->cli.show_config) {
		config_dump(&a->cfg, stdout);
		printf("\n# remote configuration version %ld\n", a->rconf_version);
		return 0;
	}
	if (!a->cfg.receipts_dir[0] && paths_join(a->cfg.receipts_dir, sizeof(a->cfg.receipts_dir),
						  a->cfg.data_dir, "receipts")) {
		fprintf(stderr, "kiosk: data directory path too long\n");
		return 2;
	}

	/* Card data must never end up in a core file, nor be read by another process through
	 * ptrace or /proc/PID/mem: not dumpable, unless a developer asked for --debug. */
	struct rlimit nocore = {0, 0};
	setrlimit(RLIMIT_CORE, &nocore);
	if (!a->cli.debug && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		log_warn("main", "cannot make the process non-dumpable: %s", strerror(errno));
	use_identity(a);
	if (a->cli.staff)
		return a->cli.staff->run(&a->cfg, a->cli.staff_arg);

	if (paths_ensure_dir(a->cfg.data_dir) || paths_ensure_dir(a->cfg.receipts_dir) ||
	    (*a->cli.script && paths_ensure_dir(a->cli.shots))) {
		fprintf(stderr, "kiosk: cannot create %s or %s\n", a->cfg.data_dir,
			a->cfg.receipts_dir);
		return 1;
	}
	if (i18n_init(a->cfg.locale_dir))
		fprintf(stderr, "kiosk: Spanish translations missing under %s\n",
			a->cfg.locale_dir);

	if (a->cli.headless) {
		SDL_setenv("SDL_VIDEODRIVER", "offscreen", 1);
		/* Software all the way: without these the offscreen driver loads EGL and a GL
		 * driver it never uses (tens of MB, and leaks of its own at exit). */
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
		/* Speech in tests goes to a null sink. */
		SDL_setenv("SDL_AUDIODRIVER", "dummy", 0);
	}
	/* Signals go to signal_thread alone: blocked here, before any thread exists. */
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	{
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigaddset(&set, SIGINT);
		pthread_sigmask(SIG_BLOCK, &set, NULL);
	}
	SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
		fprintf(stderr, "kiosk: SDL_Init: %s\n", SDL_GetError());
		return 1;
	}
	IMG_Init(IMG_INIT_PNG);
	rc = open_window(a);
	if (rc == 0)
		rc = paths_join(fonts, sizeof(fonts), a->cfg.assets_dir, "fonts");
	if (rc == 0)
		rc = ui_open(&a->ui, a->renderer, fonts);
	if (rc) {
		fprintf(stderr, "kiosk: cannot start the screen (%s)\n", kiosk_strerror(rc));
		goto out;
	}
	rc = inbox_open(256, &a->inbox);
	if (rc) {
		fprintf(stderr, "kiosk: cannot start (%s)\n", kiosk_strerror(rc));
		goto out;
	}
	a->signal_thread_started = pthread_create(&a->signal_thread, NULL, signal_thread, a) == 0;
	{
		const char *drv = SDL_GetCurrentVideoDriver();
		a->sdl_blocks = drv && (!strcmp(drv, "x11") || !strcmp(drv, "wayland"));
		log_info("main", "video driver %s (%s wait)", drv ? drv : "?",
			 a->sdl_blocks ? "SDL" : "own");
		if (a->sdl_blocks) {
			a->wake_event = SDL_RegisterEvents(1);
			inbox_set_wake(a->inbox, wake_sdl, a);
		}
	}

	if (paths_join(journal, sizeof(journal), a->cfg.data_dir, "journal.sqlite") ||
	    paths_join(outbox, sizeof(outbox), a->cfg.data_dir, "outbox.sqlite") ||
	    paths_join(audit, sizeof(audit), a->cfg.data_dir, "audit.sqlite") ||
	    paths_join(mono, sizeof(mono), fonts, "DejaVuSansMono.ttf")) {
		rc = KIOSK_EINVAL;
		goto out;
	}
	update_slot(a->slot, sizeof(a->slot));
	/* From here on other threads hold pointers into boot; kioskctl and the portal change
	 * only cfg, the UI thread's. */
	a->boot = a->cfg;
	service_snapshot_init(&a->snap, KIOSK_VERSION, a->slot, a->boot.kiosk_id);
	struct worker_config wcfg = {
	    .portal = paths_portal(&a->boot),
	    .journal_path = journal,
	    .outbox_path = outbox,
	    .audit_path = audit,
	    .pin_hash = a->boot.service_pin_hash,
	    .snapshot = &a->snap,
	    .seal_key = a->boot.seal_key,
	    .devices = a->boot.devices,
	    .wedge_readers = a->boot.wedge_readers,
	    .receipts_dir = a->boot.receipts_dir,
	    .mono_font = mono,
	    .kiosk_id = a->boot.kiosk_id,
	    .receipt_header =
		a->boot.receipt_header[0] ? a->boot.receipt_header : a->boot.city_name,
	    .receipt_footer = a->boot.receipt_footer,
	    .inbox = a->inbox,
	};
	rc = worker_start(&wcfg, &a->worker);
	if (rc) {
		fprintf(stderr, "kiosk: cannot start (%s); see the log above\n",
			kiosk_strerror(rc));
		goto out;
	}
	/* The worker opened the devices; the link probes the portal and marks health. */
	ulink_open(&a->link, a->boot.update_state_dir, &wcfg.portal, a->inbox, clock_mono_ms());

	core_config_defaults(&ccfg);
	ccfg.idle_ms = (int64_t)a->cfg.idle_timeout_s * 1000;
	ccfg.warning_ms = (int64_t)a->cfg.warning_s * 1000;
	ccfg.default_lang = strcmp(a->cfg.lang, "es") ? CORE_LANG_EN : CORE_LANG_ES;
	rconf_core_config(&a->cfg, &ccfg); /* languages offered, fee, maximum payment */
	ccfg.wait_for_reconcile = true;
	core_init(&a->core, &ccfg, clock_mono_ms());
	if (a->cfg.high_contrast || a->cfg.large_text)
		set_look(a, a->cfg.high_contrast ? THEME_HIGH_CONTRAST : THEME_DEFAULT,
			 a->cfg.large_text);
	a->speech_default = speech_wanted(&a->cfg);
	if (a->speech_default)
		set_speech(a, true);
	a->screen_ctx.city_name = a->cfg.city_name;
	a->screen_ctx.help_text = a->cfg.help_text;
	a->screen_ctx.version = KIOSK_VERSION;
	a->screen_ctx.update_slot = a->slot;
	if (!a->cfg.service_pin_hash[0])
		log_warn("main", "no [service] pin_hash: service mode refuses every PIN");
	start_control(a);
	a->screen_ctx.out_of_service_message = a->cfg.out_of_service_message;
	if (a->identity_problem)
		identity_out_of_service(a, "device certificate not valid");
	{
		struct heartbeat_config hcfg = {
		    .portal = wcfg.portal,
		    .version = KIOSK_VERSION,
		    .data_dir = a->boot.data_dir,
		    .devices = a->boot.devices,
		    .outbox_path = outbox,
		    .interval_s = a->cfg.heartbeat_s,
		    .local = a->local,
		    .config_version = a->rconf_version,
		    .portal_seen = heartbeat_portal_seen,
		    .portal_seen_ctx = a,
		    .inbox = a->inbox,
		};
		/* A beat in flight holds up the exit: no longer than this. */
		if (hcfg.portal.timeout_ms > 10000)
			hcfg.portal.timeout_ms = 10000;
		if (heartbeat_start(&hcfg, &a->hb))
			log_error("main", "no heartbeat: the portal will not hear from this kiosk");
	}

	if (*a->cli.script) {
		struct runner_host host = {
		    .ctx = a,
		    .screen_id = host_screen_id,
		    .ui = host_ui,
		    .tap = host_tap,
		    .swipe = host_swipe,
		    .last_receipt = host_last_receipt,
		    .shot = host_shot,
		    .paper_out = host_paper_out,
		    .key = host_key,
		    .heard = host_heard,
		    .min_target_px = (a->cfg.dpi * 15 * 10 + 127) / 254, /* 15 mm */
		    .press = host_press,
		};
		rc = runner_open(a->cli.script, a->cli.shots, &host, &a->runner);
		if (rc)
			goto out;
	}
	SDL_StartTextInput();
	log_info("main", "kiosk %s up: portal %s, devices %s", KIOSK_VERSION, a->cfg.portal_url,
		 a->cfg.devices);
	rc = run(a);
out:
	ctl_server_stop(a->ctl); /* no new requests; the worker may still answer one */
	runner_close(a->runner);
	speech_close(a->speech);
	heartbeat_stop(a->hb);
	free(a->pending_cfg.config);
	ulink_close(&a->link);
	worker_stop(a->worker);
	if (a->signal_thread_started) {
		/* Directed at that thread, which takes it in sigwait (posting a last stop). */
		pthread_kill(a->signal_thread, SIGTERM);
		pthread_join(a->signal_thread, NULL);
	}
	inbox_close(a->inbox, drop_message, a); /* every thread that posts has stopped */
	ctl_server_free(a->ctl);
	ui_close(&a->ui);
	if (a->renderer)
		SDL_DestroyRenderer(a->renderer);
	if (a->window)
		SDL_DestroyWindow(a->window);
	TTF_Quit();
	IMG_Quit();
	SDL_Quit();
	return rc < 0 ? 1 : rc;
}
