/* Input: taps (through the corner hold), drags that scroll, keypad keys and typed text mapped to
 * core events, the keypad's speech keys, and the simulated card reader's keys for demos. */
#include <SDL.h>
#include <string.h>

#include "app/a11y/keypad.h"
#include "app/a11y/speech.h"
#include "app/common/clock.h"
#include "app/common/log.h"
#include "app/i18n.h"
#include "app/runtime/app.h"
#include "app/worker.h"
#include "drivers/sim/sim_reader.h"
#include "drivers/sim/sim_scanner.h"

/* Typed text as the resident typed it (after the wedge guard). */
static void type_text(struct app *a, const char *text)
{
	struct core_event ev = core_ev(CORE_EV_KEY);

	if (!text[0])
		return;
	snprintf(ev.text, sizeof(ev.text), "%s", text);
	app_dispatch(a, ev);
}

/* Text held back as the possible start of a swipe is a person's after all. */
static void release_typing(struct app *a, int64_t now)
{
	char out[64];

	wedge_guard_flush(&a->wedge, now, out, sizeof(out));
	type_text(a, out);
}

void input_tick(struct app *a, int64_t now)
{
	int64_t due = wedge_guard_deadline(&a->wedge, -1);

	if (due >= 0 && due <= now)
		release_typing(a, now);
}

static void on_text(struct app *a, const char *text)
{
	char out[64];
	bool swipe;

	wedge_guard_text(&a->wedge, text, clock_mono_ms(), out, sizeof(out), &swipe);
	type_text(a, out);
	if (swipe) {
		log_warn("input", "a card swipe arrived as typing (a keyboard-wedge reader that is "
				  "not in [devices] wedge_readers?): dropped, never typed");
		app_dispatch(a, core_ev(CORE_EV_STRAY_SWIPE));
	}
}

/* A widget chosen by a tap (touch_ms: when the finger went down) or by Enter on the keypad
 * (touch_ms 0). */
static void activate(struct app *a, int i, int64_t touch_ms)
{
	struct core_event ev;
	const struct ui_widget *w = &a->ui.widgets[i];

	switch (w->action) {
	case UI_ACT_CONTRAST:
		access_set_look(
		    a, a->ui.theme_id == THEME_HIGH_CONTRAST ? THEME_DEFAULT : THEME_HIGH_CONTRAST,
		    a->ui.large_text);
		app_dispatch(a, core_ev(CORE_EV_TOUCH));
		break;
	case UI_ACT_LARGE_TEXT:
		access_set_look(a, a->ui.theme_id, !a->ui.large_text);
		app_dispatch(a, core_ev(CORE_EV_TOUCH));
		break;
	case UI_ACT_SCROLL_UP:
	case UI_ACT_SCROLL_DOWN:
		/* Most of a view at a time, so what was at its edge stays in sight. */
		ui_scroll_by(&a->ui, (w->action == UI_ACT_SCROLL_UP ? -1 : 1) *
					 a->ui.scroll.view.h * 2 / 3);
		a->dirty = true;
		app_dispatch(a, core_ev(CORE_EV_TOUCH));
		break;
	case UI_ACT_NONE:
		/* The core refuses a tap that began before what it lands on appeared. */
		ev = screens_event(w);
		ev.touch_ms = touch_ms;
		app_dispatch(a, ev);
		break;
	}
}

static void on_tap_up(struct app *a, int x, int y)
{
	int hit = ui_hit(&a->ui, x, y);
	int pressed = a->ui.pressed_index;

	a->ui.pressed_index = -1;
	a->dirty = true;
	if (hit >= 0 && hit == pressed) {
		a->ui.focus_index = -1;
		activate(a, hit, a->press_ms);
	} else if (hit < 0) {
		app_dispatch(a, core_ev(CORE_EV_TOUCH));
	}
}

/* Moving the focus is someone at the kiosk, like a touch. */
static void focus_moved(struct app *a)
{
	a->dirty = true;
	app_dispatch(a, core_ev(CORE_EV_TOUCH));
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
	case KEYPAD_UP:
	case KEYPAD_RIGHT:
	case KEYPAD_LEFT:
		ui_focus_dir(&a->ui, (act == KEYPAD_RIGHT) - (act == KEYPAD_LEFT),
			     (act == KEYPAD_DOWN) - (act == KEYPAD_UP));
		focus_moved(a);
		break;
	case KEYPAD_ENTER:
		if (a->ui.focus_index >= 0 && a->ui.focus_index < a->ui.widget_count)
			activate(a, a->ui.focus_index, 0);
		else
			app_dispatch(a, core_ev(CORE_EV_CONTINUE));
		break;
	case KEYPAD_CLEAR: app_dispatch(a, core_ev(CORE_EV_BACKSPACE)); break;
	case KEYPAD_CANCEL: app_dispatch(a, core_ev(CORE_EV_BACK)); break;
	case KEYPAD_HELP: access_set_speech(a, !a->speech); break;
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
		access_say(a,
			   act == KEYPAD_VOLUME_UP     ? N_("Louder")
			   : act == KEYPAD_VOLUME_DOWN ? N_("Quieter")
			   : act == KEYPAD_RATE_UP     ? N_("Faster")
						       : N_("Slower"),
			   true);
		break;
	case KEYPAD_BLANK:
		/* Privacy (707.4): only with speech, or nobody could see or hear the kiosk. */
		if (a->speech) {
			a->blank = !a->blank;
			access_say(a, a->blank ? N_("Screen off") : N_("Screen on"), true);
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
			input_swipe(a, pan, "3012", "Demo Resident");
		} else if (k->keysym.sym >= SDLK_F5 && k->keysym.sym <= SDLK_F7 &&
			   !strcmp(a->cfg.devices, "sim")) {
			/* The simulated scanner: F5 Rivera's bill, F6 an older one of hers, F7
			 * a shop's barcode. */
			char text[64];

			if (sim_scanner_demo((enum sim_scan_demo)(k->keysym.sym - SDLK_F5), text,
					     sizeof(text)) == 0)
				input_scan(a, text);
		}
		break;
	}
}

