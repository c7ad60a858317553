/* The inbox (see inbox.h): a ring of messages under a mutex, and an eventfd as its wake. */
#include "app/common/inbox.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "app/common/err.h"
#include "app/common/log.h"

struct inbox {
	pthread_mutex_t lock;
	struct inbox_msg *ring;
	int capacity, head, count;
	int fd;
	void (*wake)(void *ctx);
	void *wake_ctx;
};

int inbox_open(int capacity, struct inbox **out)
{
	struct inbox *ib = calloc(1, sizeof(*ib));

	*out = NULL;
	if (!ib || capacity < 1 || !(ib->ring = calloc((size_t)capacity, sizeof(*ib->ring)))) {
		free(ib);
		return KIOSK_ENOMEM;
	}
	ib->fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (ib->fd < 0) {
		free(ib->ring);
		free(ib);
		return KIOSK_EIO;
	}
	pthread_mutex_init(&ib->lock, NULL);
	ib->capacity = capacity;
	*out = ib;
	return 0;
}

void inbox_close(struct inbox *ib, void (*drop)(const struct inbox_msg *m, void *ctx), void *ctx)
{
	struct inbox_msg m;

	if (!ib)
		return;
	while (inbox_take(ib, &m))
		if (drop)
			drop(&m, ctx);
	close(ib->fd);
	pthread_mutex_destroy(&ib->lock);
	free(ib->ring);
	free(ib);
}

void inbox_set_wake(struct inbox *ib, void (*wake)(void *ctx), void *ctx)
{
	ib->wake = wake;
	ib->wake_ctx = ctx;
}

int inbox_post(struct inbox *ib, enum inbox_tag tag, void *data)
{
	uint64_t one = 1;
	bool was_empty;

	pthread_mutex_lock(&ib->lock);
	if (ib->count == ib->capacity) {
		pthread_mutex_unlock(&ib->lock);
		return KIOSK_EBUSY;
	}
	ib->ring[(ib->head + ib->count) % ib->capacity] = (struct inbox_msg){tag, data};
	was_empty = ib->count++ == 0;
	/* Woken under the lock: the UI thread cannot take the message and find the wake still
	 * to come (which would leave the eventfd readable with nothing behind it, one extra
	 * turn, harmless) nor miss one. */
	if (was_empty) {
		if (write(ib->fd, &one, sizeof(one)) < 0)
			log_warn("inbox", "cannot wake the UI thread: %s", strerror(errno));
		if (ib->wake)
			ib->wake(ib->wake_ctx);
	}
	pthread_mutex_unlock(&ib->lock);
	return 0;
}

int inbox_take(struct inbox *ib, struct inbox_msg *out)
{
	uint64_t count;
	int got = 0;

	pthread_mutex_lock(&ib->lock);
	if (ib->count > 0) {
		*out = ib->ring[ib->head];
		ib->head = (ib->head + 1) % ib->capacity;
		ib->count--;
		got = 1;
	}
	/* Empty now: the next post wakes again. */
	if (ib->count == 0 && read(ib->fd, &count, sizeof(count)) < 0 && errno != EAGAIN)
		log_warn("inbox", "wake read: %s", strerror(errno));
	pthread_mutex_unlock(&ib->lock);
	return got;
}

int inbox_fd(const struct inbox *ib)
{
	return ib->fd;
}
