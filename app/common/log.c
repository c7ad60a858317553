/* The logger: timestamps, levels, and card-number redaction before anything leaves the process. */
#include "app/common/log.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static enum log_level min_level = LOG_INFO;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

/* Recent lines in memory (under log_lock), for the portal's "upload logs" request. Lines are
 * redacted before they get here, so nothing in the ring is more than the log shows. */
#define RING_LINE 320
static char ring[LOG_RING_LINES][RING_LINE];
static unsigned ring_next; /* lines ever stored; the oldest kept is ring_next - LOG_RING_LINES */
static char last_error[RING_LINE];

void log_set_level(enum log_level min)
{
	min_level = min;
}

/* The Luhn check over the digits of text[start, end) (separators skipped): every card
 * number passes it, while a run of digits inside a hex key or a reference mostly does not. */
static bool luhn_ok(const char *text, size_t start, size_t end)
{
	unsigned sum = 0, pos = 0;

	for (size_t k = end; k > start; k--) {
		unsigned d;

		if (!isdigit((unsigned char)text[k - 1]))
			continue;
		d = (unsigned)(text[k - 1] - '0');
		if (pos++ % 2) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 == 0;
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
		if (digits >= 13 && digits <= 19 && luhn_ok(text, start, end)) {
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
	char stamp[32];
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
	/* Long lines are cut in the ring (stderr has them whole). */
	snprintf(ring[ring_next % LOG_RING_LINES], RING_LINE, "%.19s.%03dZ %.5s %.24s: %.240s",
		 stamp, (int)(ts.tv_nsec / 1000000), names[lvl], module, line);
	if (lvl >= LOG_WARN)
		memcpy(last_error, ring[ring_next % LOG_RING_LINES], RING_LINE);
	ring_next++;
	pthread_mutex_unlock(&log_lock);
}

int log_recent(int max, char *buf, size_t n)
{
	unsigned have, first;
	size_t used = 0;
	int copied = 0;

	if (n)
		buf[0] = '\0';
	pthread_mutex_lock(&log_lock);
	have = ring_next < LOG_RING_LINES ? ring_next : LOG_RING_LINES;
	if (max < 0)
		max = 0;
	if ((unsigned)max < have)
		have = (unsigned)max;
	first = ring_next - have;
	for (unsigned i = first; i < ring_next; i++) {
		const char *l = ring[i % LOG_RING_LINES];
		size_t len = strlen(l);
		if (used + len + 2 > n)
			break; /* the newest lines that do not fit are left out, never cut in half
				*/
		memcpy(buf + used, l, len);
		buf[used + len] = '\n';
		used += len + 1;
		buf[used] = '\0';
		copied++;
	}
	pthread_mutex_unlock(&log_lock);
	return copied;
}

void log_last_error(char *buf, size_t n)
{
	pthread_mutex_lock(&log_lock);
	snprintf(buf, n, "%s", last_error);
	pthread_mutex_unlock(&log_lock);
}