int input_scan(void *ctx, const char *text)
{
	struct app *a = ctx;
	struct core_event ev = core_ev(CORE_EV_BARCODE);
	int rc = sim_scanner_scan(text, ev.text, sizeof(ev.text));

	if (rc == 0) {
		ev.now_ms = clock_mono_ms();
		app_dispatch(a, ev);
	}
	return rc;
}

int input_swipe(void *ctx, const char *pan, const char *yymm, const char *name)
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

/* 5 mm at the screen's density: a finger that moves less still taps. */
static int drag_slop_px(const struct app *a)
{
	return (a->cfg.dpi * 5 * 10 + 127) / 254;
}

/* The finger's gesture (drag.h): a drag scrolls the content and unpresses the button it went
 * down on. Returns true when it was a drag (its lifting is then no tap). */
static bool drag_input(struct app *a, enum drag_event_type type, int x, int y)
{
	struct drag_event ev = {.type = type, .x = x, .y = y};
	struct drag_effect fx;

	if (type == DRAG_DOWN) {
		/* A ghost (it began before what is shown appeared, or within 300 ms of it)
		 * scrolls nothing, as it taps nothing. */
		ev.scrollable =
		    ui_scrolls_at(&a->ui, x, y) && a->press_ms >= core_taps_from_ms(&a->core);
		ev.offset = a->ui.scroll.offset;
		ev.slop = drag_slop_px(a);
	}
	drag_event(&a->drag, &ev, &fx);
	if (fx.cancel_press) {
		a->ui.pressed_index = -1;
		a->ui.focus_index = -1; /* a finger took over from the keypad */
		a->dirty = true;
	}
	if (fx.scroll && fx.offset != a->ui.scroll.offset) {
		ui_scroll_by(&a->ui, fx.offset - a->ui.scroll.offset);
		a->dirty = true;
	}
	return fx.was_drag;
}

void input_screen_changed(struct app *a)
{
	drag_input(a, DRAG_CANCEL, 0, 0);
}

void input_handle(struct app *a, const SDL_Event *e)
{
	switch (e->type) {
	case SDL_QUIT:
		/* A journey stopped before its end has not passed. */
		if (a->exit_code < 0)
			a->exit_code = a->runner ? 1 : 0;
		break;
	case SDL_MOUSEBUTTONDOWN:
		release_typing(a, clock_mono_ms());
		if (e->button.button == SDL_BUTTON_LEFT) {
			/* The event's own time: it may have waited in the queue while a frame was
			 * drawn, and a ghost tap is told by when the finger went down. */
			a->press_ms =
			    core_touch_ms(clock_mono_ms(), SDL_GetTicks(), e->button.timestamp);
			service_corner_down(&a->corner, e->button.x, e->button.y, clock_mono_ms());
			a->ui.pressed_index = ui_hit(&a->ui, e->button.x, e->button.y);
			drag_input(a, DRAG_DOWN, e->button.x, e->button.y);
			a->dirty = true;
		}
		break;
	case SDL_MOUSEBUTTONUP:
		if (e->button.button == SDL_BUTTON_LEFT) {
			bool dragged = drag_input(a, DRAG_UP, e->button.x, e->button.y);

			if (service_corner_up(&a->corner) || dragged) {
				/* The end of the corner hold or of a drag: not a tap on what lies
				 * there. A drag is someone at the kiosk all the same. */
				a->ui.pressed_index = -1;
				a->dirty = true;
				if (dragged)
					app_dispatch(a, core_ev(CORE_EV_TOUCH));
			} else {
				on_tap_up(a, e->button.x, e->button.y);
			}
		}
		break;
	case SDL_MOUSEMOTION:
		service_corner_motion(&a->corner, e->motion.x, e->motion.y);
		if (e->motion.state & SDL_BUTTON_LMASK)
			drag_input(a, DRAG_MOVE, e->motion.x, e->motion.y);
		break;
	case SDL_TEXTINPUT: on_text(a, e->text.text); break;
	case SDL_KEYDOWN:
		/* The Enter a wedge reader sends after a swipe is the swipe's, not a submit. */
		if (wedge_guard_in_burst(&a->wedge, clock_mono_ms()))
			break;
		release_typing(a, clock_mono_ms());
		on_key(a, &e->key);
		break;
	case SDL_WINDOWEVENT:
		if (e->window.event == SDL_WINDOWEVENT_EXPOSED ||
		    e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
			a->dirty = true;
		break;
	default: break;
	}
}
