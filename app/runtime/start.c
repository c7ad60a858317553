/* Starting and stopping the running kiosk in order: directories and translations, SDL and the
 * window, the inbox, the worker (journal and devices), the update link, the core, the look and
 * speech, kioskctl's socket, the heartbeat, the journey. The threads get a->boot, a copy of the
 * settings taken here and never written again. */
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/a11y/speech.h"
#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/log.h"
#include "app/fleet/rconf.h"
#include "app/i18n.h"
#include "app/journey/runner.h"
#include "app/runtime/app.h"
#include "app/runtime/paths.h"
#include "app/service/ctl_server.h"
#include "app/worker.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "dev"
#endif

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

int app_start(struct app *a)
{
	char journal[600], outbox[600], audit[600], fonts[600], mono[600], cash_sim[600],
	    cashbox[600];
	struct core_config ccfg;
	int rc;

	if (paths_ensure_dir(a->cfg.data_dir) || paths_ensure_dir(a->cfg.receipts_dir) ||
	    (*a->cli.script && paths_ensure_dir(a->cli.shots))) {
		fprintf(stderr, "kiosk: cannot create %s or %s\n", a->cfg.data_dir,
			a->cfg.receipts_dir);
		return KIOSK_EIO;
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
		return KIOSK_EIO;
	}
	IMG_Init(IMG_INIT_PNG);
	rc = open_window(a);
	if (rc == 0)
		rc = paths_join(fonts, sizeof(fonts), a->cfg.assets_dir, "fonts");
	if (rc == 0)
		rc = ui_open(&a->ui, a->renderer, fonts);
	if (rc) {
		fprintf(stderr, "kiosk: cannot start the screen (%s)\n", kiosk_strerror(rc));
		return rc;
	}
	/* --check-layout: every frame's boxes, and its targets at 15 mm on this screen. */
	a->ui.check_layout = a->cli.check_layout;
	a->ui.min_target_px = (a->cfg.dpi * 15 * 10 + 127) / 254;
	rc = app_start_inbox(a);
	if (rc) {
		fprintf(stderr, "kiosk: cannot start (%s)\n", kiosk_strerror(rc));
		return rc;
	}

	if (paths_join(journal, sizeof(journal), a->cfg.data_dir, "journal.sqlite") ||
	    paths_join(outbox, sizeof(outbox), a->cfg.data_dir, "outbox.sqlite") ||
	    paths_join(audit, sizeof(audit), a->cfg.data_dir, "audit.sqlite") ||
	    paths_join(cash_sim, sizeof(cash_sim), a->cfg.data_dir, "sim-validator.state") ||
	    paths_join(cashbox, sizeof(cashbox), a->cfg.data_dir, "cashbox.sqlite") ||
	    paths_join(mono, sizeof(mono), fonts, "DejaVuSansMono.ttf")) {
		return KIOSK_EINVAL;
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
	    .allow_demo_pin = a->boot.service_allow_demo_pin,
	    .snapshot = &a->snap,
	    .seal_key = a->boot.seal_key,
	    .devices = a->boot.devices,
	    .wedge_readers = a->boot.wedge_readers,
	    .scanners = a->boot.scanners,
	    .printer_profile = a->boot.printer_profile,
	    .chip_terminal = a->boot.chip_terminal,
	    .receipts_dir = a->boot.receipts_dir,
	    .mono_font = mono,
	    .kiosk_id = a->boot.kiosk_id,
	    .receipt_header =
		a->boot.receipt_header[0] ? a->boot.receipt_header : a->boot.city_name,
	    .receipt_footer = a->boot.receipt_footer,
	    .receipt_qr_url = a->boot.receipt_qr_url,
	    .city_phone = a->boot.city_phone,
	    .city_website = a->boot.city_website,
	    .cash_device = a->boot.cash_device,
	    .cash_denominations = a->boot.cash_denominations,
	    .cash_max_payment_cents = a->boot.cash_max_payment_cents,
	    .cash_max_credit_cents = a->boot.cash_max_credit_cents,
	    .cash_fixed_key = strtoull(a->boot.cash_fixed_key, NULL, 16),
	    .cash_sim_state = cash_sim,
	    .cashbox_path = cashbox,
	    .inbox = a->inbox,
	};
	paths_terminal(&a->boot, &wcfg.terminal);
	paths_terminal_display(&a->boot, &wcfg.terminal_display);
	rc = worker_start(&wcfg, &a->worker);
	if (rc) {
		fprintf(stderr, "kiosk: cannot start (%s); see the log above\n",
			kiosk_strerror(rc));
		return rc;
	}
	/* The worker opened the devices; the link probes the portal and marks health. */
	ulink_open(&a->link, a->boot.update_state_dir, &wcfg.portal, a->inbox, clock_mono_ms());
	ulink_set_window(&a->link, a->cfg.update_window);

	core_config_defaults(&ccfg);
	ccfg.idle_ms = (int64_t)a->cfg.idle_timeout_s * 1000;
	ccfg.warning_ms = (int64_t)a->cfg.warning_s * 1000;
	ccfg.default_lang = strcmp(a->cfg.lang, "es") ? CORE_LANG_EN : CORE_LANG_ES;
	rconf_core_config(&a->cfg, &ccfg); /* languages offered, fee, maximum payment */
	ccfg.wait_for_reconcile = true;
	ccfg.card =
	    strcmp(a->boot.payments_card, "terminal") ? CORE_CARD_READER : CORE_CARD_TERMINAL;
	ccfg.cash = strcmp(a->cfg.cash_device, "none") != 0;
	core_init(&a->core, &ccfg, clock_mono_ms());
	bool contrast, large;
	config_look(&a->cfg, &contrast, &large);
	if (contrast || large)
		access_set_look(a, contrast ? THEME_HIGH_CONTRAST : THEME_DEFAULT, large);
	a->speech_default = access_speech_wanted(&a->cfg);
	if (a->speech_default)
		access_set_speech(a, true);
	a->screen_ctx.city_name = a->cfg.city_name;
	a->screen_ctx.help_text = a->cfg.help_text;
	a->screen_ctx.help_text_es = a->cfg.help_text_es;
	a->screen_ctx.version = KIOSK_VERSION;
	a->screen_ctx.update_slot = a->slot;
	control_start(a);
	a->screen_ctx.out_of_service_message = a->cfg.out_of_service_message;
	a->screen_ctx.out_of_service_message_es = a->cfg.out_of_service_message_es;
	a->screen_ctx.city_phone = a->cfg.city_phone;
	a->screen_ctx.city_website = a->cfg.city_website;
	a->screen_ctx.city_hours = a->cfg.city_hours;
	a->screen_ctx.city_hours_es = a->cfg.city_hours_es;
	if (a->identity_problem)
		fleet_identity_out_of_service(a, "device certificate not valid");
	if (fleet_start(a, &wcfg.portal, outbox))
		log_error("main", "no heartbeat: the portal will not hear from this kiosk");
	rc = host_open(a);
	if (rc)
		return rc;
	SDL_StartTextInput();
	log_info("main", "kiosk %s up: portal %s, devices %s", KIOSK_VERSION, a->cfg.portal_url,
		 a->cfg.devices);
	return 0;
}

void app_stop(struct app *a)
{
	ctl_server_stop(a->ctl); /* no new requests; the worker may still answer one */
	runner_close(a->runner);
	speech_close(a->speech);
	heartbeat_stop(a->hb);
	free(a->pending_cfg.config);
	ulink_close(&a->link);
	worker_stop(a->worker);
	app_stop_inbox(a);
	ctl_server_free(a->ctl);
	ui_close(&a->ui);
	if (a->renderer)
		SDL_DestroyRenderer(a->renderer);
	if (a->window)
		SDL_DestroyWindow(a->window);
	TTF_Quit();
	IMG_Quit();
	SDL_Quit();
}
