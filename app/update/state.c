/* update.json: the updater's persisted state, read and written whole. */
#include "app/update/state.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/fsutil.h"

static const char *const state_names[] = {
    [SLOT_EMPTY] = "empty",	    [SLOT_INSTALLING] = "installing",
    [SLOT_INSTALLED] = "installed", [SLOT_TRYING] = "trying",
    [SLOT_GOOD] = "good",	    [SLOT_BAD] = "bad",
};

static const char *const phase_names[] = {[DDI_IDLE] = "idle",
					   [DDI_DOWNLOADING] = "downloading",
					   [DDI_DOWNLOADED] = "downloaded",
					   [DDI_INSTALLED] = "installed"};

const char *ddi_phase_name(enum ddi_phase p)
{
	return (unsigned)p < sizeof(phase_names) / sizeof(phase_names[0]) ? phase_names[p] : "?";
}

const char *slot_state_name(enum slot_state s)
{
	return (unsigned)s < sizeof(state_names) / sizeof(state_names[0]) ? state_names[s] : "?";
}

char slot_letter(int slot)
{
	return slot == 1 ? 'b' : 'a';
}

static int slot_of(const char *s)
{
	if (s && !strcmp(s, "a"))
		return 0;
	if (s && !strcmp(s, "b"))
		return 1;
	return -1;
}

void state_defaults(struct update_state *st)
{
	memset(st, 0, sizeof(*st));
	st->slots[0].state = SLOT_GOOD;
	snprintf(st->slots[0].version, sizeof(st->slots[0].version), "factory");
	st->slots[1].state = SLOT_EMPTY;
	st->active = 0;
	st->previous = 0;
	st->trying = -1;
	st->max_attempts = UPDATE_MAX_ATTEMPTS;
}

char *state_to_json(const struct update_state *st, int indent)
{
	json_t *root = json_object(), *slots = json_object();
	char *text;

	for (int i = 0; i < UPDATE_SLOTS; i++) {
		char key[2] = {slot_letter(i), '\0'};
		json_object_set_new(slots, key,
				    json_pack("{s:s, s:s}", "state",
					      slot_state_name(st->slots[i].state), "version",
					      st->slots[i].version));
	}
	json_object_set_new(root, "format", json_integer(1));
	json_object_set_new(root, "slots", slots);
	json_object_set_new(root, "active", json_sprintf("%c", slot_letter(st->active)));
	json_object_set_new(root, "previous", json_sprintf("%c", slot_letter(st->previous)));
	json_object_set_new(root, "trying",
			    st->trying < 0 ? json_null()
					   : json_sprintf("%c", slot_letter(st->trying)));
	json_object_set_new(root, "boot_attempts", json_integer(st->boot_attempts));
	json_object_set_new(root, "max_attempts", json_integer(st->max_attempts));
	json_object_set_new(root, "switched_at", json_integer(st->switched_at));
	json_object_set_new(root, "ddi",
			    json_pack("{s:s, s:s, s:s#, s:s}", "phase", ddi_phase_name(st->ddi_phase),
				      "action", st->ddi_action, "slot",
				      st->ddi_slot == 1 ? "b" : "a", (int)1, "note", st->ddi_note));
	json_object_set_new(json_object_get(root, "ddi"), "denied", json_string(st->ddi_denied));
	text = json_dumps(root, JSON_INDENT(indent) | JSON_PRESERVE_ORDER);
	json_decref(root);
	return text;
}

int state_save(const char *path, const struct update_state *st)
{
	char *text = state_to_json(st, 2);
	int rc;

	if (!text)
		return KIOSK_ENOMEM;
	rc = fs_write_atomic(path, text, strlen(text), 0644);
	free(text);
	return rc;
}

static int state_of(const char *name)
{
	for (size_t i = 0; i < sizeof(state_names) / sizeof(state_names[0]); i++)
		if (name && !strcmp(name, state_names[i]))
			return (int)i;
	return -1;
}

int state_load(const char *path, struct update_state *st)
{
	json_t *root, *slots, *ddi;
	char *text = NULL;
	int rc;

	state_defaults(st);
	rc = fs_read_file(path, 65536, &text, NULL);
	if (rc)
		return rc;
	root = json_loads(text, 0, NULL);
	free(text);
	if (!root)
		return KIOSK_EINVAL;
	rc = KIOSK_EINVAL;
	slots = json_object_get(root, "slots");
	for (int i = 0; i < UPDATE_SLOTS; i++) {
		char key[2] = {slot_letter(i), '\0'};
		json_t *s = json_object_get(slots, key);
		const char *v = json_string_value(json_object_get(s, "version"));
		int state = state_of(json_string_value(json_object_get(s, "state")));
		if (state < 0 || !v)
			goto out;
		st->slots[i].state = (enum slot_state)state;
		snprintf(st->slots[i].version, sizeof(st->slots[i].version), "%s", v);
	}
	st->active = slot_of(json_string_value(json_object_get(root, "active")));
	st->previous = slot_of(json_string_value(json_object_get(root, "previous")));
	st->trying = slot_of(json_string_value(json_object_get(root, "trying")));
	if (st->active < 0 || st->previous < 0)
		goto out;
	st->boot_attempts = (int)json_integer_value(json_object_get(root, "boot_attempts"));
	st->max_attempts = (int)json_integer_value(json_object_get(root, "max_attempts"));
	if (st->max_attempts <= 0)
		st->max_attempts = UPDATE_MAX_ATTEMPTS;
	st->switched_at = json_integer_value(json_object_get(root, "switched_at"));
	ddi = json_object_get(root, "ddi");
	if (json_is_object(ddi)) {
		const char *phase = json_string_value(json_object_get(ddi, "phase"));
		const char *action = json_string_value(json_object_get(ddi, "action"));
		const char *note = json_string_value(json_object_get(ddi, "note"));
		st->ddi_phase = DDI_IDLE;
		for (int p = DDI_IDLE; p <= DDI_INSTALLED; p++)
			if (phase && !strcmp(phase, phase_names[p]))
				st->ddi_phase = (enum ddi_phase)p;
		snprintf(st->ddi_action, sizeof(st->ddi_action), "%s", action ? action : "");
		snprintf(st->ddi_note, sizeof(st->ddi_note), "%s", note ? note : "");
		note = json_string_value(json_object_get(ddi, "denied"));
		snprintf(st->ddi_denied, sizeof(st->ddi_denied), "%s", note ? note : "");
		st->ddi_slot = slot_of(json_string_value(json_object_get(ddi, "slot"))) == 1;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}
