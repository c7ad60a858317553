/* Unit tests for drivers/terminal/nexo: amounts exact both ways, requests as the Terminal API
 * documents them, and answers shaped as Adyen's libraries' fixtures (tests/unit/drivers/nexo/,
 * our own values in the vendor's shapes), including what must be refused and what must never
 * be kept (anything of the card number beyond its last four digits). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/common/err.h"
#include "drivers/terminal/nexo.h"
#include "tests/unit/drivers/nexo_fixture.h"

static int parse_fixture(const char *name, struct nexo_response *r)
{
	size_t len;
	char *text = read_fixture(name, &len);
	int rc = nexo_parse_response(text, len, r);

	free(text);
	return rc;
}

/* Whether needle occurs anywhere in the bytes of the struct. */
static int struct_holds(const void *s, size_t n, const char *needle)
{
	return memmem(s, n, needle, strlen(needle)) != NULL;
}

/* ---- amounts ---- */

/* Every amount from 0.01 to 99,999.99: cents -> decimal text -> cents, and the same value
 * written as an exponent (cents e-2) -> cents. No float anywhere on either path. */
static void amount_every_value_both_ways(void **state)
{
	char text[32];
	int64_t back;
	long long bad = 0;

	(void)state;
	for (int64_t c = 1; c <= 9999999; c++) {
		if (nexo_amount_format(c, text, sizeof(text)) != 0 ||
		    nexo_amount_parse(text, strlen(text), &back) != 0 || back != c) {
			bad++;
			continue;
		}
		/* the decimal has exactly two fraction digits */
		if (strlen(strchr(text, '.') + 1) != 2)
			bad++;
		snprintf(text, sizeof(text), "%llde-2", (long long)c);
		if (nexo_amount_parse(text, strlen(text), &back) != 0 || back != c)
			bad++;
	}
	assert_int_equal(bad, 0);
}

static int64_t amount_of(const char *text)
{
	int64_t c = -1;

	assert_int_equal(nexo_amount_parse(text, strlen(text), &c), 0);
	return c;
}

static void amount_forms(void **state)
{
	char text[32];

	(void)state;
	assert_int_equal(amount_of("12.34"), 1234);
	assert_int_equal(amount_of("12.3"), 1230);
	assert_int_equal(amount_of("12"), 1200);
	assert_int_equal(amount_of("0"), 0);
	assert_int_equal(amount_of("0.01"), 1);
	assert_int_equal(amount_of("1.2300"), 123);
	assert_int_equal(amount_of("1234e-2"), 1234);
	assert_int_equal(amount_of("1.5E2"), 15000);
	assert_int_equal(amount_of("0.0001e4"), 100);
	assert_int_equal(amount_of("99999999.99"), NEXO_AMOUNT_MAX_CENTS);
	assert_int_equal(nexo_amount_format(1, text, sizeof(text)), 0);
	assert_string_equal(text, "0.01");
	assert_int_equal(nexo_amount_format(100, text, sizeof(text)), 0);
	assert_string_equal(text, "1.00");
	assert_int_equal(nexo_amount_format(-1, text, sizeof(text)), KIOSK_EINVAL);
	assert_int_equal(nexo_amount_format(NEXO_AMOUNT_MAX_CENTS + 1, text, sizeof(text)),
			 KIOSK_EINVAL);
}

static void amount_refusals(void **state)
{
	static const char *const bad[] = {
	    "",
	    "-1.00",
	    "1.005",
	    "10.999",
	    "01.00",
	    "1.",
	    ".5",
	    "1e",
	    "1e+",
	    "+1",
	    "1,00",
	    "1.2.3",
	    "0x10",
	    "NaN",
	    "1e400",
	    "1 ",
	    "100000000.00",
	    "1e9",
	    "12345678901234567890123456789012345678901234567890",
	    "1.0e-3",
	};
	int64_t c;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(nexo_amount_parse(bad[i], strlen(bad[i]), &c), KIOSK_EPROTO);
}

/* The JSON path: the amount a request carries and the amount an answer carries come back as
 * the same cents, for every value up to 999.99 and a prime stride through the rest. */
