/* What the card step shows for the terminal's display notifications
 * (terminal_tender_prompt): the vendor's events, the terminal's known words in English and
 * Spanish whatever their case and punctuation, and any other text as it came. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/core/core.h"
#include "app/payments/terminal_tender.h"

static int prompt_of_event(enum nexo_display_event e)
{
	struct nexo_display d = {.event = e};
	char text[96];

	return terminal_tender_prompt(&d, text, sizeof(text));
}

static int prompt_of_text(const char *words, char *text, size_t n)
{
	struct nexo_display d = {.event = NEXO_DISPLAY_NONE};

	snprintf(d.text, sizeof(d.text), "%s", words);
	return terminal_tender_prompt(&d, text, n);
}

static void test_events(void **state)
{
	(void)state;
	assert_int_equal(prompt_of_event(NEXO_DISPLAY_TENDER_CREATED), CORE_PROMPT_PRESENT_CARD);
	assert_int_equal(prompt_of_event(NEXO_DISPLAY_WAIT_FOR_PIN), CORE_PROMPT_ENTER_PIN);
	assert_int_equal(prompt_of_event(NEXO_DISPLAY_PIN_ENTERED), CORE_PROMPT_PROCESSING);
	assert_int_equal(prompt_of_event(NEXO_DISPLAY_CARD_INSERTED), CORE_PROMPT_PROCESSING);
	assert_int_equal(prompt_of_event(NEXO_DISPLAY_CARD_PRESENTED), CORE_PROMPT_PROCESSING);
	assert_int_equal(prompt_of_event(NEXO_DISPLAY_CARD_SWIPED), CORE_PROMPT_PROCESSING);
	assert_int_equal(prompt_of_event(NEXO_DISPLAY_WAIT_FOR_APP_SELECTION),
			 CORE_PROMPT_CHOOSE_APP);
	assert_int_equal(prompt_of_event(NEXO_DISPLAY_CARD_REMOVED), CORE_PROMPT_NONE);
	/* The result comes with the Payment's answer; the cashier's matters are not ours. */
	assert_int_equal(prompt_of_event(NEXO_DISPLAY_TENDER_FINAL), -1);
	assert_int_equal(prompt_of_event(NEXO_DISPLAY_ASK_GRATUITY), -1);
	assert_int_equal(prompt_of_event(NEXO_DISPLAY_NONE), -1); /* no event, no text */
}

static void test_known_words(void **state)
{
	static const struct {
		const char *words;
		int prompt;
	} cases[] = {
	    {"Remove card", CORE_PROMPT_REMOVE_CARD},
	    {"REMOVE CARD", CORE_PROMPT_REMOVE_CARD},
	    {"Card read OK, please remove card.", CORE_PROMPT_REMOVE_CARD},
	    {"Retire la tarjeta", CORE_PROMPT_REMOVE_CARD},
	    {"See phone", CORE_PROMPT_SEE_PHONE},
	    {"See Phone for Instructions", CORE_PROMPT_SEE_PHONE},
	    {"Mire su teléfono", CORE_PROMPT_SEE_PHONE},
	    {"Enter PIN", CORE_PROMPT_ENTER_PIN},
	    {"Introduzca su PIN", CORE_PROMPT_ENTER_PIN},
	    {"Processing...", CORE_PROMPT_PROCESSING},
	    {"Authorising, please wait", CORE_PROMPT_PROCESSING},
	    {"Try another card", CORE_PROMPT_TRY_ANOTHER_CARD},
	    {"Insert, swipe or try another card", CORE_PROMPT_TRY_ANOTHER_CARD},
	    {"Present card again", CORE_PROMPT_PRESENT_CARD},
	};
	char text[96];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int p = prompt_of_text(cases[i].words, text, sizeof(text));
		if (p != cases[i].prompt)
			fail_msg("\"%s\" gave %d, not %d", cases[i].words, p, cases[i].prompt);
		assert_string_equal(text, "");
	}
}

static void test_other_words(void **state)
{
	char text[16];

	(void)state;
	assert_int_equal(prompt_of_text("Card not supported", text, sizeof(text)),
			 CORE_PROMPT_TEXT);
	assert_string_equal(text, "Card not suppor"); /* cut to the room there is */
	assert_int_equal(prompt_of_text("Removed\tcard", text, sizeof(text)), CORE_PROMPT_TEXT);
	assert_string_equal(text, "Removed card"); /* no control characters on screen */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_events),
	    cmocka_unit_test(test_known_words),
	    cmocka_unit_test(test_other_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
