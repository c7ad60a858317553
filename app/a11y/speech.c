/* The speech thread: espeak-ng in retrieval mode (samples come back through a callback) and
 * SDL_QueueAudio. The audio device is opened for an utterance and closed once it has played,
 * so a silent kiosk holds no audio device and wakes no thread. */
#include "app/a11y/speech.h"

#include <SDL.h>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/common/err.h"
#include "app/common/log.h"

#define QUEUE_MAX 16
#define TEXT_MAX 512
#define HEARD_MAX 8192
#define VOLUME_STEP 20
#define RATE_STEP 25

struct utterance {
	enum core_lang lang;
	char text[TEXT_MAX];
};

struct speech {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool quit;
	bool flush;   /* drop what is playing before the next utterance */
	unsigned gen; /* bumped by each interruption: a synthesis of an older one stops */
	struct utterance queue[QUEUE_MAX];
	int head, count;
	struct utterance last[QUEUE_MAX]; /* the last batch, for repeat */
	int last_count;
	bool last_open; /* the batch is still growing (no interruption since) */
	int volume, rate;
	char heard[HEARD_MAX];
	size_t heard_len;
	unsigned long samples;
	bool audio_ok;
	/* the speech thread's own */
	SDL_AudioDeviceID dev;
	int sample_rate;
	int16_t *pcm;
	size_t pcm_len, pcm_cap;
	unsigned synth_gen;
};

static struct speech *current; /* espeak's callback has no user pointer of ours */

static void record(struct speech *s, const char *text)
{
	size_t len = strlen(text);

	if (len + 2 > HEARD_MAX)
		return;
	if (s->heard_len + len + 2 > HEARD_MAX) {
		size_t drop = s->heard_len / 2;
		memmove(s->heard, s->heard + drop, s->heard_len - drop);
		s->heard_len -= drop;
	}
	memcpy(s->heard + s->heard_len, text, len);
	s->heard_len += len;
	s->heard[s->heard_len++] = '\n';
	s->heard[s->heard_len] = '\0';
}

static int on_samples(short *wav, int n, espeak_EVENT *events)
{
	struct speech *s = current;

	(void)events;
	if (!wav || n <= 0)
		return 0;
	pthread_mutex_lock(&s->lock);
	bool stale = s->gen != s->synth_gen || s->quit;
	s->samples += (unsigned long)n;
	pthread_mutex_unlock(&s->lock);
	if (stale)
		return 1; /* interrupted: espeak stops synthesising */
	if (s->pcm_len + (size_t)n > s->pcm_cap) {
		size_t cap = (s->pcm_len + (size_t)n) * 2;
		int16_t *grown = realloc(s->pcm, cap * sizeof(*grown));
		if (!grown)
			return 1;
		s->pcm = grown;
		s->pcm_cap = cap;
	}
	memcpy(s->pcm + s->pcm_len, wav, (size_t)n * sizeof(*wav));
	s->pcm_len += (size_t)n;
	return 0;
}

static void close_audio(struct speech *s)
{
	if (s->dev) {
		SDL_CloseAudioDevice(s->dev);
		s->dev = 0;
	}
}

static bool open_audio(struct speech *s)
{
	SDL_AudioSpec want, have;

	if (s->dev || !s->audio_ok)
		return s->dev != 0;
	SDL_zero(want);
	want.freq = s->sample_rate;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = 2048;
	s->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (!s->dev)
		log_warn("speech", "no audio device: %s", SDL_GetError());
	return s->dev != 0;
}

static void synthesise(struct speech *s, const struct utterance *u, int volume, int rate)
{
	s->pcm_len = 0;
	espeak_SetVoiceByName(u->lang == CORE_LANG_ES ? "es" : "en");
	espeak_SetParameter(espeakRATE, rate, 0);
	espeak_SetParameter(espeakVOLUME, volume, 0);
	espeak_Synth(u->text, strlen(u->text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL,
		     NULL);
	if (s->pcm_len && open_audio(s)) {
		SDL_QueueAudio(s->dev, s->pcm, (Uint32)(s->pcm_len * sizeof(*s->pcm)));
		SDL_PauseAudioDevice(s->dev, 0);
	}
}

/* espeak-ng is set up once per process and never torn down: espeak_Terminate followed by a
 * new start hangs in 1.51, and the kiosk keeps its voice for its whole life anyway. Only one
 * speech thread exists at a time (speech_open refuses a second), so no lock is needed. */
static int start_espeak(void)
{
	static int rate;

	if (rate > 0)
		return rate;
	espeak_ng_InitializePath(NULL);
	if (espeak_ng_Initialize(NULL) != ENS_OK ||
	    espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL) != ENS_OK)
		return -1;
	rate = espeak_ng_GetSampleRate();
	espeak_SetSynthCallback(on_samples);
	return rate;
}

