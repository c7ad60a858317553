/* Remote configuration: the settings the city's portal may change on a kiosk, checked key by
 * key against the settings table (app/config.h: CONFIG_PORTAL, portal_min) before anything is
 * used.
 *
 * A document from GET /api/kiosk/v1/config/{version}:
 *   {"version": 3, "settings": {"ui.idle_timeout_s": 45, "kiosk.out_of_service_message": "..."}}
 * Numbers for whole-number keys, strings for text keys; an unknown key, a wrong type or a value
 * out of bounds refuses the whole document (a half-applied configuration is worse than none).
 *
 * The last good document is kept as <data_dir>/remote-config.json (written atomically) and
 * read at start. Precedence: built-in defaults < kiosk.conf < remote < command line. */
#ifndef KIOSK_FLEET_RCONF_H
#define KIOSK_FLEET_RCONF_H

#include <stddef.h>

#include "app/config.h"
#include "app/core/core.h"

#define RCONF_FILE "remote-config.json"

/* Reads a document over a copy of base into out (base is never changed). Returns 0 with
 * *version set, or KIOSK_EINVAL with err naming the first bad key. */
int rconf_parse(const char *json, size_t len, const struct kiosk_config *base,
		struct kiosk_config *out, long *version, char *err, size_t errlen);

/* Keeps the document as the last good one: a temporary file, fsync, rename, fsync of the
 * directory, so a power cut leaves either the old or the new file. Blocks on the disk: never
 * on the UI thread. */
int rconf_save(const char *data_dir, const char *json, size_t len);

/* Reads the last good document from data_dir over cfg. KIOSK_ENOTFOUND when there is none;
 * KIOSK_EINVAL (err says why, cfg untouched) when it no longer passes the checks. */
int rconf_load(const char *data_dir, struct kiosk_config *cfg, long *version, char *err,
	       size_t errlen);

/* Sets the core's share of the configuration (timeouts, languages, fee, maximum payment) in
 * out, leaving its other fields as they are. */
void rconf_core_config(const struct kiosk_config *cfg, struct core_config *out);

#endif
