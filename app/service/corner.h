/* The hidden way into service mode: a finger held still in the top-left corner for 3 s.
 * Pure bookkeeping of mouse/touch positions and times; main.c feeds it SDL's events. */
#ifndef KIOSK_SERVICE_CORNER_H
#define KIOSK_SERVICE_CORNER_H

#include <stdbool.h>
#include <stdint.h>

#define SERVICE_CORNER_SIZE 150 /* design-space pixels from the top-left corner */
#define SERVICE_CORNER_HOLD_MS 3000

struct service_corner {
	bool down;  /* a press started in the corner and has not left it */
	bool fired; /* the hold was reported: the release is not a tap */
	int64_t since_ms;
};

void service_corner_down(struct service_corner *c, int x, int y, int64_t now_ms);
/* A move out of the corner cancels the hold. */
void service_corner_motion(struct service_corner *c, int x, int y);
/* Returns true when this release ends a hold that was reported (drop the tap). */
bool service_corner_up(struct service_corner *c);
/* True once per hold, when it has lasted SERVICE_CORNER_HOLD_MS. */
bool service_corner_due(struct service_corner *c, int64_t now_ms);
/* The loop's wait deadline with the hold's end folded in (-1: none). */
int64_t service_corner_deadline(const struct service_corner *c, int64_t deadline);

#endif
