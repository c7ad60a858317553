/* The staff PIN's persistent side, in sqlite (audit.sqlite, tables pin_guard and staff_pin):
 * wrong tries and the lock, which survive a restart and lengthen with each lockout (5 wrong
 * PINs: 5 minutes, then 30 minutes, then locked until the portal unlocks it), and the hash
 * IT set with `kioskctl set-pin` (it takes precedence over kiosk.conf's pin_hash).
 * Times are wall-clock milliseconds (unix epoch): a lock must outlast a restart.
 * Not thread-safe: one thread owns a handle; each handle has its own connection. */
#ifndef KIOSK_STAFF_PIN_H
#define KIOSK_STAFF_PIN_H

#include <stddef.h>
#include <stdint.h>

#define STAFF_PIN_TRIES 5	    /* wrong PINs in a row that lock service mode */
#define STAFF_PIN_FOREVER INT64_MAX /* a lock only the portal (or a new PIN) lifts */

struct staff_pin;

int staff_pin_open(const char *path, struct staff_pin **out);
void staff_pin_close(struct staff_pin *g);

/* 0 when a PIN may be tried at now_ms; KIOSK_EBUSY while locked, *left_ms the time left
 * (STAFF_PIN_FOREVER: until unlocked). */
int staff_pin_may_try(struct staff_pin *g, int64_t now_ms, int64_t *left_ms);

/* After a wrong PIN. */
struct staff_pin_verdict {
	int tries_left;	 /* before the next lock; 0 when this PIN locked it */
	int64_t lock_ms; /* tries_left 0: the lock it started; else the lock that comes next
			  * (STAFF_PIN_FOREVER: until unlocked) */
	int lockouts;	 /* lockouts in a row, this one included */
};
int staff_pin_wrong(struct staff_pin *g, int64_t now_ms, struct staff_pin_verdict *v);

/* After the right PIN: tries and lockouts start again. */
int staff_pin_right(struct staff_pin *g);

/* The portal's (or a new PIN's) unlock: no lock, no tries counted, no lockouts. */
int staff_pin_unlock(struct staff_pin *g);

/* The hash kioskctl set-pin stored: 0, or KIOSK_ENOTFOUND when none. */
int staff_pin_stored_hash(struct staff_pin *g, char *out, size_t n);
int staff_pin_store_hash(struct staff_pin *g, const char *hash, int64_t now_ms);

#endif
