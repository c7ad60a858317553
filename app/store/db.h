/* Opening one of the kiosk's small sqlite stores: the same flags, busy wait and schema set-up
 * for each, and one place that says what went wrong with which file. */
#ifndef KIOSK_STORE_DB_H
#define KIOSK_STORE_DB_H

#include <sqlite3.h>

/* Opens (creating if needed) the database at path for one owning thread (NOMUTEX), waits up to
 * five seconds on another process's lock, and runs schema (its PRAGMAs and CREATE ... IF NOT
 * EXISTS statements). A path with no directory is refused (KIOSK_EINVAL). who names the store in
 * the log. On success *db is the open handle; on failure *db is NULL, the reason is logged, and the
 * result is KIOSK_ENOMEM or KIOSK_ESTORE. */
int store_db_open(const char *path, const char *schema, const char *who, sqlite3 **db);

#endif
