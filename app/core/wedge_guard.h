/* The keyboard-wedge guard: a card reader that is not on the wedge allow-list is an ordinary
 * keyboard to the kiosk, and a swipe would type its track data (the card number) into
 * whatever field has the focus, a password included, and send it to the portal unsealed.
 * Typed text goes through this guard first: text that starts with a track sentinel ('%B' for
 * track 1, ';' and digits for track 2) and arrives at machine speed (each character within
 * WEDGE_GAP_MS of the last, for WEDGE_MIN_BURST characters) is never typed; the whole burst
 * is dropped and the caller tells the resident to use the card reader. A person typing '%' or
 * ';' is far slower: what was held back is typed as soon as the next character comes late,
 * another input comes, or WEDGE_GAP_MS pass (wedge_guard_deadline). Pure: times come in. */
#ifndef KIOSK_WEDGE_GUARD_H
#define KIOSK_WEDGE_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Wedge readers send a character every 2 to 20 ms (USB HID polling); a person's keys are
 * 80 ms or more apart, rollover aside. */
#define WEDGE_GAP_MS 40
#define WEDGE_MIN_BURST 4 /* "%B41", ";412": a sentinel and the card number's first digits */

enum wedge_state { WEDGE_IDLE, WEDGE_HELD, WEDGE_BURST };

struct wedge_guard {
	enum wedge_state state;
	char held[WEDGE_MIN_BURST + 1]; /* what might be the start of a swipe */
	size_t len;
	int64_t last_ms; /* when the last character came */
};

/* One text event (UTF-8, one or more characters) at at_ms. out (n >= 64) gets what is to be
 * typed now ("" for nothing); *swipe is set when this text completed a burst (once per
 * burst). */
void wedge_guard_text(struct wedge_guard *g, const char *text, int64_t at_ms, char *out, size_t n,
		      bool *swipe);

/* Another input (a tap, a key) or time passing: held text is a person's after all. out gets
 * it ("" for nothing). */
void wedge_guard_flush(struct wedge_guard *g, int64_t now_ms, char *out, size_t n);

/* When wedge_guard_flush has something to do, or the deadline passed in. */
int64_t wedge_guard_deadline(const struct wedge_guard *g, int64_t deadline);

/* Whether a burst is still arriving at now_ms: its Enter key is part of the swipe too. */
bool wedge_guard_in_burst(const struct wedge_guard *g, int64_t now_ms);

#endif
