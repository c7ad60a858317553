/* The cash box's records in sqlite (WAL, synchronous=FULL), one file, cashbox.sqlite: every
 * note stacked into the box (written when the validator credits it, before the credit is
 * acknowledged), each emptying with who and when, the validator's serial number, and a cash
 * alarm staff must clear. The counts since the last emptying are what staff should find in
 * the box; they survive a power cut because each note is its own committed row.
 *
 * Thread-safe: the credit hook writes from the device thread while the worker reads and
 * empties; every call takes the handle's lock for its whole transaction. */
#ifndef KIOSK_CASHBOX_H
#define KIOSK_CASHBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CASHBOX_MAX_DENOMS 24 /* more than any validator's channels (SSP: 16) */
#define CASHBOX_WHO_LEN 64
#define CASHBOX_ALARM_LEN 64

/* Notes of one value: cents 0 is a note from a channel the validator's setup did not list
 * (it is in the box, its value is not known: staff count it). */
struct cashbox_denom {
	int64_t cents;
	int count;
};

/* Notes by denomination, smallest first. */
struct cashbox_count {
	int n;
	struct cashbox_denom d[CASHBOX_MAX_DENOMS];
	int notes;	/* all of them */
	int64_t cents;	/* their value (unknown notes count 0) */
	int64_t since;	/* unix seconds the count starts from: the last emptying, 0 for never */
	char last_who[CASHBOX_WHO_LEN]; /* who emptied it last ("" for never) */
};

struct cashbox;

int cashbox_open(const char *path, struct cashbox **out);
void cashbox_close(struct cashbox *cb);

/* A note went into the box (a credit, or a note cleared into it at start-up). key names the
 * note for the party that deduplicates a credit the validator offers again after a restart
 * (the payment key and the note's number in it, say): a key already recorded adds nothing and
 * sets *added false. key NULL or "": always a new note. at: unix seconds. */
int cashbox_note_stacked(struct cashbox *cb, const char *key, int64_t cents, int64_t at,
			 bool *added);

/* What is in the box now: every note since the last emptying. */
int cashbox_count(struct cashbox *cb, struct cashbox_count *out);

/* Notes stacked after `since` (unix seconds), emptied or not: the day's cash by denomination
 * for the end-of-day report. out->since is `since`. */
int cashbox_stacked_since(struct cashbox *cb, int64_t since, struct cashbox_count *out);

/* Staff emptied the box: records who and when with the count expected in it, and starts a
 * new count, in one transaction. *emptied gets that count (since = the previous emptying). */
int cashbox_empty(struct cashbox *cb, const char *who, int64_t at, struct cashbox_count *emptied);

/* The validator answered with `serial`. The first serial seen is kept; another one later
 * means the validator was swapped: *previous gets the one kept, *swapped is set, and the new
 * one is kept from now on (the swap is reported once). */
int cashbox_check_serial(struct cashbox *cb, uint32_t serial, int64_t at, bool *swapped,
			 uint32_t *previous);

/* A cash alarm (the box taken out outside service mode...): latched until staff clear it, so
 * cash stays off across a restart. The first alarm is kept until cleared. */
int cashbox_raise_alarm(struct cashbox *cb, const char *what, int64_t at);
/* The alarm on, or what[0] == '\0' (and *at 0) when none. */
int cashbox_alarm(struct cashbox *cb, char *what, size_t n, int64_t *at);
int cashbox_clear_alarm(struct cashbox *cb);

#endif
