/* The keyboard-wedge guard (see wedge_guard.h): a small state machine over typed characters. */
#include "app/core/wedge_guard.h"

#include <string.h>

static void wipe(struct wedge_guard *g)
{
	volatile char *p = g->held;

	for (size_t i = 0; i < sizeof(g->held); i++)
		p[i] = 0;
	g->len = 0;
}

static void append(char *out, size_t n, const char *s, size_t len)
{
	size_t have = strlen(out);

	if (have + len < n) {
		memcpy(out + have, s, len);
		out[have + len] = '\0';
	}
}

/* Whether held, one more character c included, still looks like the start of a track. */
static bool track_prefix(const char *held, size_t len, char c)
{
	if (len == 0)
		return c == '%' || c == ';';
	if (held[0] == '%' && len == 1)
		return c == 'B' || c == 'b';
	return c >= '0' && c <= '9';
}

/* Held text was a person's: typed after all. */
static void release(struct wedge_guard *g, char *out, size_t n)
{
	append(out, n, g->held, g->len);
	wipe(g);
	g->state = WEDGE_IDLE;
}

static void one_char(struct wedge_guard *g, char c, int64_t at, char *out, size_t n, bool *swipe)
{
	bool fast = at - g->last_ms <= WEDGE_GAP_MS;

	if (g->state == WEDGE_BURST && !fast)
		g->state = WEDGE_IDLE; /* the swipe is over */
	if (g->state == WEDGE_HELD && !fast)
		release(g, out, n);
	g->last_ms = at;
	switch (g->state) {
	case WEDGE_BURST: return; /* dropped, like everything the reader sends */
	case WEDGE_IDLE:
		if (!track_prefix(g->held, 0, c)) {
			append(out, n, &c, 1);
			return;
		}
		g->state = WEDGE_HELD;
		g->held[g->len++] = c;
		return;
	case WEDGE_HELD:
		if (!track_prefix(g->held, g->len, c)) {
			release(g, out, n);
			one_char(g, c, at, out, n, swipe); /* c may start a held run itself */
			return;
		}
		g->held[g->len++] = c;
		if (g->len >= WEDGE_MIN_BURST) {
			wipe(g);
			g->state = WEDGE_BURST;
			*swipe = true;
		}
		return;
	}
}

void wedge_guard_text(struct wedge_guard *g, const char *text, int64_t at_ms, char *out, size_t n,
		      bool *swipe)
{
	out[0] = '\0';
	*swipe = false;
	for (const char *p = text; *p; p++)
		one_char(g, *p, at_ms, out, n, swipe);
}

void wedge_guard_flush(struct wedge_guard *g, int64_t now_ms, char *out, size_t n)
{
	out[0] = '\0';
	if (g->state == WEDGE_HELD)
		release(g, out, n);
	else if (g->state == WEDGE_BURST && now_ms - g->last_ms > WEDGE_GAP_MS)
		g->state = WEDGE_IDLE;
}

int64_t wedge_guard_deadline(const struct wedge_guard *g, int64_t deadline)
{
	int64_t due = g->last_ms + WEDGE_GAP_MS + 1;

	if (g->state != WEDGE_HELD)
		return deadline;
	return deadline < 0 || due < deadline ? due : deadline;
}

bool wedge_guard_in_burst(const struct wedge_guard *g, int64_t now_ms)
{
	return g->state == WEDGE_BURST && now_ms - g->last_ms <= WEDGE_GAP_MS;
}
