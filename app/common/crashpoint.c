/* KIOSK_CRASH_AT (see crashpoint.h). */
#include "app/common/crashpoint.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/log.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *crash_at;

static void read_env(void)
{
	crash_at = getenv("KIOSK_CRASH_AT");
}

void crashpoint(const char *point)
{
	pthread_once(&once, read_env);
	if (crash_at && strcmp(crash_at, point) == 0) {
		log_warn("crash", "KIOSK_CRASH_AT=%s: killing the kiosk here", point);
		raise(SIGKILL);
	}
}
