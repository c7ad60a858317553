/* The tactile keypad (ADA 707.6): what each key of a USB keypad does. EZ-Access and
 * AudioNav style keypads present themselves as USB HID keyboards, so their keys arrive as SDL
 * keyboard events; the map from key to action is configuration ([keypad] in kiosk.conf). */
#ifndef KIOSK_KEYPAD_H
#define KIOSK_KEYPAD_H

#include <SDL.h>
#include <stddef.h>

enum keypad_action {
	KEYPAD_NONE = -1,
	KEYPAD_ENTER,	    /* activates the focused control, else Continue */
	KEYPAD_CLEAR,	    /* deletes the last character typed */
	KEYPAD_CANCEL,	    /* goes back one step */
	KEYPAD_UP,	    /* focus: up a row on a keyboard, else the previous control */
	KEYPAD_DOWN,	    /* focus: down a row on a keyboard, else the next control */
	KEYPAD_LEFT,	    /* focus: the previous control or key */
	KEYPAD_RIGHT,	    /* focus: the next control or key */
	KEYPAD_TAB,	    /* focus: the next control (Shift+Tab: the previous) */
	KEYPAD_HELP,	    /* "Talk to me": speech on (and says where you are), or off */
	KEYPAD_REPEAT,	    /* says the last thing again */
	KEYPAD_STOP,	    /* stops speaking */
	KEYPAD_VOLUME_DOWN, /* quieter */
	KEYPAD_VOLUME_UP,   /* louder */
	KEYPAD_RATE_DOWN,   /* slower */
	KEYPAD_RATE_UP,	    /* faster */
	KEYPAD_BLANK,	    /* privacy: blanks the screen, or shows it again (speech on only) */
	KEYPAD_ACTION_COUNT
};

#define KEYPAD_MAX_KEYS 4

struct keypad_map {
	SDL_Keycode keys[KEYPAD_ACTION_COUNT][KEYPAD_MAX_KEYS];
	int count[KEYPAD_ACTION_COUNT];
};

/* enter = Return, Keypad Enter; clear = Backspace; cancel = Escape; the arrows; tab = Tab;
 * help = F1; repeat = F5; stop = F6; volume_down/up = F7/F8; rate_down/up = F9/F10;
 * blank = F11 (F2 to F4 are the simulated card reader's). */
void keypad_defaults(struct keypad_map *m);

/* Binds an action ("enter") to keys given by SDL key name, comma-separated ("Return, KP_Enter";
 * "KP_x" is read as SDL's "Keypad x"). Replaces the action's keys. KIOSK_EINVAL with err filled
 * on an unknown action or key, too many keys, or a key another action already has. */
int keypad_set(struct keypad_map *m, const char *action, const char *keys, char *err,
	       size_t errlen);

/* The keys of an action as keypad_set takes them ("Return, Keypad Enter"); KIOSK_EINVAL for
 * an unknown action. */
int keypad_get(const struct keypad_map *m, const char *action, char *out, size_t n);

/* The action of a key, or KEYPAD_NONE. */
enum keypad_action keypad_action_of(const struct keypad_map *m, SDL_Keycode key);

/* "enter", ... and back; KEYPAD_NONE for an unknown name. */
const char *keypad_action_name(enum keypad_action a);
enum keypad_action keypad_action_by_name(const char *name);

/* The first key bound to an action (what the journey runner presses), or SDLK_UNKNOWN. */
SDL_Keycode keypad_first_key(const struct keypad_map *m, enum keypad_action a);

#endif
