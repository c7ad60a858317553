/* Widgets carry tags, not core events: a screen's tag comes back as the event it stands for,
 * and the toolkit's keys (typed text, Delete, Clear, Shift) become the core's typing events. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/core/core.h"
#include "app/screens/screens.h"
#include "app/screens/screens_internal.h"
#include "app/ui/ui.h"

static struct core_event tapped(int tag, const char *key)
{
	struct ui_widget w;

	memset(&w, 0, sizeof(w));
	w.tag = tag;
	snprintf(w.key, sizeof(w.key), "%s", key);
	return screens_event(&w);
}

static void screen_tags_come_back_as_their_events(void **state)
{
	struct core_event ev;

	(void)state;
	ev = tapped(screen_tag(CORE_EV_FOCUS, CORE_FIELD_REFERENCE), "");
	assert_int_equal(ev.type, CORE_EV_FOCUS);
	assert_int_equal(ev.field, CORE_FIELD_REFERENCE);
	ev = tapped(screen_tag(CORE_EV_SET_VERIFY, CORE_VERIFY_LAST_BILL), "");
	assert_int_equal(ev.type, CORE_EV_SET_VERIFY);
	assert_int_equal(ev.verify, CORE_VERIFY_LAST_BILL);
	ev = tapped(screen_tag(CORE_EV_SERVICE_ACTION, CORE_SVC_HOME), "");
	assert_int_equal(ev.type, CORE_EV_SERVICE_ACTION);
	assert_int_equal(ev.choice, CORE_SVC_HOME);
	ev = tapped(screen_tag(CORE_EV_SELECT_ACCOUNT, CORE_MAX_ACCOUNTS - 1), "");
	assert_int_equal(ev.type, CORE_EV_SELECT_ACCOUNT);
	assert_int_equal(ev.choice, CORE_MAX_ACCOUNTS - 1);
	/* Every event type survives the trip, the last one included. */
	for (int t = CORE_EV_TICK; t <= CORE_EV_OUT_OF_SERVICE; t++)
		assert_int_equal(tapped(TAG((enum core_event_type)t), "").type, t);
	/* An argument that does not fit is a plain touch, never another choice. */
	assert_int_equal(screen_tag(CORE_EV_SELECT_ACCOUNT, 256), UI_TAG_TOUCH);
	assert_int_equal(screen_tag(CORE_EV_SELECT_ACCOUNT, -1), UI_TAG_TOUCH);
	assert_int_equal(tapped(UI_TAG_TOUCH, "").type, CORE_EV_TOUCH);
}

static void keys_type_what_they_show(void **state)
{
	struct core_event ev;

	(void)state;
	ev = tapped(UI_TAG_KEY, "\xC3\x91"); /* Ñ */
	assert_int_equal(ev.type, CORE_EV_KEY);
	assert_string_equal(ev.text, "\xC3\x91");
	assert_int_equal(tapped(UI_TAG_DELETE, "").type, CORE_EV_BACKSPACE);
	assert_int_equal(tapped(UI_TAG_CLEAR, "").type, CORE_EV_CLEAR);
	assert_int_equal(tapped(UI_TAG_SHIFT, "").type, CORE_EV_SHIFT);
}

/* The event is small: the portal's account answer travels beside it, not in it. */
static void events_are_small(void **state)
{
	(void)state;
	printf("sizeof(struct core_event) = %zu, sizeof(struct ui_widget) = %zu\n",
	       sizeof(struct core_event), sizeof(struct ui_widget));
	assert_true(sizeof(struct core_event) < sizeof(struct core_account_result));
	assert_true(sizeof(struct ui_widget) < sizeof(struct core_event));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(screen_tags_come_back_as_their_events),
	    cmocka_unit_test(keys_type_what_they_show),
	    cmocka_unit_test(events_are_small),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
