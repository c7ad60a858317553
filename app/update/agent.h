/* The update agent's operations on one root directory:
 *
 *   <root>/slot-a, <root>/slot-b   the two installed copies of the application
 *   <root>/current -> slot-a        what runs; switched by an atomic rename of the symlink
 *   <root>/state/update.json        the persisted state (state.h)
 *   <root>/state/session-active     written by the kiosk while a resident is in a session:
 *                                   the agent does not switch while it exists
 *   <root>/state/healthy            written by the kiosk once it reached the welcome screen
 *                                   with its devices probed and the portal answering
 *   <root>/downloads/               partial and complete downloads (resumable)
 *
 * An operation that changes the slots or the state takes <root>/state/lock for as long as it
 * changes them (an install holds it while it extracts; a switch, boot, confirm or rollback
 * for a moment), reloads the state under it, and lets it go. Nothing holds it while it
 * waits: the poller sleeping or downloading, confirm waiting for the health mark. So
 * kiosk.service's boot and confirm never fail because the poller is running; at worst they
 * wait for an install to finish. */
#ifndef KIOSK_UPDATE_AGENT_H
#define KIOSK_UPDATE_AGENT_H

#include <stddef.h>

#include "app/update/state.h"

#define AGENT_SESSION_FLAG "session-active"
#define AGENT_HEALTH_MARK "healthy"

struct update_agent {
	char root[1024];
	char pubkey[1024];
	char state_path[1100];
	char marks[1100]; /* where the kiosk leaves its flags: <root>/state unless told */
	int lock_fd;
	int lock_depth; /* nested agent_lock() calls; the lock goes at 0 */
	int lock_wait_s; /* how long agent_lock waits for another operation (default 600) */
	struct update_state st;
};

enum boot_outcome {
	BOOT_NORMAL,	  /* nothing on trial */
	BOOT_TRYING,	  /* the trial slot starts again (st.boot_attempts counts it) */
	BOOT_CONFIRMED,	  /* the trial slot had reported healthy: now good */
	BOOT_ROLLED_BACK, /* the trial slot never confirmed: the previous slot is back */
};

/* Opens (and on first use creates) the layout under root, loads the state and, under the lock,
 * repairs what an interrupted operation left (a stale staging dir, a symlink behind the
 * state). Holds no lock when it returns. pubkey may be NULL for commands that install
 * nothing. */
int agent_open(const char *root, const char *pubkey, struct update_agent *ag, char *err,
	       size_t errlen);

/* Reads the kiosk's session flag and health mark from dir instead of <root>/state (on a
 * device: /run/kiosk, which the kiosk user may write and the agent's state is not in). */
void agent_set_marks(struct update_agent *ag, const char *dir);
void agent_close(struct update_agent *ag);

/* Verifies and installs a bundle into the inactive slot. The active slot is never written.
 * A bundle older than the running version is refused (KIOSK_EINVAL, err says so) unless its
 * signed manifest allows the downgrade. */
int agent_install(struct update_agent *ag, const char *bundle, char *err, size_t errlen);

/* Switches `current` to the installed inactive slot and puts it on trial. KIOSK_EBUSY while
 * a session is active; KIOSK_ENOTFOUND when nothing is installed to switch to. */
int agent_switch(struct update_agent *ag, char *err, size_t errlen);

/* Called before every start of the kiosk: counts the trial's starts and rolls back when
 * max_attempts starts went by unconfirmed. */
int agent_boot(struct update_agent *ag, enum boot_outcome *out, char *err, size_t errlen);

/* Confirms the trial slot (or does nothing when none is on trial). */
int agent_mark_good(struct update_agent *ag, char *err, size_t errlen);

/* Waits up to timeout_s for the kiosk's health mark, then confirms; KIOSK_ETIMEDOUT if none. */
int agent_confirm(struct update_agent *ag, int timeout_s, char *err, size_t errlen);

/* Goes back to the other slot when it is good; the slot left is marked bad. */
int agent_rollback(struct update_agent *ag, char *err, size_t errlen);

int agent_session_active(const struct update_agent *ag);

/* Takes the lock (waiting up to ag->lock_wait_s for an operation in progress; KIOSK_EBUSY
 * after that) and reloads ag->st from disk, so what another process changed is seen. Nests:
 * only the outermost agent_unlock() lets it go. */
int agent_lock(struct update_agent *ag, char *err, size_t errlen);
void agent_unlock(struct update_agent *ag);

/* Reloads ag->st from disk without the lock (the file is replaced atomically). */
int agent_refresh(struct update_agent *ag);

/* Persists ag->st; the caller holds the lock (the DDI client's bookkeeping). */
int agent_save(struct update_agent *ag);

/* Takes the lock, lets fn change the reloaded state, saves it, lets the lock go. */
int agent_update(struct update_agent *ag, void (*fn)(struct update_state *st, void *ctx),
		 void *ctx, char *err, size_t errlen);

/* Empties the inactive slot when it holds an installed version nobody will switch to (a
 * cancelled action): its files go, its state becomes empty. */
int agent_discard_installed(struct update_agent *ag, char *err, size_t errlen);

/* The version the active slot runs. */
const char *agent_running_version(const struct update_agent *ag);

/* The status as JSON (malloc'd): slots, versions, active, trial, current link. */
char *agent_status_json(const struct update_agent *ag);

#endif
