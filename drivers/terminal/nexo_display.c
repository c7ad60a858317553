/* nexo display notifications (see nexo_display.h): the strict parser the kiosk's display
 * endpoint uses and the builder terminal-sim sends with. */
#include "drivers/terminal/nexo_display.h"

#include <stdio.h>
#include <string.h>

#include "app/common/err.h"

static const char *const event_names[NEXO_DISPLAY_EVENT_COUNT] = {
    [NEXO_DISPLAY_NONE] = "",
    [NEXO_DISPLAY_TENDER_CREATED] = "TENDER_CREATED",
    [NEXO_DISPLAY_CARD_INSERTED] = "CARD_INSERTED",
    [NEXO_DISPLAY_CARD_PRESENTED] = "CARD_PRESENTED",
    [NEXO_DISPLAY_CARD_SWIPED] = "CARD_SWIPED",
    [NEXO_DISPLAY_WAIT_FOR_APP_SELECTION] = "WAIT_FOR_APP_SELECTION",
    [NEXO_DISPLAY_APPLICATION_SELECTED] = "APPLICATION_SELECTED",
    [NEXO_DISPLAY_ASK_SIGNATURE] = "ASK_SIGNATURE",
    [NEXO_DISPLAY_CHECK_SIGNATURE] = "CHECK_SIGNATURE",
    [NEXO_DISPLAY_SIGNATURE_CHECKED] = "SIGNATURE_CHECKED",
    [NEXO_DISPLAY_WAIT_FOR_PIN] = "WAIT_FOR_PIN",
    [NEXO_DISPLAY_PIN_ENTERED] = "PIN_ENTERED",
    [NEXO_DISPLAY_PRINT_RECEIPT] = "PRINT_RECEIPT",
    [NEXO_DISPLAY_RECEIPT_PRINTED] = "RECEIPT_PRINTED",
    [NEXO_DISPLAY_CARD_REMOVED] = "CARD_REMOVED",
    [NEXO_DISPLAY_TENDER_FINAL] = "TENDER_FINAL",
    [NEXO_DISPLAY_ASK_DCC] = "ASK_DCC",
    [NEXO_DISPLAY_DCC_ACCEPTED] = "DCC_ACCEPTED",
    [NEXO_DISPLAY_DCC_REJECTED] = "DCC_REJECTED",
    [NEXO_DISPLAY_ASK_GRATUITY] = "ASK_GRATUITY",
    [NEXO_DISPLAY_GRATUITY_ENTERED] = "GRATUITY_ENTERED",
    [NEXO_DISPLAY_BALANCE_QUERY_STARTED] = "BALANCE_QUERY_STARTED",
    [NEXO_DISPLAY_BALANCE_QUERY_COMPLETED] = "BALANCE_QUERY_COMPLETED",
    [NEXO_DISPLAY_LOAD_STARTED] = "LOAD_STARTED",
    [NEXO_DISPLAY_LOAD_COMPLETED] = "LOAD_COMPLETED",
    [NEXO_DISPLAY_PROVIDE_CARD_DETAILS] = "PROVIDE_CARD_DETAILS",
    [NEXO_DISPLAY_CARD_DETAILS_PROVIDED] = "CARD_DETAILS_PROVIDED",
};

const char *nexo_display_event_name(enum nexo_display_event e)
{
	return e >= 0 && e < NEXO_DISPLAY_EVENT_COUNT ? event_names[e] : "";
}

enum nexo_display_event nexo_display_event_parse(const char *name)
{
	for (int i = 1; name && i < NEXO_DISPLAY_EVENT_COUNT; i++)
		if (strcmp(name, event_names[i]) == 0)
			return (enum nexo_display_event)i;
	return NEXO_DISPLAY_NONE;
}

static const char *str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/* Copies a required string that fits; KIOSK_EPROTO otherwise. */
static int take(const json_t *obj, const char *key, char *out, size_t n)
{
	const char *v = str(obj, key);

	if (!v || !v[0] || strlen(v) >= n)
		return KIOSK_EPROTO;
	memcpy(out, v, strlen(v) + 1);
	return 0;
}

