/* The core's screen table: every screen has a full row (name, flow, Continue, Back), names are
 * unique, and what Back does is the row's, not where the screen stands in the enum. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/core/core.h"
#include "app/core/core_internal.h"

static void every_screen_has_a_full_row(void **state)
{
	int bad = 0;

	(void)state;
	for (int i = 0; i < CORE_SCREEN_COUNT; i++) {
		const struct core_screen_def *d = core_screen_def((enum core_screen)i);
		if (!d || !d->name || !*d->name || !d->next || !d->back ||
		    d->flow >= CORE_FLOW_COUNT) {
			fprintf(stderr, "FAIL: screen %d has no full row in the core's table\n", i);
			bad++;
			continue;
		}
		for (int j = 0; j < i; j++)
			if (!strcmp(core_screen_name((enum core_screen)j), d->name)) {
				fprintf(stderr, "FAIL: screens %d and %d are both \"%s\"\n", j, i,
					d->name);
				bad++;
			}
	}
	assert_int_equal(bad, 0);
	assert_null(core_screen_def(CORE_SCREEN_COUNT));
	assert_null(core_screen_name(CORE_SCREEN_COUNT));
	assert_int_equal(core_screen_flow(CORE_SCREEN_COUNT), CORE_FLOW_COUNT);
}

/* The screen ids journeys use stay what they were. */
static void names_are_the_journeys_ids(void **state)
{
	(void)state;
	assert_string_equal(core_screen_name(CORE_SCREEN_WELCOME), "welcome");
	assert_string_equal(core_screen_name(CORE_SCREEN_GUEST_LOOKUP), "guest-lookup");
	assert_string_equal(core_screen_name(CORE_SCREEN_AUTOPAY_REVIEW), "autopay-review");
	assert_string_equal(core_screen_name(CORE_SCREEN_SERVICE_RESTART), "service-restart");
	assert_string_equal(core_screen_name(CORE_SCREEN_OUT_OF_SERVICE), "out-of-service");
}

/* Between sessions is the idle flow only; staff screens are the staff flow only. */
static void flows_decide_session_and_staff(void **state)
{
	struct core_state s;

	(void)state;
	core_init(&s, NULL, 0);
	for (int i = 0; i < CORE_SCREEN_COUNT; i++) {
		s.screen = (enum core_screen)i;
		bool idle = i == CORE_SCREEN_WELCOME || i == CORE_SCREEN_OUT_OF_SERVICE;
		assert_int_equal(core_in_session(&s), !idle);
	}
	assert_int_equal(core_screen_flow(CORE_SCREEN_SERVICE_PIN), CORE_FLOW_STAFF);
	assert_int_equal(core_screen_flow(CORE_SCREEN_SERVICE_RESTART), CORE_FLOW_STAFF);
	/* The last screen of the enum is not staff because of where it stands. */
	assert_int_equal(core_screen_flow(CORE_SCREEN_OUT_OF_SERVICE), CORE_FLOW_IDLE);
}

/* Back does what the screen's row says: nothing on out of service (the last screen of the
 * enum, after the account screens), Sign In from Register with the cursor in its first
 * field. */
static void back_follows_the_row(void **state)
{
	struct core_state s;
	struct core_effects fx;
	struct core_event ev = {.type = CORE_EV_BACK, .now_ms = 1};

	(void)state;
	core_init(&s, NULL, 0);
	s.screen = CORE_SCREEN_OUT_OF_SERVICE;
	s.out_of_service = true;
	core_handle(&s, &ev, &fx);
	assert_int_equal(s.screen, CORE_SCREEN_OUT_OF_SERVICE);

	/* Going to a screen puts the cursor where its row says. */
	core_init(&s, NULL, 0);
	s.screen = CORE_SCREEN_REGISTER;
	core_handle(&s, &ev, &fx);
	assert_int_equal(s.screen, CORE_SCREEN_SIGN_IN);
	assert_int_equal(s.focus, CORE_FIELD_EMAIL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_screen_has_a_full_row),
	    cmocka_unit_test(names_are_the_journeys_ids),
	    cmocka_unit_test(flows_decide_session_and_staff),
	    cmocka_unit_test(back_follows_the_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
