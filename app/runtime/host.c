/* The journey runner's view of the app (--script): taps and keys as real SDL events through the
 * real queue, swipes on the simulated reader, the last receipt, screenshots, what was spoken. */
#include <SDL.h>
#include <string.h>

#include "app/a11y/keypad.h"
#include "app/a11y/speech.h"
#include "app/common/err.h"
#include "app/i18n.h"
#include "app/journey/runner.h"
#include "app/runtime/app.h"
#include "app/worker.h"
#include "drivers/sim/sim_cash.h"

static const char *host_screen_id(void *ctx)
{
	return core_screen_id(&((struct app *)ctx)->core);
}

static const struct ui *host_ui(void *ctx)
{
	return &((struct app *)ctx)->ui;
}

static const char *host_tr(void *ctx, const char *msgid)
{
	return ui_tr(&((struct app *)ctx)->ui, msgid);
}

static void host_today(void *ctx, bool es, char *out, size_t n)
{
	i18n_date(es ? I18N_ES : I18N_EN, ((struct app *)ctx)->today, out, n);
}

static void host_reveal(void *ctx, int widget)
{
	struct app *a = ctx;

	ui_reveal(&a->ui, widget);
	a->dirty = true;
}

/* Real mouse events through the real queue: the code under test is the code residents use.
 * Coordinates are the design space, which the offscreen window matches 1:1. */
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

static void host_tap(void *ctx, int x, int y)
{
	host_press(ctx, x, y, 1);
	host_press(ctx, x, y, 0);
}

static int64_t host_taps_from_ms(void *ctx)
{
	return core_taps_from_ms(&((struct app *)ctx)->core);
}

static void host_last_receipt(void *ctx, char *buf, size_t n)
{
	worker_last_receipt(((struct app *)ctx)->worker, buf, n);
}

static int host_shot(void *ctx, const char *path)
{
	return ui_screenshot(&((struct app *)ctx)->ui, path);
}

static void host_move(void *ctx, int x, int y)
{
	SDL_Event ev;

	(void)ctx;
	memset(&ev, 0, sizeof(ev));
	ev.type = SDL_MOUSEMOTION;
	ev.motion.state = SDL_BUTTON_LMASK;
	ev.motion.x = x;
	ev.motion.y = y;
	SDL_PushEvent(&ev);
}

/* The simulated validator's device side, for `insert-note` and the rest. */
static int host_cash(void *ctx, const char *what, int dollars, bool reject)
{
	struct sim_cash *s = worker_cash_sim(((struct app *)ctx)->worker);

	if (!s)
		return KIOSK_EDEVICE;
	if (!strcmp(what, "insert")) {
		int rc = sim_cash_insert(s, dollars, reject);

		/* A resident watches the note go in (or come back) before the next step. */
		if (rc == 0)
			sim_cash_settle(s, 5000);
		return rc;
	}
	if (!strcmp(what, "note-jam"))
		sim_cash_jam(s);
	else if (!strcmp(what, "clear-jam"))
		sim_cash_clear_jam(s);
	else if (!strcmp(what, "remove-cashbox") || !strcmp(what, "replace-cashbox"))
		sim_cash_cashbox(s, !strcmp(what, "replace-cashbox"));
	else if (!strcmp(what, "stacker-full"))
		sim_cash_stacker_full(s);
	else
		return KIOSK_EINVAL;
	/* The next step sees the validator after it polled what happened. */
	sim_cash_settle(s, 3000);
	return 0;
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

static void host_keyboard_burst(void *ctx, const char *text)
{
	SDL_Event ev;

	(void)ctx;
	for (const char *p = text; *p; p++) {
		memset(&ev, 0, sizeof(ev));
		ev.type = SDL_TEXTINPUT;
		ev.text.text[0] = *p;
		SDL_PushEvent(&ev);
	}
	memset(&ev, 0, sizeof(ev));
	ev.type = SDL_KEYDOWN;
	ev.key.state = SDL_PRESSED;
	ev.key.keysym.sym = SDLK_RETURN;
	ev.key.keysym.scancode = SDL_SCANCODE_RETURN;
	SDL_PushEvent(&ev);
	ev.type = SDL_KEYUP;
	ev.key.state = SDL_RELEASED;
	SDL_PushEvent(&ev);
}

static void host_heard(void *ctx, char *buf, size_t n)
{
	speech_heard(((struct app *)ctx)->speech, buf, n);
}

int host_open(struct app *a)
{
	struct runner_host host = {
	    .ctx = a,
	    .screen_id = host_screen_id,
	    .ui = host_ui,
	    .tap = host_tap,
	    .swipe = input_swipe,
	    .scan = input_scan,
	    .last_receipt = host_last_receipt,
	    .shot = host_shot,
	    .paper_out = host_paper_out,
	    .key = host_key,
	    .keyboard_burst = host_keyboard_burst,
	    .heard = host_heard,
	    .min_target_px = (a->cfg.dpi * 15 * 10 + 127) / 254, /* 15 mm */
	    .press = host_press,
	    .move = host_move,
	    .taps_from_ms = host_taps_from_ms,
	    .reveal = host_reveal,
	    .tr = host_tr,
	    .cash = host_cash,
	    .today = host_today,
	};

	if (!*a->cli.script)
		return 0;
	return runner_open(a->cli.script, a->cli.shots, &host, &a->runner);
}