static int is(const json_t *obj, const char *key, const char *want)
{
	const char *v = str(obj, key);

	return v && strcmp(v, want) == 0;
}

static int parse_header(const json_t *h, struct nexo_display *out)
{
	if (!json_is_object(h) || !is(h, "ProtocolVersion", "3.0") ||
	    !is(h, "MessageClass", "Device") || !is(h, "MessageCategory", "Display") ||
	    !is(h, "MessageType", "Request") ||
	    take(h, "SaleID", out->sale_id, sizeof(out->sale_id)) ||
	    take(h, "ServiceID", out->service_id, sizeof(out->service_id)) ||
	    take(h, "POIID", out->poi_id, sizeof(out->poi_id)) ||
	    take(h, "DeviceID", out->device_id, sizeof(out->device_id)))
		return KIOSK_EPROTO;
	if (!nexo_id_ok(out->sale_id) || !nexo_id_ok(out->poi_id) ||
	    !nexo_service_id_ok(out->service_id))
		return KIOSK_EPROTO;
	return 0;
}

/* The terminal's words: every OutputText line's Text, joined by a space. */
static int parse_text(const json_t *lines, struct nexo_display *out)
{
	size_t used = 0, i;
	const json_t *line;

	if (!json_is_array(lines) || json_array_size(lines) == 0)
		return KIOSK_EPROTO;
	json_array_foreach(lines, i, line)
	{
		const char *t = str(line, "Text");
		if (!json_is_object(line) || !t)
			return KIOSK_EPROTO;
		used += (size_t)snprintf(out->text + used, sizeof(out->text) - used, "%s%s",
					 used ? " " : "", t);
		if (used >= sizeof(out->text))
			used = sizeof(out->text) - 1; /* a long text is cut, not refused */
	}
	return 0;
}

static int parse_output(const json_t *o, const struct nexo_doc *doc, struct nexo_display *out)
{
	const json_t *content = json_object_get(o, "OutputContent");
	const json_t *flag = json_object_get(o, "ResponseRequiredFlag");
	const json_t *min = json_object_get(o, "MinimumDisplayTime");
	const char *format = str(content, "OutputFormat");
	int seconds;

	if (!json_is_object(o) || !json_is_object(content) || !format || !str(o, "InfoQualify"))
		return KIOSK_EPROTO;
	if (is(o, "Device", "CustomerDisplay"))
		out->customer = true;
	else if (!is(o, "Device", "CashierDisplay"))
		return KIOSK_EPROTO;
	if ((flag && !json_is_boolean(flag)) || (min && nexo_doc_int(doc, min, &seconds) != 0))
		return KIOSK_EPROTO;
	if (strcmp(format, "MessageRef") == 0) {
		const char *ref = str(json_object_get(content, "PredefinedContent"), "ReferenceID");
		if (!ref || !ref[0])
			return KIOSK_EPROTO;
		/* Form-encoded key/values; "event" says what happened, others may come. */
		int rc = nexo_form_get(ref, "event", out->event_name, sizeof(out->event_name));
		if (rc == KIOSK_EPROTO)
			return rc;
		if (rc == 0)
			out->event = nexo_display_event_parse(out->event_name);
		rc = nexo_form_get(ref, "TransactionID", out->transaction_id,
				   sizeof(out->transaction_id));
		if (rc == KIOSK_EPROTO)
			return rc;
		return 0;
	}
	if (strcmp(format, "Text") == 0)
		return parse_text(json_object_get(content, "OutputText"), out);
	return KIOSK_EPROTO; /* XHTML, BarCode: nothing a kiosk mirrors */
}