static void amount_through_json_documents(void **state)
{
	const struct nexo_ids ids = {"KIOSK-1", "V400m-1", "Svc0000001"};
	long long bad = 0;

	(void)state;
	for (int64_t c = 1; c <= 9999999; c += c < 100000 ? 1 : 7919) {
		struct nexo_doc doc;
		json_t *v, *answer;
		char *json = NULL;
		int64_t back = -1;

		if (nexo_build_payment(&ids, "T1", 1764633600000LL, "USD", c, &json) != 0 ||
		    nexo_json_load(json, strlen(json), &doc) != 0) {
			bad++;
			free(json);
			continue;
		}
		v = json_object_get(
		    json_object_get(
			json_object_get(
			    json_object_get(json_object_get(doc.root, "SaleToPOIRequest"),
					    "PaymentRequest"),
			    "PaymentTransaction"),
			"AmountsReq"),
		    "RequestedAmount");
		if (nexo_doc_amount(&doc, v, &back) != 0 || back != c)
			bad++;
		nexo_doc_free(&doc);
		free(json);

		answer = json_pack("{s:o}", "AuthorizedAmount", nexo_json_amount(c));
		back = -1;
		if (nexo_dump(answer, &json) != 0 ||
		    nexo_json_load(json, strlen(json), &doc) != 0) {
			bad++;
		} else {
			if (nexo_doc_amount(&doc, json_object_get(doc.root, "AuthorizedAmount"),
					    &back) != 0 ||
			    back != c)
				bad++;
			nexo_doc_free(&doc);
		}
		json_decref(answer);
		free(json);
	}
	assert_int_equal(bad, 0);
}

static void doc_keeps_number_text(void **state)
{
	const char *text = "{\"a\": 10.10, \"b\": \"10.10\", \"c\": [1, -2.5e3, 0], \"d\": "
			   "\"x-1.5\\\"7\"}";
	struct nexo_doc doc;
	const char *t;
	size_t n;
	int64_t c;

	(void)state;
	assert_int_equal(nexo_json_load(text, strlen(text), &doc), 0);
	assert_int_equal(nexo_doc_number(&doc, json_object_get(doc.root, "a"), &t, &n), 0);
	assert_int_equal(n, 5);
	assert_memory_equal(t, "10.10", 5);
	/* a string is not a number, whatever it looks like */
	assert_int_equal(nexo_doc_amount(&doc, json_object_get(doc.root, "b"), &c), KIOSK_EPROTO);
	assert_string_equal(json_string_value(json_object_get(doc.root, "d")), "x-1.5\"7");
	assert_int_equal(
	    nexo_doc_number(&doc, json_array_get(json_object_get(doc.root, "c"), 1), &t, &n), 0);
	assert_memory_equal(t, "-2.5e3", 6);
	nexo_doc_free(&doc);
	assert_int_equal(nexo_json_load("{\"a\": 01}", 9, &doc), KIOSK_EPROTO);
	assert_int_equal(nexo_json_load("{\"a\": 1.}", 9, &doc), KIOSK_EPROTO);
	assert_int_equal(nexo_json_load("{\"a\": 1", 7, &doc), KIOSK_EPROTO);
	assert_int_equal(nexo_json_load("{\"a\":1,\"a\":2}", 13, &doc), KIOSK_EPROTO);
}

/* ---- requests ---- */

static json_t *request_body(const char *json, const char *key, struct nexo_doc *doc)
{
	json_t *msg, *h;

	assert_int_equal(nexo_json_load(json, strlen(json), doc), 0);
	msg = json_object_get(doc->root, "SaleToPOIRequest");
	assert_non_null(msg);
	assert_int_equal(json_object_size(msg), 2);
	h = json_object_get(msg, "MessageHeader");
	assert_string_equal(json_string_value(json_object_get(h, "ProtocolVersion")), "3.0");
	assert_string_equal(json_string_value(json_object_get(h, "MessageClass")), "Service");
	assert_string_equal(json_string_value(json_object_get(h, "MessageType")), "Request");
	assert_string_equal(json_string_value(json_object_get(h, "SaleID")), "KIOSK-0042");
	assert_string_equal(json_string_value(json_object_get(h, "ServiceID")), "Ab12345678");
	assert_string_equal(json_string_value(json_object_get(h, "POIID")), "V400m-324688179");
	return json_object_get(msg, key);
}

static const struct nexo_ids kiosk_ids = {"KIOSK-0042", "V400m-324688179", "Ab12345678"};

