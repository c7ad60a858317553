/* nexo display notifications (drivers/terminal/nexo_display.h): the vendor's shapes parse
 * (fixtures in nexo/, our values in the shapes of Adyen's open-source libraries' display
 * notification mocks), what the builder sends parses back, and anything else is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/common/err.h"
#include "drivers/terminal/nexo_display.h"
#include "tests/unit/drivers/nexo_fixture.h"

static void test_event_fixture(void **state)
{
	struct nexo_display d;
	size_t len;
	char *text = read_fixture("display-event.json", &len);

	(void)state;
	assert_int_equal(nexo_parse_display(text, len, &d), 0);
	assert_int_equal(d.event, NEXO_DISPLAY_WAIT_FOR_PIN);
	assert_string_equal(d.event_name, "WAIT_FOR_PIN");
	assert_string_equal(d.transaction_id, "K1-7f3a");
	assert_string_equal(d.sale_id, "KIOSK-0001");
	assert_string_equal(d.service_id, "Ab3d5F7h9J");
	assert_string_equal(d.poi_id, "V400m-324688179");
	assert_string_equal(d.device_id, "1733091591");
	assert_false(d.customer);
	assert_string_equal(d.text, "");
	free(text);
}

static void test_text_fixture(void **state)
{
	struct nexo_display d;
	size_t len;
	char *text = read_fixture("display-text.json", &len);

	(void)state;
	assert_int_equal(nexo_parse_display(text, len, &d), 0);
	assert_int_equal(d.event, NEXO_DISPLAY_NONE);
	assert_string_equal(d.text, "Remove card");
	assert_true(d.customer);
	free(text);
}

/* Every event the vendor names, and a text, through the builder and back. */
static void test_build_round_trip(void **state)
{
	struct nexo_ids ids = {"KIOSK-0001", "V400m-324688179", "Ab3d5F7h9J"};
	struct nexo_display d;
	char *body;

	(void)state;
	for (int e = NEXO_DISPLAY_TENDER_CREATED; e < NEXO_DISPLAY_EVENT_COUNT; e++) {
		assert_int_equal(nexo_build_display(&ids, "7", (enum nexo_display_event)e, "K1-42",
						    1764627591000LL, NULL, &body),
				 0);
		assert_non_null(strstr(body, "\"MessageClass\":\"Device\""));
		assert_non_null(strstr(body, "%3a")); /* the vendor's escaped time */
		assert_int_equal(nexo_parse_display(body, strlen(body), &d), 0);
		assert_int_equal(d.event, e);
		assert_string_equal(d.transaction_id, "K1-42");
		assert_string_equal(d.device_id, "7");
		free(body);
	}
	assert_int_equal(
	    nexo_build_display(&ids, "8", NEXO_DISPLAY_NONE, NULL, 0, "See phone", &body), 0);
	assert_int_equal(nexo_parse_display(body, strlen(body), &d), 0);
	assert_string_equal(d.text, "See phone");
	assert_true(d.customer);
	free(body);
	/* Nothing to say, or a bad ServiceID: nothing is built. */
	assert_int_equal(nexo_build_display(&ids, "9", NEXO_DISPLAY_NONE, NULL, 0, "", &body),
			 KIOSK_EINVAL);
	ids.service_id = "too-long-service-id";
	assert_int_equal(
	    nexo_build_display(&ids, "9", NEXO_DISPLAY_CARD_REMOVED, "K1-42", 0, NULL, &body),
	    KIOSK_EINVAL);
}

