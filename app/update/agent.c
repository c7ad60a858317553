/* The A/B slot agent: install into the inactive slot, switch when no resident is in a
 * session, count trial starts, confirm or roll back. State changes are saved before the
 * symlink moves, and agent_open() brings the link back in line after a crash in between. */
#include "app/update/agent.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/update/bundle.h"
#include "app/common/fsutil.h"

static void path_in(const struct update_agent *ag, char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", ag->root, name);
}

static void slot_path(const struct update_agent *ag, char *buf, size_t n, int slot,
		      const char *suffix)
{
	snprintf(buf, n, "%s/slot-%c%s", ag->root, slot_letter(slot), suffix);
}

int agent_save(struct update_agent *ag)
{
	return state_save(ag->state_path, &ag->st);
}

/* Points `current` at the active slot unless it already does. */
static int sync_link(struct update_agent *ag)
{
	char link[1100], want[16], have[64];
	ssize_t n;

	path_in(ag, link, sizeof(link), "current");
	snprintf(want, sizeof(want), "slot-%c", slot_letter(ag->st.active));
	n = readlink(link, have, sizeof(have) - 1);
	if (n >= 0) {
		have[n] = '\0';
		if (!strcmp(have, want))
			return 0;
	}
	return fs_replace_symlink(want, link);
}

#define AGENT_LOCK_WAIT_S 600

int agent_refresh(struct update_agent *ag)
{
	int rc = state_load(ag->state_path, &ag->st);

	return rc == KIOSK_ENOTFOUND ? 0 : rc;
}

int agent_lock(struct update_agent *ag, char *err, size_t errlen)
{
	struct timespec tenth = {0, 100 * 1000 * 1000};
	char path[2200];
	int rc;

	if (ag->lock_depth > 0) {
		ag->lock_depth++;
		return 0;
	}
	if (ag->lock_fd < 0) {
		path_in(ag, path, sizeof(path), "state/lock");
		ag->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		if (ag->lock_fd < 0) {
			snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
			return KIOSK_EIO;
		}
	}
	/* Another operation holds it only while it changes the slots (an install at most a
	 * few minutes): wait for it rather than fail. */
	for (int waited = 0; flock(ag->lock_fd, LOCK_EX | LOCK_NB) != 0; waited++) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			snprintf(err, errlen, "cannot lock %s: %s", ag->root, strerror(errno));
			return KIOSK_EIO;
		}
		if (waited >= ag->lock_wait_s * 10) {
			snprintf(err, errlen, "another kiosk-update kept %s busy for %d s", ag->root,
				 ag->lock_wait_s);
			return KIOSK_EBUSY;
		}
		nanosleep(&tenth, NULL);
	}
	ag->lock_depth = 1;
	rc = state_load(ag->state_path, &ag->st);
	if (rc == KIOSK_ENOTFOUND)
		rc = agent_save(ag);
	if (rc) {
		snprintf(err, errlen, "%s is damaged or cannot be written", ag->state_path);
		agent_unlock(ag);
	}
	return rc;
}

void agent_unlock(struct update_agent *ag)
{
	if (ag->lock_depth > 0 && --ag->lock_depth == 0 && ag->lock_fd >= 0)
		flock(ag->lock_fd, LOCK_UN);
}

int agent_update(struct update_agent *ag, void (*fn)(struct update_state *st, void *ctx),
		 void *ctx, char *err, size_t errlen)
{
	int rc = agent_lock(ag, err, errlen);

	if (rc)
		return rc;
	fn(&ag->st, ctx);
	rc = agent_save(ag);
	if (rc)
		snprintf(err, errlen, "cannot write %s", ag->state_path);
	agent_unlock(ag);
	return rc;
}

