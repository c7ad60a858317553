/* Speech output (ADA 707.5): text to speech with espeak-ng, played through SDL audio. The UI
 * thread only queues text; a speech thread synthesises and plays it, and sleeps on a
 * condition variable when there is nothing to say. The audio device is open only while
 * speaking. Everything queued is also written to a ring the journey runner reads. */
#ifndef KIOSK_SPEECH_H
#define KIOSK_SPEECH_H

#include <stdbool.h>
#include <stddef.h>

#include "app/core/core.h"

struct speech;

/* Starts the speech thread. volume 0..200 (espeak's scale, 100 normal), rate in words per
 * minute 80..450 (175 normal). Returns 0 or a negative KIOSK_E*. Without an audio device it
 * still runs (and records what it would say): a kiosk must not fail to start for want of a
 * headphone jack. */
int speech_open(int volume, int rate, struct speech **out);
void speech_close(struct speech *s);

/* Queues text in a language; interrupt drops what is queued or playing first. */
void speech_say(struct speech *s, enum core_lang lang, const char *text, bool interrupt);
/* Stops speaking now and drops the queue. */
void speech_stop(struct speech *s);
/* Says the last utterances queued together again. */
void speech_repeat(struct speech *s);
/* Louder or quieter, faster or slower, by steps (clamped). */
void speech_adjust(struct speech *s, int volume_steps, int rate_steps);
void speech_settings(struct speech *s, int *volume, int *rate);
/* A new volume and rate (a changed setting), from the next utterance on (clamped). */
void speech_set_voice(struct speech *s, int volume, int rate);

/* What was queued since start, one utterance a line (the newest 8 KiB). */
void speech_heard(struct speech *s, char *buf, size_t n);
/* Samples synthesised so far (for tests: the synthesiser really ran). */
unsigned long speech_samples(struct speech *s);

#endif
