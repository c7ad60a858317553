/* The one clock (see clock.h). */
#include "app/common/clock.h"

#include <ctype.h>
#include <string.h>
#include <time.h>

static int64_t ms_of(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_mono_ms(void)
{
	return ms_of(CLOCK_MONOTONIC);
}

int64_t clock_wall_ms(void)
{
	return ms_of(CLOCK_REALTIME);
}

static int parse_hhmm(const char *s, int *minute)
{
	int h, m;

	for (int i = 0; i < 5; i++)
		if (i == 2 ? s[i] != ':' : !isdigit((unsigned char)s[i]))
			return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	*minute = h * 60 + m;
	return 0;
}

int clock_in_window(const char *window, int minute_of_day)
{
	int from, to;

	if (!window || !window[0])
		return 1;
	if (strlen(window) != 11 || window[5] != '-' || parse_hhmm(window, &from) ||
	    parse_hhmm(window + 6, &to))
		return -1;
	if (minute_of_day < 0) {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		minute_of_day = tm.tm_hour * 60 + tm.tm_min;
	}
	if (from == to)
		return 1;
	if (from < to)
		return minute_of_day >= from && minute_of_day < to;
	return minute_of_day >= from || minute_of_day < to; /* 22:00-05:00 */
}
