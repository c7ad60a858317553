/* The outbox: what must reach the portal eventually (payment confirmations, receipts to
 * email, audit events), kept in sqlite until the portal has it, retried with backoff. */
#ifndef KIOSK_OUTBOX_H
#define KIOSK_OUTBOX_H

#include <stdint.h>

#define OUTBOX_BODY_MAX 512

struct outbox_item {
	int64_t id;
	char kind[16];		    /* "confirm", "receipt_email", "audit", "post" */
	char key[40];		    /* the payment it concerns, or "" */
	char body[OUTBOX_BODY_MAX]; /* JSON, as the portal takes it */
	int attempts;
	int64_t next_at_ms; /* wall-clock ms when it is due */
};

struct outbox_stats {
	int64_t pending;  /* waiting to be sent */
	int64_t dead;	  /* refused by the portal for good; kept for staff, never deleted */
	int64_t capacity; /* the bound on pending */
	int64_t refused;  /* adds refused since open because the outbox was full */
};

/* Not thread-safe: one thread (the worker) owns it. */
struct outbox;

/* Opens or creates the outbox file (WAL, synchronous=FULL). capacity > 0 bounds the number
 * of pending items. */
int outbox_open(const char *path, int64_t capacity, struct outbox **out);
void outbox_close(struct outbox *ob);

/* Queues an item due at now_ms. When `capacity` items are pending it is refused with
 * KIOSK_EBUSY, logged as an error and counted in stats.refused: never dropped silently. */
int outbox_add(struct outbox *ob, const char *kind, const char *key, const char *body,
	       int64_t now_ms);

/* The oldest item due at now_ms; KIOSK_ENOTFOUND when none is due. */
int outbox_next_due(struct outbox *ob, int64_t now_ms, struct outbox_item *out);

/* When the next pending item falls due (wall-clock ms), or -1 when nothing is pending. */
int outbox_next_time(struct outbox *ob, int64_t *out_ms);

/* The portal has it: removes the item. */
int outbox_done(struct outbox *ob, int64_t id);

/* Not this time: another try after outbox_backoff_ms(attempts, random). */
int outbox_retry(struct outbox *ob, int64_t id, int64_t now_ms, uint32_t random);

/* The portal refused it for good (4xx): kept, marked dead, counted, never retried. */
int outbox_dead(struct outbox *ob, int64_t id);

int outbox_get_stats(struct outbox *ob, struct outbox_stats *out);

/* The wait before the next try after `attempts` failed ones: 2 s doubling up to 1 h, then
 * "equal jitter" (half fixed, half from `random`) so a fleet back online does not stampede. */
int64_t outbox_backoff_ms(int attempts, uint32_t random);

#endif
