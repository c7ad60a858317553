/* The outbox's way to the portal: what the resident was shown for each payment, and staff
 * audit entries, queued durably and sent oldest first with backoff, so the portal hears every
 * one exactly once whatever the network does. Runs on the worker thread. */
#ifndef KIOSK_SYNC_H
#define KIOSK_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "app/portal/portal.h"
#include "app/store/journal.h"
#include "app/store/outbox.h"

struct sync {
	struct outbox *outbox;	 /* not owned */
	struct portal *portal;	 /* not owned */
	struct journal *journal; /* not owned: a confirmed payment is marked there */
	/* Told of each delivery (kioskctl's "last sync"); may be NULL. */
	void (*delivered)(void *ctx);
	void *delivered_ctx;
	int64_t next_ms; /* when the next item falls due (wall-clock ms), -1: none */
	/* Told when the portal refused a posting for good (the payment service reverses the
	 * charge); may be NULL. */
	void (*post_refused)(void *ctx);
	void *post_refused_ctx;
};

void sync_init(struct sync *s, struct outbox *ob, struct portal *p, struct journal *j,
	       void (*delivered)(void *ctx), void *ctx);

/* Something was queued by someone else (an audit entry): look at the outbox now. */
void sync_kick(struct sync *s);

/* Queues "what the resident was shown" for a payment: shown is "approved", "declined" or
 * "in_doubt". */
void sync_queue_confirm(struct sync *s, const char *key, const char *shown, bool printed);

/* Queues the posting of an approved terminal payment (body: portal_posting_json), sent until
 * the portal has it; on delivery the journal's posting becomes done, on a refusal refused.
 * 0, or the outbox's error (nothing queued). */
int sync_queue_post(struct sync *s, const char *key, const char *body);

/* Sends everything pending now, due or not, oldest first, until the portal stops answering
 * (staff's `kiosk --send-outbox`, the crash test's last step). Returns how many are left. */
int64_t sync_flush(struct sync *s);

/* When there is something to send (wall-clock ms), or -1. */
int64_t sync_due_ms(const struct sync *s);

/* Sends what is due, oldest first, until the portal stops answering or busy(ctx) says a
 * resident needs the thread. */
void sync_drain(struct sync *s, bool (*busy)(void *ctx), void *ctx);

#endif