static void build_payment(void **state)
{
	struct nexo_doc doc;
	char *json = NULL;
	json_t *body, *sale;

	(void)state;
	assert_int_equal(
	    nexo_build_payment(&kiosk_ids, "K1-000042", 1764633591000LL, "USD", 1099, &json), 0);
	/* the decimal exactly as written on the wire */
	assert_non_null(strstr(json, "\"RequestedAmount\":10.99}"));
	body = request_body(json, "PaymentRequest", &doc);
	assert_string_equal(
	    json_string_value(json_object_get(
		json_object_get(json_object_get(doc.root, "SaleToPOIRequest"), "MessageHeader"),
		"MessageCategory")),
	    "Payment");
	sale = json_object_get(json_object_get(body, "SaleData"), "SaleTransactionID");
	assert_string_equal(json_string_value(json_object_get(sale, "TransactionID")), "K1-000042");
	assert_string_equal(json_string_value(json_object_get(sale, "TimeStamp")),
			    "2025-12-01T23:59:51.000Z");
	assert_string_equal(
	    json_string_value(json_object_get(
		json_object_get(json_object_get(body, "PaymentTransaction"), "AmountsReq"),
		"Currency")),
	    "USD");
	nexo_doc_free(&doc);
	free(json);

	assert_int_equal(nexo_build_payment(&kiosk_ids, "K1", 0, "USD", 0, &json), KIOSK_EINVAL);
	assert_int_equal(nexo_build_payment(&kiosk_ids, "K1", 0, "USD", -5, &json), KIOSK_EINVAL);
	assert_int_equal(nexo_build_payment(&kiosk_ids, "K1", 0, "usd", 5, &json), KIOSK_EINVAL);
	assert_int_equal(nexo_build_payment(&kiosk_ids, "K 1", 0, "USD", 5, &json), KIOSK_EINVAL);
	assert_int_equal(nexo_build_payment(&kiosk_ids, "K\"1", 0, "USD", 5, &json), KIOSK_EINVAL);
	{
		struct nexo_ids long_service = {"KIOSK-0042", "V400m-324688179", "Ab123456789"};
		assert_int_equal(nexo_build_payment(&long_service, "K1", 0, "USD", 5, &json),
				 KIOSK_EINVAL);
	}
	assert_null(json);
}

static void build_abort_status_reversal_diagnosis(void **state)
{
	struct nexo_doc doc;
	char *json = NULL;
	json_t *body, *ref, *orig;

	(void)state;
	assert_int_equal(nexo_build_abort(&kiosk_ids, "Pay0000001", &json), 0);
	body = request_body(json, "AbortRequest", &doc);
	ref = json_object_get(body, "MessageReference");
	assert_string_equal(json_string_value(json_object_get(ref, "MessageCategory")), "Payment");
	assert_string_equal(json_string_value(json_object_get(ref, "ServiceID")), "Pay0000001");
	assert_string_equal(json_string_value(json_object_get(ref, "SaleID")), "KIOSK-0042");
	assert_string_equal(json_string_value(json_object_get(body, "AbortReason")),
			    "MerchantAbort");
	nexo_doc_free(&doc);
	free(json);

	assert_int_equal(nexo_build_transaction_status(&kiosk_ids, "Pay0000001", &json), 0);
	body = request_body(json, "TransactionStatusRequest", &doc);
	ref = json_object_get(body, "MessageReference");
	assert_string_equal(json_string_value(json_object_get(ref, "ServiceID")), "Pay0000001");
	nexo_doc_free(&doc);
	free(json);

	assert_int_equal(nexo_build_reversal(&kiosk_ids, "k3x9001764515045000.9915645187654321",
					     "2026-11-30T15:04:05.000Z", &json),
			 0);
	body = request_body(json, "ReversalRequest", &doc);
	orig = json_object_get(json_object_get(body, "OriginalPOITransaction"), "POITransactionID");
	assert_string_equal(json_string_value(json_object_get(orig, "TransactionID")),
			    "k3x9001764515045000.9915645187654321");
	assert_string_equal(json_string_value(json_object_get(body, "ReversalReason")),
			    "MerchantCancel");
	nexo_doc_free(&doc);
	free(json);

	assert_int_equal(nexo_build_diagnosis(&kiosk_ids, &json), 0);
	body = request_body(json, "DiagnosisRequest", &doc);
	assert_true(json_is_false(json_object_get(body, "HostDiagnosisFlag")));
	nexo_doc_free(&doc);
	free(json);

	assert_int_equal(nexo_build_abort(&kiosk_ids, "", &json), KIOSK_EINVAL);
	assert_int_equal(nexo_build_reversal(&kiosk_ids, "", "x", &json), KIOSK_EINVAL);
}

