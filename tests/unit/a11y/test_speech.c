/* Speech: espeak-ng really synthesises (English and Spanish) on its own thread, the text is
 * recorded, and stop, repeat and the volume and rate steps behave. Audio goes to SDL's dummy
 * driver (SDL_AUDIODRIVER=dummy, set by CTest). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/a11y/speech.h"

static void wait_samples(struct speech *s, unsigned long more_than)
{
	for (int i = 0; i < 500 && speech_samples(s) <= more_than; i++)
		usleep(10000);
	assert_true(speech_samples(s) > more_than);
}

static void speaks_both_languages(void **state)
{
	struct speech *s;
	char heard[1024];

	(void)state;
	assert_int_equal(speech_open(100, 175, &s), 0);
	speech_say(s, CORE_LANG_EN, "Find your bill", true);
	wait_samples(s, 1000);
	unsigned long after_en = speech_samples(s);
	speech_say(s, CORE_LANG_ES, "Busque su factura", true);
	wait_samples(s, after_en + 1000);
	speech_heard(s, heard, sizeof(heard));
	assert_string_equal(heard, "Find your bill\nBusque su factura\n");
	speech_close(s);
}

static void repeat_stop_and_steps(void **state)
{
	struct speech *s;
	char heard[1024];
	int volume, rate;

	(void)state;
	assert_int_equal(speech_open(100, 175, &s), 0);
	speech_say(s, CORE_LANG_EN, "Sign In", true);
	speech_say(s, CORE_LANG_EN, "Email, edit text", false);
	speech_repeat(s);
	speech_heard(s, heard, sizeof(heard));
	assert_string_equal(heard, "Sign In\nEmail, edit text\nSign In\nEmail, edit text\n");
	speech_stop(s);
	speech_adjust(s, 1, -1);
	speech_settings(s, &volume, &rate);
	assert_int_equal(volume, 120);
	assert_int_equal(rate, 150);
	speech_adjust(s, 100, 100);
	speech_settings(s, &volume, &rate);
	assert_int_equal(volume, 200);
	assert_int_equal(rate, 375);
	speech_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(speaks_both_languages),
	    cmocka_unit_test(repeat_stop_and_steps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
