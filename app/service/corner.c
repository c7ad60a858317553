/* The corner hold (see corner.h). */
#include "app/service/corner.h"

static bool in_corner(int x, int y)
{
	return x >= 0 && y >= 0 && x < SERVICE_CORNER_SIZE && y < SERVICE_CORNER_SIZE;
}

void service_corner_down(struct service_corner *c, int x, int y, int64_t now_ms)
{
	c->down = in_corner(x, y);
	c->fired = false;
	c->since_ms = now_ms;
}

void service_corner_motion(struct service_corner *c, int x, int y)
{
	if (c->down && !in_corner(x, y))
		c->down = false;
}

bool service_corner_up(struct service_corner *c)
{
	bool fired = c->fired;

	c->down = false;
	c->fired = false;
	return fired;
}

bool service_corner_due(struct service_corner *c, int64_t now_ms)
{
	if (!c->down || c->fired || now_ms - c->since_ms < SERVICE_CORNER_HOLD_MS)
		return false;
	c->fired = true;
	return true;
}

int64_t service_corner_deadline(const struct service_corner *c, int64_t deadline)
{
	int64_t t;

	if (!c->down || c->fired)
		return deadline;
	t = c->since_ms + SERVICE_CORNER_HOLD_MS;
	return deadline < 0 || t < deadline ? t : deadline;
}
