/* Bank notes the bill validator credited, one row each, in the payment journal's sqlite file:
 * the city's money from the moment the row is committed. Written on the validator's thread
 * (its own connection; WAL lets the worker's journal read alongside), before the device is
 * told the credit was taken, so a note is never acknowledged and then forgotten; and marked
 * acknowledged once the device confirms it, so a credit the device offers again after a
 * restart is recognised instead of counted twice. */
#ifndef KIOSK_CASH_NOTES_H
#define KIOSK_CASH_NOTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CASH_NOTES_MAX_DENOMS 16

/* Notes of one payment (or of the box), by denomination, smallest first. */
struct cash_note_count {
	int64_t cents; /* one note's value; 0: a channel the setup did not list */
	int count;
};

struct cash_note_tally {
	struct cash_note_count d[CASH_NOTES_MAX_DENOMS];
	int n;
	int notes;
	int64_t total_cents;
};

/* Not thread-safe: one thread at a time (the caller's lock). */
struct cash_notes;

/* Opens the journal file at path (journal_open made it) and adds the notes table if missing. */
int cash_notes_open(const char *path, struct cash_notes **out);
void cash_notes_close(struct cash_notes *cn);

/* Records one credited note, in one transaction with the payment's taken_cents (key "" when no
 * payment was under way: kept for staff, counted in no payment). *taken_out (may be NULL): the
 * payment's notes so far, in cents. */
int cash_notes_add(struct cash_notes *cn, const char *key, int channel, int64_t cents,
		   bool cleared_at_startup, int64_t *taken_out);

/* The device confirmed the acknowledgement of the latest credit. */
int cash_notes_acked(struct cash_notes *cn);

/* The latest note whose acknowledgement was never confirmed: 0 with *channel and key (cap 40),
 * or KIOSK_ENOTFOUND. */
int cash_notes_unacked(struct cash_notes *cn, int *channel, char *key, size_t cap);

/* The notes of one payment. */
int cash_notes_tally(struct cash_notes *cn, const char *key, struct cash_note_tally *out);

/* The newest cash payment still under way in the journal (sent or in doubt): where a credit
 * that arrives with no payment open belongs. KIOSK_ENOTFOUND when there is none. */
int cash_notes_open_payment(struct cash_notes *cn, char *key, size_t cap);

/* Every note ever credited, for the crash test and staff: fn per note, oldest first. */
int cash_notes_each(struct cash_notes *cn,
		    int (*fn)(void *ctx, const char *key, int channel, int64_t cents, bool acked),
		    void *ctx);

#endif