static void *speech_thread(void *arg)
{
	struct speech *s = arg;

	s->sample_rate = start_espeak();
	if (s->sample_rate <= 0)
		log_error("speech", "espeak-ng did not start (voices missing?)");
	pthread_mutex_lock(&s->lock);
	while (!s->quit) {
		if (s->flush) {
			s->flush = false;
			if (s->dev)
				SDL_ClearQueuedAudio(s->dev);
		}
		if (s->count == 0) {
			if (s->dev && SDL_GetQueuedAudioSize(s->dev) == 0) {
				/* Played out: give the device back until the next utterance. */
				close_audio(s);
			}
			if (s->dev) {
				/* Playing: look again shortly to close the device when done. */
				struct timespec ts;
				clock_gettime(CLOCK_REALTIME, &ts);
				ts.tv_nsec += 100 * 1000000L;
				if (ts.tv_nsec >= 1000000000L) {
					ts.tv_sec++;
					ts.tv_nsec -= 1000000000L;
				}
				pthread_cond_timedwait(&s->wake, &s->lock, &ts);
			} else {
				pthread_cond_wait(&s->wake, &s->lock);
			}
			continue;
		}
		struct utterance u = s->queue[s->head];
		int volume = s->volume, rate = s->rate;
		s->head = (s->head + 1) % QUEUE_MAX;
		s->count--;
		s->synth_gen = s->gen;
		pthread_mutex_unlock(&s->lock);
		if (s->sample_rate > 0)
			synthesise(s, &u, volume, rate);
		pthread_mutex_lock(&s->lock);
	}
	pthread_mutex_unlock(&s->lock);
	close_audio(s);
	return NULL;
}

int speech_open(int volume, int rate, struct speech **out)
{
	struct speech *s;

	if (current)
		return KIOSK_EINVAL; /* espeak-ng is one per process */
	s = calloc(1, sizeof(*s));
	if (!s)
		return KIOSK_ENOMEM;
	s->volume = volume;
	s->rate = rate;
	/* Audio is initialised here, on the main thread, as SDL wants. */
	s->audio_ok = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0;
	if (!s->audio_ok)
		log_warn("speech", "no audio: %s; speech is recorded but not heard",
			 SDL_GetError());
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->wake, NULL);
	current = s;
	if (pthread_create(&s->thread, NULL, speech_thread, s) != 0) {
		current = NULL;
		pthread_cond_destroy(&s->wake);
		pthread_mutex_destroy(&s->lock);
		if (s->audio_ok)
			SDL_QuitSubSystem(SDL_INIT_AUDIO);
		free(s);
		return KIOSK_EIO;
	}
	*out = s;
	return 0;
}

void speech_close(struct speech *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->quit = true;
	s->gen++;
	pthread_cond_signal(&s->wake);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	if (s->audio_ok)
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	pthread_cond_destroy(&s->wake);
	pthread_mutex_destroy(&s->lock);
	free(s->pcm);
	current = NULL;
	free(s);
}

static void drop_locked(struct speech *s)
{
	s->count = 0;
	s->gen++;
	s->flush = true;
	s->last_open = false;
}

static void push_locked(struct speech *s, enum core_lang lang, const char *text)
{
	struct utterance *u;

	if (s->count == QUEUE_MAX) { /* the oldest goes: what is new matters more */
		s->head = (s->head + 1) % QUEUE_MAX;
		s->count--;
	}
	u = &s->queue[(s->head + s->count) % QUEUE_MAX];
	u->lang = lang;
	snprintf(u->text, sizeof(u->text), "%s", text);
	s->count++;
}

void speech_say(struct speech *s, enum core_lang lang, const char *text, bool interrupt)
{
	if (!s || !text || !*text)
		return;
	pthread_mutex_lock(&s->lock);
	if (interrupt)
		drop_locked(s);
	if (!s->last_open) {
		s->last_count = 0;
		s->last_open = true;
	}
	if (s->last_count < QUEUE_MAX) {
		s->last[s->last_count].lang = lang;
		snprintf(s->last[s->last_count].text, TEXT_MAX, "%s", text);
		s->last_count++;
	}
	push_locked(s, lang, text);
	record(s, text);
	pthread_cond_signal(&s->wake);
	pthread_mutex_unlock(&s->lock);
}

void speech_stop(struct speech *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	drop_locked(s);
	pthread_cond_signal(&s->wake);
	pthread_mutex_unlock(&s->lock);
}

void speech_repeat(struct speech *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	int n = s->last_count;
	drop_locked(s);
	for (int i = 0; i < n; i++) {
		push_locked(s, s->last[i].lang, s->last[i].text);
		record(s, s->last[i].text);
	}
	s->last_open = true;
	pthread_cond_signal(&s->wake);
	pthread_mutex_unlock(&s->lock);
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void speech_adjust(struct speech *s, int volume_steps, int rate_steps)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->volume = clamp(s->volume + volume_steps * VOLUME_STEP, 20, 200);
	s->rate = clamp(s->rate + rate_steps * RATE_STEP, 100, 375);
	pthread_mutex_unlock(&s->lock);
}

void speech_set_voice(struct speech *s, int volume, int rate)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->volume = clamp(volume, 20, 200);
	s->rate = clamp(rate, 100, 375);
	pthread_mutex_unlock(&s->lock);
}

void speech_settings(struct speech *s, int *volume, int *rate)
{
	pthread_mutex_lock(&s->lock);
	*volume = s->volume;
	*rate = s->rate;
	pthread_mutex_unlock(&s->lock);
}

void speech_heard(struct speech *s, char *buf, size_t n)
{
	if (!n)
		return;
	buf[0] = '\0';
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	size_t from = s->heard_len + 1 > n ? s->heard_len + 1 - n : 0;
	snprintf(buf, n, "%s", s->heard + from);
	pthread_mutex_unlock(&s->lock);
}

unsigned long speech_samples(struct speech *s)
{
	unsigned long n;

	pthread_mutex_lock(&s->lock);
	n = s->samples;
	pthread_mutex_unlock(&s->lock);
	return n;
}
