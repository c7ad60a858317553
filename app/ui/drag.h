/* A finger on the screen: a tap, or a drag that scrolls the screen's content (issue 16). A
 * finger that goes down in content that scrolls and moves more than the slop (a few mm) is a
 * drag: the content follows it, and the button it went down on is not pressed when it lifts.
 * One that moves less is a tap, as before. Pure: the toolkit's scroll view applies the offset,
 * the app feeds the events. */
#ifndef KIOSK_DRAG_H
#define KIOSK_DRAG_H

#include <stdbool.h>

enum drag_state {
	DRAG_IDLE,	/* no finger down (or its gesture was cancelled) */
	DRAG_PRESSED,	/* down, within the slop: still a tap */
	DRAG_SCROLLING, /* moved past the slop in content that scrolls: a drag */
};

enum drag_event_type {
	DRAG_DOWN,   /* the finger went down at x, y */
	DRAG_MOVE,   /* it moved to x, y */
	DRAG_UP,     /* it lifted */
	DRAG_CANCEL, /* a new screen: the finger's gesture belongs to the one before */
};

struct drag_event {
	enum drag_event_type type;
	int x, y;
	/* DRAG_DOWN: whether the content under the finger scrolls (and the touch counts: not a
	 * ghost of the screen before), its scroll offset now, and the slop in pixels. */
	bool scrollable;
	int offset;
	int slop;
};

/* What the app does after an event. */
struct drag_effect {
	bool scroll; /* show the content at offset (the toolkit keeps it within bounds) */
	int offset;
	bool cancel_press; /* the finger's button is no longer pressed: no tap when it lifts */
	bool was_drag;	   /* DRAG_UP: the gesture was a drag, so it is not a tap */
};

struct drag {
	enum drag_state state;
	bool scrollable;
	int slop;
	int x0, y0;  /* where the finger went down (DRAG_SCROLLING: where it took the content) */
	int offset0; /* the content's offset then */
};

/* The one event function: the next state and what to do. */
void drag_event(struct drag *d, const struct drag_event *ev, struct drag_effect *out);

#endif
