/* The residents' sqlite store for portal-sim: one connection, one mutex, and two helpers that
 * bind arguments by a type string ("t" text, "i" int64, "b" blob + length, "n" null). */
#ifndef PORTAL_SIM_RSTORE_H
#define PORTAL_SIM_RSTORE_H

#include <sqlite3.h>
#include <stdint.h>

struct rstore;

int rstore_open(const char *path, struct rstore **out);
void rstore_close(struct rstore *rs);
/* Runs sql once; 0 or KIOSK_ESTORE (KIOSK_EBUSY on a constraint). */
int rstore_exec(struct rstore *rs, const char *sql, const char *types, ...);
/* Calls row(ctx, stmt) for each row; returns the number of rows, or KIOSK_ESTORE. */
int rstore_query(struct rstore *rs, const char *sql, void (*row)(void *ctx, sqlite3_stmt *st),
		 void *ctx, const char *types, ...);
/* Holds the store for several statements that must not interleave with other requests. */
void rstore_lock(struct rstore *rs);
void rstore_unlock(struct rstore *rs);

#endif
