/* The inbox: the one way into the UI thread. Every other thread (the worker with its device
 * events, the heartbeat, the control socket, the update link, the signal thread) posts small
 * tagged messages; the UI thread takes them in order. One wake: the post that finds the inbox
 * empty makes its eventfd readable (and calls the loop's own wake, when it sleeps somewhere
 * else, e.g. in SDL_WaitEvent); later posts find it non-empty and need none, because the UI
 * thread takes until the inbox is empty. A post never blocks on the UI thread. */
#ifndef KIOSK_COMMON_INBOX_H
#define KIOSK_COMMON_INBOX_H

/* What a message carries in data; the receiver owns it once taken. */
enum inbox_tag {
	INBOX_RESULT,  /* a worker's result for the core: struct core_event *, malloc'd */
	INBOX_ORDER,   /* a heartbeat order: struct heartbeat_order *, malloc'd */
	INBOX_REQUEST, /* a kioskctl request to run: struct ctl_request * (answer it once) */
	INBOX_UPDATE,  /* the update link: the portal answered its probe (no data) */
	INBOX_STOP,    /* SIGTERM or SIGINT: stop (no data) */
};

struct inbox_msg {
	enum inbox_tag tag;
	void *data;
};

struct inbox;

/* capacity: how many messages may wait (posts beyond it are refused). */
int inbox_open(int capacity, struct inbox **out);
/* Frees the inbox; drop is called for each message still in it (may be NULL). */
void inbox_close(struct inbox *ib, void (*drop)(const struct inbox_msg *m, void *ctx), void *ctx);

/* Any thread. 0, or KIOSK_EBUSY when the inbox is full (the caller still owns data). */
int inbox_post(struct inbox *ib, enum inbox_tag tag, void *data);

/* UI thread: the oldest message, 1 when there was one, else 0. */
int inbox_take(struct inbox *ib, struct inbox_msg *out);

/* Readable while messages wait since the last inbox_take that emptied it: what the loop
 * polls. */
int inbox_fd(const struct inbox *ib);

/* A second wake for a loop that sleeps elsewhere (SDL_WaitEvent): called, on the posting
 * thread, by the post that finds the inbox empty. Set before any thread posts. */
void inbox_set_wake(struct inbox *ib, void (*wake)(void *ctx), void *ctx);

#endif