int agent_open(const char *root, const char *pubkey, struct update_agent *ag, char *err,
	       size_t errlen)
{
	char path[2200];
	int rc;

	memset(ag, 0, sizeof(*ag));
	ag->lock_fd = -1;
	ag->lock_wait_s = AGENT_LOCK_WAIT_S;
	snprintf(ag->root, sizeof(ag->root), "%s", root);
	snprintf(ag->pubkey, sizeof(ag->pubkey), "%s", pubkey ? pubkey : "");
	snprintf(ag->state_path, sizeof(ag->state_path), "%s/state/update.json", root);
	snprintf(ag->marks, sizeof(ag->marks), "%s/state", root);
	path_in(ag, path, sizeof(path), "state");
	if (fs_mkdirs(path)) {
		snprintf(err, errlen, "cannot create %s", path);
		return KIOSK_EIO;
	}
	rc = agent_lock(ag, err, errlen);
	if (rc)
		goto fail;
	for (int i = 0; i < UPDATE_SLOTS; i++) {
		/* Leftovers of an interrupted install (the lock says none is running now): never
		 * the active slot itself. */
		slot_path(ag, path, sizeof(path), i, ".new");
		fs_remove_tree(path);
		slot_path(ag, path, sizeof(path), i, ".old");
		fs_remove_tree(path);
		slot_path(ag, path, sizeof(path), i, "");
		if (fs_mkdirs(path)) {
			snprintf(err, errlen, "cannot create %s", path);
			rc = KIOSK_EIO;
			goto fail;
		}
	}
	path_in(ag, path, sizeof(path), "downloads");
	if (fs_mkdirs(path) || sync_link(ag)) {
		snprintf(err, errlen, "cannot set up %s", root);
		rc = KIOSK_EIO;
		goto fail;
	}
	agent_unlock(ag);
	return 0;
fail:
	agent_close(ag);
	return rc;
}

void agent_close(struct update_agent *ag)
{
	if (ag->lock_fd >= 0)
		close(ag->lock_fd);
	ag->lock_fd = -1;
	ag->lock_depth = 0;
}

const char *agent_running_version(const struct update_agent *ag)
{
	return ag->st.slots[ag->st.active].version;
}

int agent_session_active(const struct update_agent *ag)
{
	char path[2200];

	snprintf(path, sizeof(path), "%s/%s", ag->marks, AGENT_SESSION_FLAG);
	return fs_exists(path);
}

static int health_marked(const struct update_agent *ag)
{
	char path[2200];

	snprintf(path, sizeof(path), "%s/%s", ag->marks, AGENT_HEALTH_MARK);
	return fs_exists(path);
}

static void clear_health(const struct update_agent *ag)
{
	char path[2200];

	snprintf(path, sizeof(path), "%s/%s", ag->marks, AGENT_HEALTH_MARK);
	unlink(path);
}

static int install_locked(struct update_agent *ag, const char *bundle, char *err, size_t errlen)
{
	struct update_state *st = &ag->st;
	int target = 1 - st->active;
	struct slot_info before = st->slots[target];
	char staging[1100], slot[1100], old[1100], version[BUNDLE_MAX_VERSION];
	int rc;

	if (st->trying >= 0) {
		snprintf(err, errlen,
			 "slot %c (%s) is still on trial; confirm it (mark-good) or roll back "
			 "first",
			 slot_letter(st->trying), st->slots[st->trying].version);
		return KIOSK_EBUSY;
	}
	slot_path(ag, staging, sizeof(staging), target, ".new");
	slot_path(ag, slot, sizeof(slot), target, "");
	slot_path(ag, old, sizeof(old), target, ".old");
	st->slots[target].state = SLOT_INSTALLING;
	if (agent_save(ag)) {
		snprintf(err, errlen, "cannot write %s", ag->state_path);
		return KIOSK_EIO;
	}
	/* Extract next to the slot, not into it: the slot changes only by renames, after every
	 * file verified. */
	fs_remove_tree(staging);
	if (fs_mkdirs(staging)) {
		snprintf(err, errlen, "cannot create %s", staging);
		rc = KIOSK_EIO;
		goto fail;
	}
	rc = bundle_extract(bundle, ag->pubkey, agent_running_version(ag), staging, version,
			    sizeof(version), err, errlen);
	if (rc)
		goto fail;
	fs_remove_tree(old);
	if (rename(slot, old) != 0 || rename(staging, slot) != 0 || fs_sync_dir(ag->root)) {
		snprintf(err, errlen, "cannot move the new version into %s: %s", slot,
			 strerror(errno));
		rc = KIOSK_EIO;
		fs_mkdirs(slot);
		goto save;
	}
	fs_remove_tree(old);
	st->slots[target].state = SLOT_INSTALLED;
	snprintf(st->slots[target].version, sizeof(st->slots[target].version), "%s", version);
	log_info("update", "version %s installed in slot %c", version, slot_letter(target));
	goto save;
fail:
	fs_remove_tree(staging);
	/* The slot directory was never touched: it holds what it held before. */
	st->slots[target] = before;
save:
	if (agent_save(ag) && rc == 0) {
		snprintf(err, errlen, "cannot write %s", ag->state_path);
		rc = KIOSK_EIO;
	}
	return rc;
}