int nexo_parse_display(const char *body, size_t len, struct nexo_display *out)
{
	struct nexo_doc doc;
	const json_t *msg, *outputs;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = nexo_json_load(body, len, &doc);
	if (rc)
		return rc;
	rc = KIOSK_EPROTO;
	msg = json_object_get(doc.root, "SaleToPOIRequest");
	if (!json_is_object(doc.root) || json_object_size(doc.root) != 1 || !json_is_object(msg) ||
	    json_object_size(msg) != 2)
		goto out;
	if (parse_header(json_object_get(msg, "MessageHeader"), out))
		goto out;
	outputs = json_object_get(json_object_get(msg, "DisplayRequest"), "DisplayOutput");
	if (!json_is_array(outputs) || json_array_size(outputs) == 0)
		goto out;
	/* Every output must be well formed; the first says what is shown. */
	for (size_t i = json_array_size(outputs); i-- > 0;) {
		struct nexo_display one = *out;
		memset(one.text, 0, sizeof(one.text));
		one.event = NEXO_DISPLAY_NONE;
		one.event_name[0] = one.transaction_id[0] = '\0';
		one.customer = false;
		if (parse_output(json_array_get(outputs, i), &doc, &one))
			goto out;
		if (i == 0)
			*out = one;
	}
	rc = 0;
out:
	nexo_doc_free(&doc);
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}

int nexo_build_display(const struct nexo_ids *ids, const char *device_id,
		       enum nexo_display_event event, const char *transaction_id, int64_t epoch_ms,
		       const char *text, char **out)
{
	char ts[32], ref[256], enc_ts[48];
	json_t *content, *doc;
	int rc;

	*out = NULL;
	if (!ids || !nexo_id_ok(ids->sale_id) || !nexo_id_ok(ids->poi_id) ||
	    !nexo_service_id_ok(ids->service_id) || !device_id || !device_id[0] ||
	    (event == NEXO_DISPLAY_NONE && (!text || !text[0])) ||
	    (event != NEXO_DISPLAY_NONE && (!transaction_id || !nexo_id_ok(transaction_id))))
		return KIOSK_EINVAL;
	if (event != NEXO_DISPLAY_NONE) {
		rc = nexo_timestamp(epoch_ms, ts, sizeof(ts));
		if (rc)
			return rc;
		/* The vendor escapes the time's colons ("10%3a16%3a14.000Z"). */
		size_t k = 0;
		for (const char *c = ts; *c && k + 4 < sizeof(enc_ts); c++) {
			if (*c == ':') {
				memcpy(enc_ts + k, "%3a", 3);
				k += 3;
			} else {
				enc_ts[k++] = *c;
			}
		}
		enc_ts[k] = '\0';
		snprintf(ref, sizeof(ref), "TransactionID=%s&TimeStamp=%s&event=%s", transaction_id,
			 enc_ts, nexo_display_event_name(event));
		content = json_pack("{s:s, s:{s:s}}", "OutputFormat", "MessageRef",
				    "PredefinedContent", "ReferenceID", ref);
	} else {
		content = json_pack("{s:s, s:[{s:s}]}", "OutputFormat", "Text", "OutputText",
				    "Text", text);
	}
	if (!content)
		return KIOSK_ENOMEM;
	doc =
	    json_pack("{s:{s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}, s:{s:[{s:s, s:s, s:o, "
		      "s:b}]}}}",
		      "SaleToPOIRequest", "MessageHeader", "ProtocolVersion", "3.0", "MessageClass",
		      "Device", "MessageCategory", "Display", "MessageType", "Request", "SaleID",
		      ids->sale_id, "ServiceID", ids->service_id, "POIID", ids->poi_id, "DeviceID",
		      device_id, "DisplayRequest", "DisplayOutput", "Device",
		      event != NEXO_DISPLAY_NONE ? "CashierDisplay" : "CustomerDisplay",
		      "InfoQualify", "Status", "OutputContent", content, "ResponseRequiredFlag", 0);
	if (!doc)
		return KIOSK_ENOMEM;
	rc = nexo_dump(doc, out);
	json_decref(doc);
	return rc;
}
