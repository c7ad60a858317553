/* The keypad's key map: defaults, parsing of [keypad] lines, lookup. */
#include "app/a11y/keypad.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "app/common/err.h"

static const char *const names[KEYPAD_ACTION_COUNT] = {
    [KEYPAD_ENTER] = "enter",	      [KEYPAD_CLEAR] = "clear",
    [KEYPAD_CANCEL] = "cancel",	      [KEYPAD_UP] = "up",
    [KEYPAD_DOWN] = "down",	      [KEYPAD_LEFT] = "left",
    [KEYPAD_RIGHT] = "right",	      [KEYPAD_TAB] = "tab",
    [KEYPAD_HELP] = "help",	      [KEYPAD_REPEAT] = "repeat",
    [KEYPAD_STOP] = "stop",	      [KEYPAD_VOLUME_DOWN] = "volume_down",
    [KEYPAD_VOLUME_UP] = "volume_up", [KEYPAD_RATE_DOWN] = "rate_down",
    [KEYPAD_RATE_UP] = "rate_up",     [KEYPAD_BLANK] = "blank",
};

static const char *const defaults[KEYPAD_ACTION_COUNT] = {
    [KEYPAD_ENTER] = "Return, Keypad Enter",
    [KEYPAD_CLEAR] = "Backspace",
    [KEYPAD_CANCEL] = "Escape",
    [KEYPAD_UP] = "Up",
    [KEYPAD_DOWN] = "Down",
    [KEYPAD_LEFT] = "Left",
    [KEYPAD_RIGHT] = "Right",
    [KEYPAD_TAB] = "Tab",
    [KEYPAD_HELP] = "F1",
    [KEYPAD_REPEAT] = "F5",
    [KEYPAD_STOP] = "F6",
    [KEYPAD_VOLUME_DOWN] = "F7",
    [KEYPAD_VOLUME_UP] = "F8",
    [KEYPAD_RATE_DOWN] = "F9",
    [KEYPAD_RATE_UP] = "F10",
    [KEYPAD_BLANK] = "F11",
};

void keypad_defaults(struct keypad_map *m)
{
	char err[128];

	memset(m, 0, sizeof(*m));
	for (int a = 0; a < KEYPAD_ACTION_COUNT; a++)
		keypad_set(m, names[a], defaults[a], err, sizeof(err));
}

const char *keypad_action_name(enum keypad_action a)
{
	return a >= 0 && a < KEYPAD_ACTION_COUNT ? names[a] : "none";
}

enum keypad_action keypad_action_by_name(const char *name)
{
	for (int a = 0; a < KEYPAD_ACTION_COUNT; a++)
		if (!strcmp(names[a], name))
			return (enum keypad_action)a;
	return KEYPAD_NONE;
}

enum keypad_action keypad_action_of(const struct keypad_map *m, SDL_Keycode key)
{
	for (int a = 0; a < KEYPAD_ACTION_COUNT; a++)
		for (int i = 0; i < m->count[a]; i++)
			if (m->keys[a][i] == key)
				return (enum keypad_action)a;
	return KEYPAD_NONE;
}

int keypad_get(const struct keypad_map *m, const char *action, char *out, size_t n)
{
	enum keypad_action a = keypad_action_by_name(action);
	size_t len = 0;

	if (n)
		out[0] = '\0';
	if (a == KEYPAD_NONE)
		return KIOSK_EINVAL;
	for (int i = 0; i < m->count[a] && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "",
					SDL_GetKeyName(m->keys[a][i]));
	return 0;
}

SDL_Keycode keypad_first_key(const struct keypad_map *m, enum keypad_action a)
{
	return a >= 0 && a < KEYPAD_ACTION_COUNT && m->count[a] ? m->keys[a][0] : SDLK_UNKNOWN;
}

/* One key name, trimmed, X11 style "KP_Enter" read as SDL's "Keypad Enter". */
static SDL_Keycode key_from_name(const char *start, size_t len)
{
	char name[64];

	while (len && isspace((unsigned char)*start))
		start++, len--;
	while (len && isspace((unsigned char)start[len - 1]))
		len--;
	if (len == 0 || len >= sizeof(name) - 8)
		return SDLK_UNKNOWN;
	if (len > 3 && !strncmp(start, "KP_", 3))
		snprintf(name, sizeof(name), "Keypad %.*s", (int)(len - 3), start + 3);
	else
		snprintf(name, sizeof(name), "%.*s", (int)len, start);
	return SDL_GetKeyFromName(name);
}

int keypad_set(struct keypad_map *m, const char *action, const char *keys, char *err, size_t errlen)
{
	enum keypad_action a = keypad_action_by_name(action);
	SDL_Keycode found[KEYPAD_MAX_KEYS];
	int n = 0;
	const char *p = keys;

	if (a == KEYPAD_NONE) {
		snprintf(err, errlen,
			 "keypad.%s: no such action (enter, clear, cancel, up, down, left, right, "
			 "tab, help, repeat, stop, volume_down, volume_up, rate_down, rate_up, "
			 "blank)",
			 action);
		return KIOSK_EINVAL;
	}
	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		SDL_Keycode k = key_from_name(p, len);
		if (k == SDLK_UNKNOWN) {
			snprintf(err, errlen,
				 "keypad.%s: '%.*s' is not an SDL key name (e.g. Return, KP_Enter, "
				 "Backspace, Escape, F1, Up)",
				 action, (int)len, p);
			return KIOSK_EINVAL;
		}
		if (n == KEYPAD_MAX_KEYS) {
			snprintf(err, errlen, "keypad.%s: at most %d keys", action,
				 KEYPAD_MAX_KEYS);
			return KIOSK_EINVAL;
		}
		enum keypad_action other = keypad_action_of(m, k);
		if (other != KEYPAD_NONE && other != a) {
			snprintf(err, errlen, "keypad.%s: %s is already the key for %s", action,
				 SDL_GetKeyName(k), names[other]);
			return KIOSK_EINVAL;
		}
		found[n++] = k;
		p = end ? end + 1 : p + len;
	}
	if (n == 0) {
		snprintf(err, errlen, "keypad.%s: needs at least one key", action);
		return KIOSK_EINVAL;
	}
	memcpy(m->keys[a], found, sizeof(found[0]) * (size_t)n);
	m->count[a] = n;
	return 0;
}