/* An unknown event is taken (a newer terminal) but named, not guessed. */
static void test_unknown_event(void **state)
{
	const char *doc =
	    "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
	    "\"MessageClass\":\"Device\",\"MessageCategory\":\"Display\",\"MessageType\":"
	    "\"Request\",\"SaleID\":\"K\",\"ServiceID\":\"A1\",\"POIID\":\"P\",\"DeviceID\":"
	    "\"1\"},\"DisplayRequest\":{\"DisplayOutput\":[{\"Device\":\"CashierDisplay\","
	    "\"InfoQualify\":\"Status\",\"OutputContent\":{\"OutputFormat\":\"MessageRef\","
	    "\"PredefinedContent\":{\"ReferenceID\":\"event=NEW_THING\"}}}]}}}";
	struct nexo_display d;

	(void)state;
	assert_int_equal(nexo_parse_display(doc, strlen(doc), &d), 0);
	assert_int_equal(d.event, NEXO_DISPLAY_NONE);
	assert_string_equal(d.event_name, "NEW_THING");
}

/* Strict: each of these breaks one rule of the shape. */
static void test_refusals(void **state)
{
	static const char *const bad[] = {
	    "",
	    "[]",
	    "{\"SaleToPOIResponse\":{}}",
	    /* MessageClass Service (a Payment's), not Device */
	    "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
	    "\"MessageClass\":\"Service\",\"MessageCategory\":\"Display\",\"MessageType\":"
	    "\"Request\",\"SaleID\":\"K\",\"ServiceID\":\"A1\",\"POIID\":\"P\",\"DeviceID\":"
	    "\"1\"},\"DisplayRequest\":{\"DisplayOutput\":[{\"Device\":\"CashierDisplay\","
	    "\"InfoQualify\":\"Status\",\"OutputContent\":{\"OutputFormat\":\"Text\","
	    "\"OutputText\":[{\"Text\":\"x\"}]}}]}}}",
	    /* no DeviceID */
	    "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
	    "\"MessageClass\":\"Device\",\"MessageCategory\":\"Display\",\"MessageType\":"
	    "\"Request\",\"SaleID\":\"K\",\"ServiceID\":\"A1\",\"POIID\":\"P\"},"
	    "\"DisplayRequest\":{\"DisplayOutput\":[{\"Device\":\"CashierDisplay\","
	    "\"InfoQualify\":\"Status\",\"OutputContent\":{\"OutputFormat\":\"Text\","
	    "\"OutputText\":[{\"Text\":\"x\"}]}}]}}}",
	    /* a ServiceID of 11 characters */
	    "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
	    "\"MessageClass\":\"Device\",\"MessageCategory\":\"Display\",\"MessageType\":"
	    "\"Request\",\"SaleID\":\"K\",\"ServiceID\":\"A1234567890\",\"POIID\":\"P\","
	    "\"DeviceID\":\"1\"},\"DisplayRequest\":{\"DisplayOutput\":[{\"Device\":"
	    "\"CashierDisplay\",\"InfoQualify\":\"Status\",\"OutputContent\":{\"OutputFormat\":"
	    "\"Text\",\"OutputText\":[{\"Text\":\"x\"}]}}]}}}",
	    /* no DisplayOutput */
	    "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
	    "\"MessageClass\":\"Device\",\"MessageCategory\":\"Display\",\"MessageType\":"
	    "\"Request\",\"SaleID\":\"K\",\"ServiceID\":\"A1\",\"POIID\":\"P\",\"DeviceID\":"
	    "\"1\"},\"DisplayRequest\":{\"DisplayOutput\":[]}}}",
	    /* MessageRef without a ReferenceID */
	    "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
	    "\"MessageClass\":\"Device\",\"MessageCategory\":\"Display\",\"MessageType\":"
	    "\"Request\",\"SaleID\":\"K\",\"ServiceID\":\"A1\",\"POIID\":\"P\",\"DeviceID\":"
	    "\"1\"},\"DisplayRequest\":{\"DisplayOutput\":[{\"Device\":\"CashierDisplay\","
	    "\"InfoQualify\":\"Status\",\"OutputContent\":{\"OutputFormat\":\"MessageRef\","
	    "\"OutputText\":[{\"Text\":\"x\"}]}}]}}}",
	    /* Text without OutputText */
	    "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
	    "\"MessageClass\":\"Device\",\"MessageCategory\":\"Display\",\"MessageType\":"
	    "\"Request\",\"SaleID\":\"K\",\"ServiceID\":\"A1\",\"POIID\":\"P\",\"DeviceID\":"
	    "\"1\"},\"DisplayRequest\":{\"DisplayOutput\":[{\"Device\":\"CashierDisplay\","
	    "\"InfoQualify\":\"Status\",\"OutputContent\":{\"OutputFormat\":\"Text\"}}]}}}",
	    /* a Device that is not a display */
	    "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
	    "\"MessageClass\":\"Device\",\"MessageCategory\":\"Display\",\"MessageType\":"
	    "\"Request\",\"SaleID\":\"K\",\"ServiceID\":\"A1\",\"POIID\":\"P\",\"DeviceID\":"
	    "\"1\"},\"DisplayRequest\":{\"DisplayOutput\":[{\"Device\":\"Printer\","
	    "\"InfoQualify\":\"Status\",\"OutputContent\":{\"OutputFormat\":\"Text\","
	    "\"OutputText\":[{\"Text\":\"x\"}]}}]}}}",
	    /* ResponseRequiredFlag as a string */
	    "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
	    "\"MessageClass\":\"Device\",\"MessageCategory\":\"Display\",\"MessageType\":"
	    "\"Request\",\"SaleID\":\"K\",\"ServiceID\":\"A1\",\"POIID\":\"P\",\"DeviceID\":"
	    "\"1\"},\"DisplayRequest\":{\"DisplayOutput\":[{\"Device\":\"CashierDisplay\","
	    "\"InfoQualify\":\"Status\",\"ResponseRequiredFlag\":\"false\",\"OutputContent\":"
	    "{\"OutputFormat\":\"Text\",\"OutputText\":[{\"Text\":\"x\"}]}}]}}}",
	    /* a second, broken output after a good one */
	    "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
	    "\"MessageClass\":\"Device\",\"MessageCategory\":\"Display\",\"MessageType\":"
	    "\"Request\",\"SaleID\":\"K\",\"ServiceID\":\"A1\",\"POIID\":\"P\",\"DeviceID\":"
	    "\"1\"},\"DisplayRequest\":{\"DisplayOutput\":[{\"Device\":\"CashierDisplay\","
	    "\"InfoQualify\":\"Status\",\"OutputContent\":{\"OutputFormat\":\"Text\","
	    "\"OutputText\":[{\"Text\":\"x\"}]}},{\"Device\":\"CashierDisplay\"}]}}}",
	    /* a bad escape in the ReferenceID */
	    "{\"SaleToPOIRequest\":{\"MessageHeader\":{\"ProtocolVersion\":\"3.0\","
	    "\"MessageClass\":\"Device\",\"MessageCategory\":\"Display\",\"MessageType\":"
	    "\"Request\",\"SaleID\":\"K\",\"ServiceID\":\"A1\",\"POIID\":\"P\",\"DeviceID\":"
	    "\"1\"},\"DisplayRequest\":{\"DisplayOutput\":[{\"Device\":\"CashierDisplay\","
	    "\"InfoQualify\":\"Status\",\"OutputContent\":{\"OutputFormat\":\"MessageRef\","
	    "\"PredefinedContent\":{\"ReferenceID\":\"event=WAIT%ZZ\"}}}]}}}",
	};
	struct nexo_display d;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = nexo_parse_display(bad[i], strlen(bad[i]), &d);
		if (rc != KIOSK_EPROTO)
			fail_msg("bad document %zu parsed (%d)", i, rc);
		assert_string_equal(d.service_id, "");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_event_fixture),    cmocka_unit_test(test_text_fixture),
	    cmocka_unit_test(test_build_round_trip), cmocka_unit_test(test_unknown_event),
	    cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
