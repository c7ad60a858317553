/* The logger: timestamps, levels, and card-number redaction before anything leaves the process. */
#include "app/common/log.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static enum log_level min_level = LOG_INFO;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

/* The last lines, for kioskctl logs: staff see why the kiosk misbehaves without a shell. */
#define RING_LINES 256
#define RING_WIDTH 256
static char ring[RING_LINES][RING_WIDTH];
static unsigned ring_next, ring_count;

void log_set_level(enum log_level min)
{
	min_level = min;
}

void log_redact_pan(char *text)
{
	size_t n = strlen(text);
	size_t i = 0;

	while (i < n) {
		if (!isdigit((unsigned char)text[i])) {
			i++;
			continue;
		}
		/* Collect a run of digits, allowing single separators between them. */
		size_t start = i, end = i, digits = 0;
		size_t j = i;
		while (j < n) {
			if (isdigit((unsigned char)text[j])) {
				digits++;
				end = j + 1;
				j++;
			} else if ((text[j] == ' ' || text[j] == '-') && j + 1 < n &&
				   isdigit((unsigned char)text[j + 1])) {
				j++;
			} else {
				break;
			}
		}
		if (digits >= 13 && digits <= 19) {
			size_t keep = 0;
			for (size_t k = end; k > start; k--) {
				if (isdigit((unsigned char)text[k - 1])) {
					if (keep < 4)
						keep++;
					else
						text[k - 1] = '*';
				}
			}
		}
		i = end > i ? end : i + 1;
	}
}

void log_msg(enum log_level lvl, const char *module, const char *fmt, ...)
{
	static const char *names[] = {"debug", "info", "warn", "error"};
	char line[1024];
	char stamp[24];
	struct timespec ts;
	struct tm tm;
	va_list ap;

	if (lvl < min_level)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_redact_pan(line);

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);

	pthread_mutex_lock(&log_lock);
	fprintf(stderr, "%s.%03ldZ %-5s %s: %s\n", stamp, ts.tv_nsec / 1000000, names[lvl], module,
		line);
	/* Cut to the ring's width: the whole line went to stderr above. */
	snprintf(ring[ring_next], RING_WIDTH, "%s.%03ldZ %-5s %.16s: %.160s", stamp,
		 ts.tv_nsec / 1000000, names[lvl], module, line);
	ring_next = (ring_next + 1) % RING_LINES;
	if (ring_count < RING_LINES)
		ring_count++;
	pthread_mutex_unlock(&log_lock);
}

int log_recent(int lines, void (*fn)(const char *line, void *ctx), void *ctx)
{
	int n;

	pthread_mutex_lock(&log_lock);
	n = lines < 0 || (unsigned)lines > ring_count ? (int)ring_count : lines;
	for (int i = n; i > 0; i--)
		fn(ring[(ring_next + RING_LINES - (unsigned)i) % RING_LINES], ctx);
	pthread_mutex_unlock(&log_lock);
	return n;
}