int agent_install(struct update_agent *ag, const char *bundle, char *err, size_t errlen)
{
	int rc;

	if (!ag->pubkey[0]) {
		snprintf(err, errlen, "no public key given (--pubkey)");
		return KIOSK_EINVAL;
	}
	rc = agent_lock(ag, err, errlen);
	if (rc)
		return rc;
	rc = install_locked(ag, bundle, err, errlen);
	agent_unlock(ag);
	return rc;
}

int agent_discard_installed(struct update_agent *ag, char *err, size_t errlen)
{
	struct update_state *st;
	char slot[1100];
	int rc = agent_lock(ag, err, errlen), target;

	if (rc)
		return rc;
	st = &ag->st;
	target = 1 - st->active;
	if (st->slots[target].state == SLOT_INSTALLED) {
		slot_path(ag, slot, sizeof(slot), target, "");
		/* State first: an interrupted removal leaves an "empty" slot with some files,
		 * which the next install replaces whole. */
		st->slots[target].state = SLOT_EMPTY;
		st->slots[target].version[0] = '\0';
		rc = agent_save(ag);
		if (rc == 0 && (fs_remove_tree(slot) || fs_mkdirs(slot)))
			rc = KIOSK_EIO;
		if (rc)
			snprintf(err, errlen, "cannot empty slot %c", slot_letter(target));
	}
	agent_unlock(ag);
	return rc;
}

static int switch_locked(struct update_agent *ag, char *err, size_t errlen)
{
	struct update_state *st = &ag->st;
	int target = 1 - st->active;

	if (st->slots[target].state != SLOT_INSTALLED) {
		snprintf(err, errlen, "slot %c holds no installed update to switch to",
			 slot_letter(target));
		return KIOSK_ENOTFOUND;
	}
	if (agent_session_active(ag)) {
		snprintf(err, errlen, "a resident is in a session; switching later");
		return KIOSK_EBUSY;
	}
	st->previous = st->active;
	st->active = target;
	st->trying = target;
	st->boot_attempts = 0;
	st->switched_at = (int64_t)time(NULL);
	st->slots[target].state = SLOT_TRYING;
	clear_health(ag);
	if (agent_save(ag) || sync_link(ag)) {
		snprintf(err, errlen, "cannot switch to slot %c", slot_letter(target));
		return KIOSK_EIO;
	}
	log_info("update", "switched to slot %c (%s), on trial", slot_letter(target),
		 st->slots[target].version);
	return 0;
}

int agent_switch(struct update_agent *ag, char *err, size_t errlen)
{
	int rc = agent_lock(ag, err, errlen);

	if (rc)
		return rc;
	rc = switch_locked(ag, err, errlen);
	agent_unlock(ag);
	return rc;
}

static int go_back(struct update_agent *ag, int from, char *err, size_t errlen)
{
	struct update_state *st = &ag->st;
	int to = st->previous != from ? st->previous : 1 - from;

	if (st->slots[to].state != SLOT_GOOD) {
		snprintf(err, errlen, "slot %c is %s; there is nothing good to go back to",
			 slot_letter(to), slot_state_name(st->slots[to].state));
		return KIOSK_ENOTFOUND;
	}
	st->slots[from].state = SLOT_BAD;
	st->active = to;
	st->previous = to;
	st->trying = -1;
	st->boot_attempts = 0;
	if (agent_save(ag) || sync_link(ag)) {
		snprintf(err, errlen, "cannot roll back to slot %c", slot_letter(to));
		return KIOSK_EIO;
	}
	log_warn("update", "rolled back from slot %c (%s) to slot %c (%s)", slot_letter(from),
		 st->slots[from].version, slot_letter(to), st->slots[to].version);
	return 0;
}

