/* A finger's gesture: tap or drag (see drag.h). */
#include "app/ui/drag.h"

#include <stdlib.h>
#include <string.h>

static void down(struct drag *d, const struct drag_event *ev)
{
	d->state = DRAG_PRESSED;
	d->scrollable = ev->scrollable;
	d->slop = ev->slop > 0 ? ev->slop : 1;
	d->x0 = ev->x;
	d->y0 = ev->y;
	d->offset0 = ev->offset;
}

static void move(struct drag *d, const struct drag_event *ev, struct drag_effect *out)
{
	if (d->state == DRAG_PRESSED) {
		/* Within the slop a finger still taps; past it, in content that does not scroll,
		 * the tap is decided where it lifts, as it always was. */
		if (!d->scrollable ||
		    (abs(ev->x - d->x0) <= d->slop && abs(ev->y - d->y0) <= d->slop))
			return;
		/* The content is taken where the finger is now, so it does not jump by the slop. */
		d->state = DRAG_SCROLLING;
		d->x0 = ev->x;
		d->y0 = ev->y;
		out->cancel_press = true;
		return;
	}
	if (d->state != DRAG_SCROLLING)
		return;
	/* The content moves with the finger: up shows what is below. */
	out->scroll = true;
	out->offset = d->offset0 - (ev->y - d->y0);
}

void drag_event(struct drag *d, const struct drag_event *ev, struct drag_effect *out)
{
	memset(out, 0, sizeof(*out));
	switch (ev->type) {
	case DRAG_DOWN: down(d, ev); break;
	case DRAG_MOVE: move(d, ev, out); break;
	case DRAG_UP:
		out->was_drag = d->state == DRAG_SCROLLING;
		d->state = DRAG_IDLE;
		break;
	case DRAG_CANCEL: d->state = DRAG_IDLE; break;
	}
}
