/* The updater's persisted state: two slots, which one runs, which one is on trial, and how
 * many times the trial has started. Stored as <root>/state/update.json, written atomically. */
#ifndef KIOSK_UPDATE_STATE_H
#define KIOSK_UPDATE_STATE_H

#include <stddef.h>
#include <stdint.h>

/* What a slot holds. Named in the file ("good", "trying", ...) so a person can read it. */
enum slot_state {
	SLOT_EMPTY,	 /* nothing installed */
	SLOT_INSTALLING, /* an install began and has not finished; contents are not trusted */
	SLOT_INSTALLED,	 /* verified and complete, waiting to be switched to */
	SLOT_TRYING,	 /* switched to, not yet confirmed healthy */
	SLOT_GOOD,	 /* confirmed healthy */
	SLOT_BAD,	 /* did not confirm and was rolled back, or was rolled back by hand */
};

#define UPDATE_SLOTS 2
#define UPDATE_MAX_ATTEMPTS 3

struct slot_info {
	enum slot_state state;
	char version[64];
};

/* The hawkBit action the agent is working on, so it can report the outcome later. */
enum ddi_phase {
	DDI_IDLE,	 /* no action in hand */
	DDI_DOWNLOADING, /* the bundle is (partly) in downloads/: resumable */
	DDI_DOWNLOADED,	 /* complete and checked: waiting for the server and the quiet hours */
	DDI_INSTALLED,	 /* installed: waiting to switch, then for health, then feedback */
};

struct update_state {
	struct slot_info slots[UPDATE_SLOTS]; /* 0 is slot-a, 1 is slot-b */
	int active;			      /* the slot `current` points at */
	int previous;			      /* where a rollback returns to */
	int trying;			      /* the slot on trial, or -1 */
	int boot_attempts;		      /* starts of the trial slot so far */
	int max_attempts;
	int64_t switched_at; /* unix seconds */
	enum ddi_phase ddi_phase;
	char ddi_action[64];
	int ddi_slot;	   /* the slot the action installed into */
	char ddi_note[160]; /* the last "waiting" said to the server, so it is said once */
	char ddi_denied[64]; /* the action last left for staff to confirm (said once) */
};

const char *ddi_phase_name(enum ddi_phase p);

const char *slot_state_name(enum slot_state s);
char slot_letter(int slot);

/* A new device: slot A active and good with version "factory", slot B empty. */
void state_defaults(struct update_state *st);

/* Reads path; KIOSK_ENOTFOUND when there is none yet (st gets defaults), KIOSK_EINVAL when
 * it is damaged. */
int state_load(const char *path, struct update_state *st);

/* Writes path atomically (temp file, fsync, rename). */
int state_save(const char *path, const struct update_state *st);

/* The state as a JSON text (malloc'd); extra is appended as "current" info. */
char *state_to_json(const struct update_state *st, int indent);

#endif
