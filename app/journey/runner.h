/* The journey runner: drives the real app from a script, as a resident would, and checks what
 * the screen and the printer show. The app's own test interface (docs/journeys.md). */
#ifndef KIOSK_RUNNER_H
#define KIOSK_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/ui/ui.h"

/* What the runner needs from the app. All calls happen on the UI thread. */
struct runner_host {
	void *ctx;
	const char *(*screen_id)(void *ctx);
	const struct ui *(*ui)(void *ctx);
	/* Taps at design-space coordinates, through the real event queue. */
	void (*tap)(void *ctx, int x, int y);
	int (*swipe)(void *ctx, const char *pan, const char *yymm, const char *name);
	void (*last_receipt)(void *ctx, char *buf, size_t n);
	int (*shot)(void *ctx, const char *path);
	void (*paper_out)(void *ctx, int out);
	/* A keypad key by name (0-9, enter, clear, cancel, up, down, left, right, tab, help, ...),
	 * through the real event queue; KIOSK_EINVAL for an unknown name. */
	int (*key)(void *ctx, const char *name);
	/* What speech has been given to say, one utterance a line. */
	void (*heard)(void *ctx, char *buf, size_t n);
	/* The smallest touch target allowed, in design pixels (15 mm at the screen's density);
	 * 0: not checked. */
	int min_target_px;
	/* Presses (down 1) or releases (0) at design-space coordinates, through the real queue. */
	void (*press)(void *ctx, int x, int y, int down);
	/* The finger, down, moves to design-space coordinates, through the real queue. */
	void (*move)(void *ctx, int x, int y);
	/* The earliest time (runner_step's clock) a tap counts: what is on screen appeared too
	 * recently before it. NULL: at once. */
	int64_t (*taps_from_ms)(void *ctx);
	/* A USB keyboard at machine speed (a keyboard-wedge reader): every character of text as
	 * typed text, then Enter, all queued at once. */
	void (*keyboard_burst)(void *ctx, const char *text);
	/* Scrolls the screen's content so that widget i (of the last frame) is wholly in view,
	 * as a resident scrolls to what they want to tap; drawn in the next frame. */
	void (*reveal)(void *ctx, int widget);
	/* An English text as the screen's language shows it (translate-labels). */
	const char *(*tr)(void *ctx, const char *msgid);
	/* A scan on the simulated barcode scanner: 0, or KIOSK_EINVAL for text no scan gives. */
	int (*scan)(void *ctx, const char *text);
	/* The simulated bill validator (`#@ cash: on`): "insert" a note of `dollars` (reject: one
	 * the validator finds not genuine), "jam", "clear-jam", "remove-cashbox",
	 * "replace-cashbox", "stacker-full". 0; KIOSK_EBUSY: the validator takes no note now;
	 * KIOSK_EDEVICE: no simulated validator. NULL: none. */
	int (*cash)(void *ctx, const char *what, int dollars, bool reject);
	/* Today's local date written out as a resident reads it, in English (es false) or
	 * Spanish: "December 15, 2026", "15 de diciembre de 2026". NULL: none. */
	void (*today)(void *ctx, bool es, char *out, size_t n);
};

enum runner_status { RUNNER_RUNNING, RUNNER_PASSED, RUNNER_FAILED };

struct runner;

int runner_open(const char *script_path, const char *shots_dir, const struct runner_host *host,
		struct runner **out);
void runner_close(struct runner *r);

/* Runs as much of the script as the current frame allows. Call after each frame is drawn.
 * *wake_ms: the absolute time by which it wants to be called again (-1: after any event). */
enum runner_status runner_step(struct runner *r, int64_t now_ms, int64_t *wake_ms);

#endif
