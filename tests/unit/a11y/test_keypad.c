/* The keypad map: defaults, configuration lines, and the errors a typo gets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "app/a11y/keypad.h"
#include "app/common/err.h"

static void defaults(void **state)
{
	struct keypad_map m;

	(void)state;
	keypad_defaults(&m);
	assert_int_equal(keypad_action_of(&m, SDLK_RETURN), KEYPAD_ENTER);
	assert_int_equal(keypad_action_of(&m, SDLK_KP_ENTER), KEYPAD_ENTER);
	assert_int_equal(keypad_action_of(&m, SDLK_BACKSPACE), KEYPAD_CLEAR);
	assert_int_equal(keypad_action_of(&m, SDLK_ESCAPE), KEYPAD_CANCEL);
	assert_int_equal(keypad_action_of(&m, SDLK_F1), KEYPAD_HELP);
	assert_int_equal(keypad_action_of(&m, SDLK_F2), KEYPAD_NONE); /* the sim reader's */
	for (int a = 0; a < KEYPAD_ACTION_COUNT; a++)
		assert_int_not_equal(keypad_first_key(&m, (enum keypad_action)a), SDLK_UNKNOWN);
}

static void configured(void **state)
{
	struct keypad_map m;
	char err[256];

	(void)state;
	keypad_defaults(&m);
	assert_int_equal(keypad_set(&m, "help", "Keypad *, F12", err, sizeof(err)), 0);
	assert_int_equal(keypad_set(&m, "enter", "KP_Enter", err, sizeof(err)), 0);
	assert_int_equal(keypad_action_of(&m, SDLK_KP_ENTER), KEYPAD_ENTER);
	assert_int_equal(keypad_action_of(&m, SDLK_RETURN), KEYPAD_NONE);
	assert_int_equal(keypad_action_of(&m, SDLK_KP_MULTIPLY), KEYPAD_HELP);
	assert_int_equal(keypad_action_of(&m, SDLK_F12), KEYPAD_HELP);
	assert_int_equal(keypad_action_of(&m, SDLK_F1), KEYPAD_NONE);
}

static void errors(void **state)
{
	struct keypad_map m;
	char err[256];

	(void)state;
	keypad_defaults(&m);
	assert_int_equal(keypad_set(&m, "jump", "F12", err, sizeof(err)), KIOSK_EINVAL);
	assert_non_null(strstr(err, "no such action"));
	assert_int_equal(keypad_set(&m, "help", "Retrun", err, sizeof(err)), KIOSK_EINVAL);
	assert_non_null(strstr(err, "'Retrun' is not an SDL key name"));
	assert_int_equal(keypad_set(&m, "help", "Escape", err, sizeof(err)), KIOSK_EINVAL);
	assert_non_null(strstr(err, "already the key for cancel"));
	assert_int_equal(keypad_set(&m, "help", " ", err, sizeof(err)), KIOSK_EINVAL);
	assert_int_equal(keypad_set(&m, "help", "F12,F13,F14,F15,F16", err, sizeof(err)),
			 KIOSK_EINVAL);
	/* a refused line leaves the map as it was */
	assert_int_equal(keypad_action_of(&m, SDLK_F1), KEYPAD_HELP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(defaults),
	    cmocka_unit_test(configured),
	    cmocka_unit_test(errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
