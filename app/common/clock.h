/* The one clock: monotonic milliseconds for deadlines and intervals, wall-clock milliseconds
 * for what is stored or shown. Nothing else in the kiosk reads the time itself. */
#ifndef KIOSK_CLOCK_H
#define KIOSK_CLOCK_H

#include <stdint.h>

/* Milliseconds since an arbitrary point; never jumps (NTP, the staff setting the date). */
int64_t clock_mono_ms(void);

/* Milliseconds since the Unix epoch; may jump, so never for measuring a wait. */
int64_t clock_wall_ms(void);

/* Whether the local wall-clock time is inside window, "HH:MM-HH:MM" (it may wrap past
 * midnight: "22:00-05:00"); "" or NULL is always. minute_of_day < 0: now. 1 inside, 0 outside,
 * -1 when window is not that form. */
int clock_in_window(const char *window, int minute_of_day);

#endif