static int mark_good_locked(struct update_agent *ag, char *err, size_t errlen)
{
	struct update_state *st = &ag->st;

	if (st->trying < 0)
		return 0;
	st->slots[st->trying].state = SLOT_GOOD;
	log_info("update", "slot %c (%s) confirmed healthy", slot_letter(st->trying),
		 st->slots[st->trying].version);
	st->trying = -1;
	st->boot_attempts = 0;
	if (agent_save(ag)) {
		snprintf(err, errlen, "cannot write %s", ag->state_path);
		return KIOSK_EIO;
	}
	return 0;
}

int agent_mark_good(struct update_agent *ag, char *err, size_t errlen)
{
	int rc = agent_lock(ag, err, errlen);

	if (rc)
		return rc;
	rc = mark_good_locked(ag, err, errlen);
	agent_unlock(ag);
	return rc;
}

static int boot_locked(struct update_agent *ag, enum boot_outcome *out, char *err, size_t errlen)
{
	struct update_state *st = &ag->st;
	int rc;

	*out = BOOT_NORMAL;
	if (st->trying < 0)
		return 0;
	if (st->boot_attempts > 0 && health_marked(ag)) {
		/* The last start reported healthy but nobody confirmed it (the confirm step
		 * was cut short): that is a good slot. */
		*out = BOOT_CONFIRMED;
		return mark_good_locked(ag, err, errlen);
	}
	/* Before the first start of the trial a mark can only come from the old version
	 * (written late, after the switch); later ones are stale. Each start earns its own. */
	clear_health(ag);
	if (st->boot_attempts >= st->max_attempts) {
		rc = go_back(ag, st->trying, err, errlen);
		if (rc == 0)
			*out = BOOT_ROLLED_BACK;
		return rc;
	}
	st->boot_attempts++;
	*out = BOOT_TRYING;
	if (agent_save(ag)) {
		snprintf(err, errlen, "cannot write %s", ag->state_path);
		return KIOSK_EIO;
	}
	return 0;
}

int agent_boot(struct update_agent *ag, enum boot_outcome *out, char *err, size_t errlen)
{
	int rc = agent_lock(ag, err, errlen);

	*out = BOOT_NORMAL;
	if (rc)
		return rc;
	rc = boot_locked(ag, out, err, errlen);
	agent_unlock(ag);
	return rc;
}

int agent_confirm(struct update_agent *ag, int timeout_s, char *err, size_t errlen)
{
	struct timespec half = {0, 500 * 1000 * 1000};

	/* Waits without the lock: the poller may work meanwhile; mark-good takes it. */
	if (agent_refresh(ag) == 0 && ag->st.trying < 0)
		return 0;
	for (int waited = 0; waited <= timeout_s * 2; waited++) {
		if (health_marked(ag))
			return agent_mark_good(ag, err, errlen);
		nanosleep(&half, NULL);
	}
	snprintf(err, errlen, "slot %c (%s) did not report healthy within %d s",
		 slot_letter(ag->st.trying), ag->st.slots[ag->st.trying].version, timeout_s);
	return KIOSK_ETIMEDOUT;
}

int agent_rollback(struct update_agent *ag, char *err, size_t errlen)
{
	int rc = agent_lock(ag, err, errlen);

	if (rc)
		return rc;
	rc = go_back(ag, ag->st.active, err, errlen);
	agent_unlock(ag);
	return rc;
}

char *agent_status_json(const struct update_agent *ag)
{
	char *text = state_to_json(&ag->st, 0), link[1100], target[64];
	json_t *root = text ? json_loads(text, 0, NULL) : NULL;
	ssize_t n;

	free(text);
	if (!root)
		return NULL;
	path_in(ag, link, sizeof(link), "current");
	n = readlink(link, target, sizeof(target) - 1);
	target[n < 0 ? 0 : n] = '\0';
	json_object_set_new(root, "current", json_string(target));
	json_object_set_new(root, "session_active", json_boolean(agent_session_active(ag)));
	json_object_set_new(root, "health_marked", json_boolean(health_marked(ag)));
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	return text;
}

void agent_set_marks(struct update_agent *ag, const char *dir)
{
	snprintf(ag->marks, sizeof(ag->marks), "%s", dir);
}