static void service_ids_are_fresh(void **state)
{
	char a[11], b[11];

	(void)state;
	assert_int_equal(nexo_service_id_new(a, sizeof(a)), 0);
	assert_int_equal(nexo_service_id_new(b, sizeof(b)), 0);
	assert_true(nexo_service_id_ok(a));
	assert_true(nexo_service_id_ok(b));
	assert_string_not_equal(a, b);
	assert_int_equal(nexo_service_id_new(a, 10), KIOSK_EINVAL);
	/* derived from a journaled key: the same key, the same id; another key, another id */
	assert_int_equal(nexo_service_id_for("pay-0001-abcdef", a, sizeof(a)), 0);
	assert_int_equal(nexo_service_id_for("pay-0001-abcdef", b, sizeof(b)), 0);
	assert_true(nexo_service_id_ok(a));
	assert_string_equal(a, b);
	assert_int_equal(nexo_service_id_for("pay-0002-abcdef", b, sizeof(b)), 0);
	assert_string_not_equal(a, b);
	assert_int_equal(nexo_service_id_for("", b, sizeof(b)), KIOSK_EINVAL);
}

/* ---- answers ---- */

static void parse_payment_tapped(void **state)
{
	struct nexo_response r;
	const struct nexo_payment_result *p = &r.payment;
	int pan_line = 0;

	(void)state;
	assert_int_equal(parse_fixture("payment-tapped-mc.json", &r), 0);
	assert_int_equal(r.header.category, NEXO_CAT_PAYMENT);
	assert_string_equal(r.header.service_id, "7Hq2Zr01Ab");
	assert_int_equal(r.outcome.result, NEXO_RESULT_SUCCESS);
	assert_int_equal(r.outcome.error, NEXO_ERR_NONE);
	assert_true(r.has_payment);
	assert_string_equal(p->sale_txn_id, "K1-000042");
	assert_string_equal(p->poi_txn_id, "k3x9001764515045000.9915645187654321");
	assert_string_equal(p->poi_txn_ts, "2026-11-30T15:04:05.000Z");
	assert_true(p->has_amount);
	assert_int_equal(p->authorized_cents, 1099);
	assert_string_equal(p->currency, "USD");
	assert_int_equal(p->entry, NEXO_ENTRY_TAP);
	assert_string_equal(p->brand, "mc");
	assert_string_equal(p->last4, "4444");
	assert_string_equal(p->approval_code, "A1B2C3");
	assert_string_equal(p->aid, "A0000000041010");
	assert_string_equal(p->app_name, "MASTERCARD DEBIT");
	/* the cardholder's copy only, decoded */
	assert_int_equal(p->receipt_lines, 15);
	assert_string_equal(p->receipt[1].name, "CARDHOLDER COPY");
	assert_true(p->receipt[1].bold);
	assert_string_equal(p->receipt[3].value, "30/11/26");
	for (int i = 0; i < p->receipt_lines; i++) {
		if (strcmp(p->receipt[i].key, "pan") == 0) {
			assert_string_equal(p->receipt[i].value, "**** 4444");
			pan_line = 1;
		}
	}
	assert_true(pan_line);
	assert_string_equal(p->receipt[12].value, "$10.99");
	/* Nothing of the card beyond its last four: not the BIN, the alias or the expiry. */
	assert_false(struct_holds(&r, sizeof(r), "555555"));
	assert_false(struct_holds(&r, sizeof(r), "H167852639363479"));
	assert_false(struct_holds(&r, sizeof(r), "2028"));
	assert_int_equal(
	    nexo_check_reply(&r, NEXO_CAT_PAYMENT,
			     &(struct nexo_ids){"KIOSK-0042", "V400m-324688179", "7Hq2Zr01Ab"}),
	    0);
	assert_int_equal(
	    nexo_check_reply(&r, NEXO_CAT_PAYMENT,
			     &(struct nexo_ids){"KIOSK-0042", "V400m-324688179", "7Hq2Zr01Ac"}),
	    KIOSK_EPROTO);
	assert_int_equal(
	    nexo_check_reply(&r, NEXO_CAT_DIAGNOSIS,
			     &(struct nexo_ids){"KIOSK-0042", "V400m-324688179", "7Hq2Zr01Ab"}),
	    KIOSK_EPROTO);
	assert_int_equal(nexo_check_reply(&r, NEXO_CAT_PAYMENT,
					  &(struct nexo_ids){"KIOSK-0042", "P400-1", "7Hq2Zr01Ab"}),
			 KIOSK_EPROTO);
}

