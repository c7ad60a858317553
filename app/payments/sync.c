/* The outbox to the portal (see sync.h). */
#include "app/payments/sync.h"

#include <stdio.h>
#include <string.h>

#include "app/common/clock.h"
#include "app/common/err.h"
#include "app/common/log.h"
#include "app/common/rand.h"

#define MOD "sync"
#define IDLE_RETRY_MS 60000 /* the outbox could not be read: look again after this */

void sync_init(struct sync *s, struct outbox *ob, struct portal *p, struct journal *j,
	       void (*delivered)(void *ctx), void *ctx)
{
	memset(s, 0, sizeof(*s));
	s->outbox = ob;
	s->portal = p;
	s->journal = j;
	s->delivered = delivered;
	s->delivered_ctx = ctx;
	if (outbox_next_time(ob, &s->next_ms) != 0)
		s->next_ms = -1;
}

void sync_kick(struct sync *s)
{
	int64_t now = clock_wall_ms();

	if (s->next_ms < 0 || s->next_ms > now)
		s->next_ms = now;
}

void sync_queue_confirm(struct sync *s, const char *key, const char *shown, bool printed)
{
	char body[128];

	snprintf(body, sizeof(body), "{\"outcome_shown\":\"%s\",\"receipt_printed\":%s}", shown,
		 printed ? "true" : "false");
	if (outbox_add(s->outbox, "confirm", key, body, clock_wall_ms()) == 0)
		sync_kick(s);
}

int sync_queue_post(struct sync *s, const char *key, const char *body)
{
	int rc = outbox_add(s->outbox, "post", key, body, clock_wall_ms());

	if (rc == 0)
		sync_kick(s);
	return rc;
}

/* Sends one item; 0 when the portal has it. */
static int send_item(struct sync *s, const struct outbox_item *item)
{
	struct portal_payment posted;
	int rc;

	if (strcmp(item->kind, "audit") == 0)
		return portal_send_audit(s->portal, item->key, item->body);
	if (strcmp(item->kind, "confirm") == 0) {
		struct journal_payment jp;

		/* A terminal's payment exists at the portal once posted: its confirmation
		 * waits for the posting (queued before it, but retried on its own clock). */
		if (journal_get(s->journal, item->key, &jp) == 0 &&
		    (jp.post == JOURNAL_POST_PENDING || jp.post == JOURNAL_POST_QUEUED))
			return KIOSK_EBUSY;
		rc = portal_confirm_payment(s->portal, item->key, item->body);
		/* The journal's table decides: only an approved payment becomes confirmed; a
		 * declined one stays declined. */
		if (rc == 0)
			journal_set_state(s->journal, item->key, JOURNAL_CONFIRMED, NULL);
		return rc;
	}
	rc = portal_post_payment(s->portal, item->key, item->body, &posted);
	if (rc == 0) {
		journal_set_post(s->journal, item->key, JOURNAL_POST_DONE, posted.reference);
	} else if (rc == KIOSK_EINVAL || rc == KIOSK_ENOTFOUND) {
		/* The charge cannot reach the bill: it goes back to the card. */
		journal_set_post(s->journal, item->key, JOURNAL_POST_REFUSED, NULL);
		if (s->post_refused)
			s->post_refused(s->post_refused_ctx);
	}
	return rc;
}

int64_t sync_due_ms(const struct sync *s)
{
	return s->next_ms;
}

/* Sends what is due at `now` (0: the clock's now; INT64_MAX: everything pending). */
static void drain(struct sync *s, int64_t now, bool (*busy)(void *ctx), void *ctx)
{
	struct outbox_item item;
	int rc;

	while (outbox_next_due(s->outbox, now ? now : clock_wall_ms(), &item) == 0) {
		if (strcmp(item.kind, "confirm") != 0 && strcmp(item.kind, "audit") != 0 &&
		    strcmp(item.kind, "post") != 0) {
			log_error(MOD, "outbox item %lld of unknown kind %s: kept as dead",
				  (long long)item.id, item.kind);
			outbox_dead(s->outbox, item.id);
			continue;
		}
		rc = send_item(s, &item);
		if (rc == 0) {
			outbox_done(s->outbox, item.id);
			if (s->delivered)
				s->delivered(s->delivered_ctx);
		} else if (rc == KIOSK_EINVAL || rc == KIOSK_ENOTFOUND) {
			log_error(MOD, "the portal refused %s of %.8s (%s): kept as dead for staff",
				  item.kind, item.key, kiosk_strerror(rc));
			outbox_dead(s->outbox, item.id);
		} else {
			outbox_retry(s->outbox, item.id, clock_wall_ms(), rand_u32());
			break;
		}
		if (busy && busy(ctx))
			break;
	}
}

void sync_drain(struct sync *s, bool (*busy)(void *ctx), void *ctx)
{
	drain(s, 0, busy, ctx);
	if (outbox_next_time(s->outbox, &s->next_ms) != 0)
		s->next_ms = clock_wall_ms() + IDLE_RETRY_MS;
}

int64_t sync_flush(struct sync *s)
{
	struct outbox_stats st;

	drain(s, INT64_MAX, NULL, NULL);
	if (outbox_next_time(s->outbox, &s->next_ms) != 0)
		s->next_ms = -1;
	return outbox_get_stats(s->outbox, &st) == 0 ? st.pending : -1;
}
