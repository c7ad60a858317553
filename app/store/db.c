/* The shared opener of the kiosk's small sqlite stores (audit, staff PIN, cash box, outbox). */
#include "app/store/db.h"

#include <stddef.h>

#include "app/common/err.h"
#include "app/common/fsutil.h"
#include "app/common/log.h"

#define BUSY_TIMEOUT_MS 5000

int store_db_open(const char *path, const char *schema, const char *who, sqlite3 **db)
{
	sqlite3 *h = NULL;
	char *msg = NULL;
	int rc = KIOSK_ESTORE;

	*db = NULL;
	/* No directory is never one of ours: an empty name would open a private temporary file
	 * that keeps nothing, and a bare name a file in whatever the working directory is. */
	if (!fs_store_path_ok(path))
		return KIOSK_EINVAL;
	if (sqlite3_open_v2(path, &h,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		if (!h) {
			rc = KIOSK_ENOMEM;
			goto out;
		}
		log_error(who, "cannot open %s: %s", path, sqlite3_errmsg(h));
		goto out;
	}
	sqlite3_busy_timeout(h, BUSY_TIMEOUT_MS);
	if (sqlite3_exec(h, schema, NULL, NULL, &msg) != SQLITE_OK) {
		log_error(who, "cannot set up %s: %s", path, msg ? msg : sqlite3_errmsg(h));
		goto out;
	}
	*db = h;
	h = NULL;
	rc = 0;
out:
	sqlite3_free(msg);
	sqlite3_close(h);
	return rc;
}