static void parse_payment_declined(void **state)
{
	struct nexo_response r;

	(void)state;
	assert_int_equal(parse_fixture("payment-declined.json", &r), 0);
	assert_int_equal(r.outcome.result, NEXO_RESULT_FAILURE);
	assert_int_equal(r.outcome.error, NEXO_ERR_REFUSAL);
	assert_int_equal(r.payment.outcome.error, NEXO_ERR_REFUSAL);
	assert_string_equal(r.payment.outcome.refusal_reason, "Refused");
	assert_string_equal(r.payment.outcome.message, "DECLINED");
	assert_int_equal(r.payment.entry, NEXO_ENTRY_CHIP);
	assert_string_equal(r.payment.last4, "0002");
	assert_int_equal(r.payment.authorized_cents, 0);
	assert_string_equal(r.payment.approval_code, "");
	assert_false(struct_holds(&r, sizeof(r), "400000"));
}

static void parse_payment_chip_whole_dollars(void **state)
{
	struct nexo_response r;

	(void)state;
	assert_int_equal(parse_fixture("payment-chip-whole-dollars.json", &r), 0);
	assert_int_equal(r.payment.authorized_cents, 2500);
	assert_int_equal(r.payment.entry, NEXO_ENTRY_CHIP);
	assert_string_equal(r.payment.aid, "A0000000031010");
	assert_string_equal(r.payment.app_name, "VISA CREDIT");
	assert_string_equal(r.payment.approval_code, "004417");
	assert_string_equal(nexo_entry_name(r.payment.entry), "chip");
}

static void parse_payment_wallet(void **state)
{
	struct nexo_response r;

	(void)state;
	assert_int_equal(parse_fixture("payment-wallet.json", &r), 0);
	assert_int_equal(r.payment.entry, NEXO_ENTRY_WALLET);
	assert_int_equal(r.payment.authorized_cents, 15000);
	assert_string_equal(r.payment.last4, "7788");
}

static void parse_transaction_status(void **state)
{
	struct nexo_response r;

	(void)state;
	assert_int_equal(parse_fixture("status-repeated.json", &r), 0);
	assert_int_equal(r.header.category, NEXO_CAT_TRANSACTION_STATUS);
	assert_int_equal(r.outcome.result, NEXO_RESULT_SUCCESS);
	assert_string_equal(r.ref_service_id, "7Hq2Zr01Ab");
	assert_int_equal(r.ref_category, NEXO_CAT_PAYMENT);
	assert_true(r.has_payment);
	assert_int_equal(r.payment.outcome.result, NEXO_RESULT_SUCCESS);
	assert_string_equal(r.payment.sale_txn_id, "K1-000042");
	assert_int_equal(r.payment.authorized_cents, 1099);
	assert_string_equal(r.payment.last4, "4444");

	assert_int_equal(parse_fixture("status-in-progress.json", &r), 0);
	assert_int_equal(r.outcome.error, NEXO_ERR_IN_PROGRESS);
	assert_string_equal(r.ref_service_id, "7Hq2Zr01Ab");
	assert_false(r.has_payment);

	assert_int_equal(parse_fixture("status-not-found.json", &r), 0);
	assert_int_equal(r.outcome.error, NEXO_ERR_NOT_FOUND);
	assert_string_equal(r.outcome.message, "Transaction not found");
}

static void parse_reversal_and_diagnosis(void **state)
{
	struct nexo_response r;

	(void)state;
	assert_int_equal(parse_fixture("reversal.json", &r), 0);
	assert_int_equal(r.header.category, NEXO_CAT_REVERSAL);
	assert_int_equal(r.outcome.result, NEXO_RESULT_SUCCESS);
	assert_string_equal(r.reversal_poi_txn_id, "r3v3001764515400000.9915645187650009");
	assert_true(r.has_reversed_amount);
	assert_int_equal(r.reversed_cents, 1099);

	assert_int_equal(parse_fixture("diagnosis.json", &r), 0);
	assert_int_equal(r.header.category, NEXO_CAT_DIAGNOSIS);
	assert_string_equal(r.global_status, "OK");
}

