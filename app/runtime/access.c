/* Speech and look (ADA 707): speech on and off (with every timeout doubled while it is on),
 * high contrast and large text, and the configured look and speech each session starts with. */
#include <SDL.h>
#include <string.h>

#include "app/a11y/speech.h"
#include "app/common/err.h"
#include "app/common/log.h"
#include "app/i18n.h"
#include "app/runtime/app.h"

void access_say(struct app *a, const char *msgid, bool interrupt)
{
	if (a->speech)
		speech_say(a->speech, a->core.lang, i18n_tr(a->core.lang, msgid), interrupt);
}

/* Speech on or off ("Talk to me"). While it is on, every timeout is twice as long. */
void access_set_speech(struct app *a, bool on)
{
	if (on && !a->speech) {
		int rc = speech_open(a->cfg.speech_volume, a->cfg.speech_rate, &a->speech);
		if (rc) {
			log_error("main", "speech unavailable (%s)", kiosk_strerror(rc));
			return;
		}
		a11y_reset(&a->a11y);
		a->intro = true;
		/* The next frame is described in full; this follows it. */
		a->dirty = true;
	} else if (!on && a->speech) {
		speech_close(a->speech);
		a->speech = NULL;
		a->blank = false;
		a->dirty = true;
	}
	settings_apply_core(a);
}

void access_set_look(struct app *a, enum theme_id theme, bool large)
{
	if (ui_set_look(&a->ui, theme, large))
		log_error("main", "cannot switch the text size");
	a->dirty = true;
}

/* "headphones": speech is on when the system has an audio output. Whether headphones are
 * plugged into a jack is hardware specific (an ALSA jack control on most boards); a board
 * that can tell should set speech = on or off itself. */
static bool audio_present(void)
{
	bool present = false;

	if (SDL_InitSubSystem(SDL_INIT_AUDIO) == 0) {
		present = SDL_GetNumAudioDevices(0) > 0;
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	}
	return present;
}

/* Whether a session starts with speech: "on", or "headphones" and an audio output. */
bool access_speech_wanted(const struct kiosk_config *cfg)
{
	return !strcmp(cfg->speech, "on") ||
	       (!strcmp(cfg->speech, "headphones") && audio_present());
}

/* The next resident starts with the kiosk's configured look and speech, not with what the
 * last one chose (high contrast, large text, speech on), like the language. */
void access_restore_defaults(struct app *a)
{
	bool contrast, large;

	config_look(&a->cfg, &contrast, &large);
	enum theme_id theme = contrast ? THEME_HIGH_CONTRAST : THEME_DEFAULT;
	if (a->ui.theme_id != theme || a->ui.large_text != large)
		access_set_look(a, theme, large);
	if ((a->speech != NULL) != a->speech_default)
		access_set_speech(a, a->speech_default);
}

/* After the screen is drawn: speech describes the frame (and, once, how to use it); the privacy
 * blank hides it. */
void access_frame(struct app *a)
{
	if (a->speech) {
		a11y_frame(&a->a11y, &a->ui, core_screen_id(&a->core), a->speech);
		if (a->intro)
			access_say(a,
				   N_("Speech is on. Use the arrow keys to move, Enter to choose, "
				      "Clear to delete and Cancel to go back. Press Help again to "
				      "turn speech off."),
				   false);
		a->intro = false;
	}
	if (a->blank) {
		/* Privacy: the screen shows nothing; the frame is still there for speech. */
		SDL_SetRenderDrawColor(a->renderer, 0, 0, 0, 255);
		SDL_RenderClear(a->renderer);
	}
}
