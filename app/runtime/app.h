/* The running kiosk's state, shared by the modules of app/runtime (and nothing else): the UI
 * thread's settings and the snapshot the other threads got, the screen, the core, the threads'
 * handles and the inbox. Each module's functions are declared below; the UI thread calls them
 * all. main.c creates one struct app and wires the modules together. */
#ifndef KIOSK_RUNTIME_APP_H
#define KIOSK_RUNTIME_APP_H

#include <SDL.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/a11y/describe.h"
#include "app/config.h"
#include "app/core/core.h"
#include "app/core/wedge_guard.h"
#include "app/fleet/heartbeat.h"
#include "app/runtime/cli.h"
#include "app/screens/screens.h"
#include "app/service/corner.h"
#include "app/service/ctl_commands.h"
#include "app/service/snapshot.h"
#include "app/ui/drag.h"
#include "app/ui/ui.h"
#include "app/update/link.h"

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
	char today[11]; /* screen_ctx.today: the local date, set before each frame */
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
	enum core_cash_problem hb_cash;	    /* and of the bill validator */
	enum core_terminal hb_terminal;	    /* and of the payment terminal */
	/* msgid for the out-of-service screen: the certificate is expired or revoked; the kiosk
	 * stays out of service whatever the portal says, until IT gives it a new one. */
	const char *identity_problem;
	/* staff: the corner hold, kioskctl's socket and the snapshot it reads */
	struct service_corner corner;
	int64_t press_ms;	  /* when the finger last went down (clock_mono_ms) */
	struct drag drag;	  /* that finger's gesture: a tap, or a drag that scrolls */
	struct wedge_guard wedge; /* typed text that is really a card swipe never reaches a field */
	struct service_snapshot snap;
	struct ctl_server *ctl;
	struct ctl_host ctl_host;
	char slot[16];
};

/* Staff chose "Restart": systemd (Restart=on-failure) starts the kiosk again. EX_TEMPFAIL. */
#define KIOSK_EXIT_RESTART 75

/* start.c: the screen, the inbox and the threads, in order; app_stop undoes what was done. */
int app_start(struct app *a);
void app_stop(struct app *a);

/* loop.c: the event loop (sleeps until an event, a message or the next deadline; draws only
 * what changed). Returns the exit status. */
int app_run(struct app *a);
/* An event for the core; its effects go to the worker. */
void app_dispatch(struct app *a, struct core_event ev);
/* The inbox and the signal thread that posts INBOX_STOP; app_stop_inbox answers what is left. */
int app_start_inbox(struct app *a);
void app_stop_inbox(struct app *a);

/* input.c: taps, keys and text mapped to core events, speech and look. */
void input_handle(struct app *a, const SDL_Event *e);
/* A new screen: a finger still down from the one before drags nothing on it. */
void input_screen_changed(struct app *a);
/* Each loop turn: typing held back by the wedge guard is released when its time is up. */
void input_tick(struct app *a, int64_t now);
/* A swipe on the simulated reader (F2 to F4, and journeys); ctx is the app. */
int input_swipe(void *ctx, const char *pan, const char *yymm, const char *name);
/* A scan on the simulated barcode scanner (F5 to F7, and journeys): CORE_EV_BARCODE. */
int input_scan(void *ctx, const char *text);

/* access.c: speech and look policy (ADA 707). */
void access_say(struct app *a, const char *msgid, bool interrupt);
void access_set_speech(struct app *a, bool on);
void access_set_look(struct app *a, enum theme_id theme, bool large);
/* Whether a session starts with speech: "on", or "headphones" and an audio output. */
bool access_speech_wanted(const struct kiosk_config *cfg);
/* The next resident starts with the configured look and speech. */
void access_restore_defaults(struct app *a);
/* After each frame: speech describes it; the privacy blank hides it. */
void access_frame(struct app *a);

/* settings.c: the settings in force, and a new snapshot put in force. */
void settings_apply_core(struct app *a);
const char *settings_apply(struct app *a, const struct kiosk_config *next);
void settings_load_remote(struct app *a);
void settings_apply_pending(struct app *a);

/* fleet.c: heartbeat orders, out of service for the certificate, the heartbeat itself. */
int fleet_start(struct app *a, const struct portal_config *portal, const char *outbox);
void fleet_take_order(struct app *a, struct heartbeat_order *o);
void fleet_identity_out_of_service(struct app *a, const char *reason);
void fleet_report_state(struct app *a);

/* certificate.c: which client certificate the portal clients present. */
void certificate_use(struct app *a);

/* control.c: kioskctl's socket; its requests come in through the inbox. */
void control_start(struct app *a);

/* host.c: the journey runner's view of the app (--script). */
int host_open(struct app *a);

#endif
