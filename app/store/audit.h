/* Staff records in sqlite: the audit log (every staff action, with an event id the portal
 * deduplicates on) and the day closes (end-of-day totals). One file, audit.sqlite. */
#ifndef KIOSK_AUDIT_H
#define KIOSK_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#define AUDIT_ID_LEN 33 /* 32 hex digits and the NUL */

/* One closed (or, before audit_close_day, open) day's totals. */
struct audit_day {
	int64_t since;	   /* unix seconds: the previous close, 0 for never */
	int64_t closed_at; /* unix seconds */
	int approved_count, declined_count, in_doubt_count;
	int64_t approved_cents, declined_cents, in_doubt_cents;
};

/* Not thread-safe: one thread (the worker) owns it. */
struct audit;

int audit_open(const char *path, struct audit **out);
void audit_close(struct audit *a);

/* Records a staff action: source ("screen", "kioskctl"), action ("test_print"), detail (free
 * text, no card data). id_out gets the new event's id. */
int audit_add(struct audit *a, const char *source, const char *action, const char *detail,
	      char id_out[AUDIT_ID_LEN], int64_t *at_out);

/* When the last day was closed (unix seconds), 0 when never. */
int audit_last_close(struct audit *a, int64_t *since);

/* Stores a day close (d->closed_at set by the caller). */
int audit_store_close(struct audit *a, const struct audit_day *d);

/* Calls fn for each of the newest `limit` audit entries, oldest first. */
int audit_each_recent(struct audit *a, int limit,
		      int (*fn)(const char *id, int64_t at, const char *source, const char *action,
				const char *detail, void *ctx),
		      void *ctx);

#endif