static void parse_events(void **state)
{
	struct nexo_response r;

	(void)state;
	assert_int_equal(parse_fixture("event-reject.json", &r), 0);
	assert_int_equal(r.header.category, NEXO_CAT_EVENT);
	assert_string_equal(r.event, "Reject");
	assert_string_equal(r.event_details, "Invalid POIID in MessageHeader");
	assert_int_equal(r.outcome.result, NEXO_RESULT_FAILURE);
	assert_int_equal(r.outcome.error, NEXO_ERR_MESSAGE_FORMAT);
	/* a Reject answers whatever was sent */
	assert_int_equal(nexo_check_reply(&r, NEXO_CAT_PAYMENT, &kiosk_ids), 0);

	assert_int_equal(parse_fixture("event-maintenance.json", &r), 0);
	assert_string_equal(r.event, "BeginMaintenance");
	assert_string_equal(r.event_details, "Daily restart");
	assert_string_equal(r.display_text, "Restarting back in a minute");
}

static void parse_refusals(void **state)
{
	static const char *const bad[] = {"bad-string-amount.json", "bad-fraction-of-cent.json",
					  "bad-success-without-amount.json",
					  "bad-request-type.json"};
	struct nexo_response r;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse_fixture(bad[i], &r), KIOSK_EPROTO);
		assert_int_equal(r.header.category, NEXO_CAT_NONE);
	}
	assert_int_equal(nexo_parse_response("", 0, &r), KIOSK_EPROTO);
	assert_int_equal(nexo_parse_response("[]", 2, &r), KIOSK_EPROTO);
	assert_int_equal(nexo_parse_response("{\"SaleToPOIResponse\":{}}", 24, &r), KIOSK_EPROTO);
	assert_int_equal(
	    nexo_parse_response("{\"SaleToPOIResponse\":{\"MessageHeader\":{\"Mess", 44, &r),
	    KIOSK_EPROTO);
}

static void url_decoding(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(nexo_url_decode("a%20b+c%2F%2f", 13, out, sizeof(out)), 0);
	assert_string_equal(out, "a b c//");
	assert_int_equal(nexo_url_decode("%e2%82%ac%c2%a01.00", 19, out, sizeof(out)), 0);
	assert_string_equal(out, "\xe2\x82\xac\xc2\xa0"
				 "1.00");
	assert_int_equal(nexo_url_decode("%2", 2, out, sizeof(out)), KIOSK_EPROTO);
	assert_int_equal(nexo_url_decode("%zz", 3, out, sizeof(out)), KIOSK_EPROTO);
	assert_int_equal(nexo_url_decode("a%00b", 5, out, sizeof(out)), KIOSK_EPROTO);
	assert_int_equal(nexo_form_get("name=AID&value=A000&key=aid", "value", out, sizeof(out)),
			 0);
	assert_string_equal(out, "A000");
	assert_int_equal(nexo_form_get("name=AID&value=A000", "key", out, sizeof(out)),
			 KIOSK_ENOTFOUND);
	assert_int_equal(nexo_form_get("xkey=1&key=2", "key", out, sizeof(out)), 0);
	assert_string_equal(out, "2");
}

static void names(void **state)
{
	(void)state;
	assert_int_equal(nexo_error_parse("WrongPIN"), NEXO_ERR_WRONG_PIN);
	assert_int_equal(nexo_error_parse("Cancel"), NEXO_ERR_CANCEL);
	assert_int_equal(nexo_error_parse("SomethingNew"), NEXO_ERR_OTHER);
	assert_string_equal(nexo_error_name(NEXO_ERR_IN_PROGRESS), "InProgress");
	assert_string_equal(nexo_category_name(NEXO_CAT_TRANSACTION_STATUS), "TransactionStatus");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(amount_every_value_both_ways),
	    cmocka_unit_test(amount_forms),
	    cmocka_unit_test(amount_refusals),
	    cmocka_unit_test(amount_through_json_documents),
	    cmocka_unit_test(doc_keeps_number_text),
	    cmocka_unit_test(build_payment),
	    cmocka_unit_test(build_abort_status_reversal_diagnosis),
	    cmocka_unit_test(service_ids_are_fresh),
	    cmocka_unit_test(parse_payment_tapped),
	    cmocka_unit_test(parse_payment_declined),
	    cmocka_unit_test(parse_payment_chip_whole_dollars),
	    cmocka_unit_test(parse_payment_wallet),
	    cmocka_unit_test(parse_transaction_status),
	    cmocka_unit_test(parse_reversal_and_diagnosis),
	    cmocka_unit_test(parse_events),
	    cmocka_unit_test(parse_refusals),
	    cmocka_unit_test(url_decoding),
	    cmocka_unit_test(names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
