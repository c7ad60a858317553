/* nexo Sale-to-POI messages: the kiosk's requests and the terminal's answers, shaped as in
 * Adyen's Terminal API reference and its libraries' test fixtures. */
#include "drivers/terminal/nexo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"

#define PROTOCOL_VERSION "3.0"

static const char *const category_names[] = {
    [NEXO_CAT_NONE] = "",
    [NEXO_CAT_PAYMENT] = "Payment",
    [NEXO_CAT_ABORT] = "Abort",
    [NEXO_CAT_TRANSACTION_STATUS] = "TransactionStatus",
    [NEXO_CAT_REVERSAL] = "Reversal",
    [NEXO_CAT_DIAGNOSIS] = "Diagnosis",
    [NEXO_CAT_EVENT] = "Event",
};

static const char *const error_names[] = {
    [NEXO_ERR_NONE] = "",
    [NEXO_ERR_ABORTED] = "Aborted",
    [NEXO_ERR_BUSY] = "Busy",
    [NEXO_ERR_CANCEL] = "Cancel",
    [NEXO_ERR_DEVICE_OUT] = "DeviceOut",
    [NEXO_ERR_IN_PROGRESS] = "InProgress",
    [NEXO_ERR_INSERTED_CARD] = "InsertedCard",
    [NEXO_ERR_INVALID_CARD] = "InvalidCard",
    [NEXO_ERR_LOGGED_OUT] = "LoggedOut",
    [NEXO_ERR_MESSAGE_FORMAT] = "MessageFormat",
    [NEXO_ERR_NOT_ALLOWED] = "NotAllowed",
    [NEXO_ERR_NOT_FOUND] = "NotFound",
    [NEXO_ERR_PAYMENT_RESTRICTION] = "PaymentRestriction",
    [NEXO_ERR_REFUSAL] = "Refusal",
    [NEXO_ERR_UNAVAILABLE_DEVICE] = "UnavailableDevice",
    [NEXO_ERR_UNAVAILABLE_SERVICE] = "UnavailableService",
    [NEXO_ERR_UNREACHABLE_HOST] = "UnreachableHost",
    [NEXO_ERR_WRONG_PIN] = "WrongPIN",
    [NEXO_ERR_OTHER] = "Other",
};

static const char *const entry_names[] = {
    [NEXO_ENTRY_UNKNOWN] = "unknown", [NEXO_ENTRY_CHIP] = "chip",     [NEXO_ENTRY_TAP] = "tap",
    [NEXO_ENTRY_SWIPE] = "swipe",     [NEXO_ENTRY_WALLET] = "wallet", [NEXO_ENTRY_KEYED] = "keyed",
};

const char *nexo_category_name(enum nexo_category c)
{
	return (unsigned)c < sizeof(category_names) / sizeof(category_names[0]) ? category_names[c]
										: "";
}

const char *nexo_error_name(enum nexo_error e)
{
	return (unsigned)e < sizeof(error_names) / sizeof(error_names[0]) ? error_names[e] : "";
}

enum nexo_error nexo_error_parse(const char *name)
{
	for (size_t i = 1; i < NEXO_ERR_OTHER; i++)
		if (strcmp(name, error_names[i]) == 0)
			return (enum nexo_error)i;
	return NEXO_ERR_OTHER;
}

const char *nexo_entry_name(enum nexo_entry e)
{
	return (unsigned)e < sizeof(entry_names) / sizeof(entry_names[0]) ? entry_names[e]
									  : "unknown";
}

static enum nexo_category category_parse(const char *s)
{
	for (size_t i = NEXO_CAT_PAYMENT; i <= NEXO_CAT_EVENT; i++)
		if (strcmp(s, category_names[i]) == 0)
			return (enum nexo_category)i;
	return NEXO_CAT_NONE;
}

/* Copies as much of src as fits (text meant for people and logs, never an identifier). */
static void copy_text(char *dst, size_t n, const char *src)
{
	size_t len = strlen(src);

	if (len >= n)
		len = n - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* ---- requests ---- */

static int ids_ok(const struct nexo_ids *ids)
{
	return ids && nexo_id_ok(ids->sale_id) && nexo_id_ok(ids->poi_id) &&
	       nexo_service_id_ok(ids->service_id);
}

/* {"SaleToPOIRequest":{"MessageHeader":{...},"<Category>Request":body}}; takes body. */
static int wrap_request(const struct nexo_ids *ids, enum nexo_category cat, json_t *body,
			char **out)
{
	char key[40];
	json_t *header, *doc = NULL;
	int rc = KIOSK_ENOMEM;

	*out = NULL;
	if (!body)
		return KIOSK_ENOMEM;
	header = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "ProtocolVersion",
			   PROTOCOL_VERSION, "MessageClass", "Service", "MessageCategory",
			   nexo_category_name(cat), "MessageType", "Request", "SaleID",
			   ids->sale_id, "ServiceID", ids->service_id, "POIID", ids->poi_id);
	snprintf(key, sizeof(key), "%sRequest", nexo_category_name(cat));
	if (header)
		doc = json_pack("{s:{s:o, s:o}}", "SaleToPOIRequest", "MessageHeader", header, key,
				body);
	else
		json_decref(body);
	if (doc)
		rc = nexo_dump(doc, out);
	json_decref(doc);
	return rc;
}

int nexo_build_payment(const struct nexo_ids *ids, const char *sale_txn_id, int64_t epoch_ms,
		       const char *currency, int64_t cents, char **out)
{
	char ts[32];
	json_t *amount;

	*out = NULL;
	if (!ids_ok(ids) || !nexo_id_ok(sale_txn_id) || !currency || strlen(currency) != 3 ||
	    cents <= 0 || nexo_timestamp(epoch_ms, ts, sizeof(ts)) != 0)
		return KIOSK_EINVAL;
	for (int i = 0; i < 3; i++)
		if (currency[i] < 'A' || currency[i] > 'Z')
			return KIOSK_EINVAL;
	amount = nexo_json_amount(cents);
	if (!amount)
		return KIOSK_EINVAL;
	return wrap_request(ids, NEXO_CAT_PAYMENT,
			    json_pack("{s:{s:{s:s, s:s}}, s:{s:{s:s, s:o}}}", "SaleData",
				      "SaleTransactionID", "TransactionID", sale_txn_id,
				      "TimeStamp", ts, "PaymentTransaction", "AmountsReq",
				      "Currency", currency, "RequestedAmount", amount),
			    out);
}

static json_t *message_reference(const struct nexo_ids *ids, const char *service_id)
{
	return json_pack("{s:s, s:s, s:s, s:s}", "MessageCategory", "Payment", "SaleID",
			 ids->sale_id, "ServiceID", service_id, "POIID", ids->poi_id);
}

int nexo_build_abort(const struct nexo_ids *ids, const char *payment_service_id, char **out)
{
	json_t *ref;

	*out = NULL;
	if (!ids_ok(ids) || !nexo_service_id_ok(payment_service_id))
		return KIOSK_EINVAL;
	ref = message_reference(ids, payment_service_id);
	if (!ref)
		return KIOSK_ENOMEM;
	return wrap_request(
	    ids, NEXO_CAT_ABORT,
	    json_pack("{s:o, s:s}", "MessageReference", ref, "AbortReason", "MerchantAbort"), out);
}

int nexo_build_transaction_status(const struct nexo_ids *ids, const char *payment_service_id,
				  char **out)
{
	json_t *ref;

	*out = NULL;
	if (!ids_ok(ids) || !nexo_service_id_ok(payment_service_id))
		return KIOSK_EINVAL;
	ref = message_reference(ids, payment_service_id);
	if (!ref)
		return KIOSK_ENOMEM;
	return wrap_request(ids, NEXO_CAT_TRANSACTION_STATUS,
			    json_pack("{s:o}", "MessageReference", ref), out);
}

int nexo_build_reversal(const struct nexo_ids *ids, const char *poi_txn_id, const char *poi_txn_ts,
			char **out)
{
	*out = NULL;
	if (!ids_ok(ids) || !poi_txn_id || !poi_txn_id[0] || strlen(poi_txn_id) > 64 ||
	    !poi_txn_ts || !poi_txn_ts[0] || strlen(poi_txn_ts) > 39)
		return KIOSK_EINVAL;
	return wrap_request(ids, NEXO_CAT_REVERSAL,
			    json_pack("{s:{s:s, s:s, s:{s:s, s:s}}, s:s}", "OriginalPOITransaction",
				      "SaleID", ids->sale_id, "POIID", ids->poi_id,
				      "POITransactionID", "TransactionID", poi_txn_id, "TimeStamp",
				      poi_txn_ts, "ReversalReason", "MerchantCancel"),
			    out);
}

int nexo_build_diagnosis(const struct nexo_ids *ids, char **out)
{
	*out = NULL;
	if (!ids_ok(ids))
		return KIOSK_EINVAL;
	return wrap_request(ids, NEXO_CAT_DIAGNOSIS, json_pack("{s:b}", "HostDiagnosisFlag", 0),
			    out);
}

/* ---- responses ---- */

/* A string member copied into out; absent is fine (out stays ""), a non-string or one too
 * long is KIOSK_EPROTO. */
static int get_str(const json_t *obj, const char *key, char *out, size_t n)
{
	const json_t *v = json_object_get(obj, key);
	const char *s;

	out[0] = '\0';
	if (!v)
		return 0;
	if (!json_is_string(v))
		return KIOSK_EPROTO;
	s = json_string_value(v);
	if (strlen(s) >= n)
		return KIOSK_EPROTO;
	memcpy(out, s, strlen(s) + 1);
	return 0;
}

/* A member that must be an object when present; NULL when absent. */
static int get_obj(const json_t *obj, const char *key, const json_t **out)
{
	const json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v)
		return 0;
	if (!json_is_object(v))
		return KIOSK_EPROTO;
	*out = v;
	return 0;
}

static int parse_header(const json_t *h, struct nexo_header *out)
{
	char cat[32], cls[16], type[16];

	if (!json_is_object(h) || get_str(h, "MessageCategory", cat, sizeof(cat)) ||
	    get_str(h, "MessageClass", cls, sizeof(cls)) ||
	    get_str(h, "MessageType", type, sizeof(type)) ||
	    get_str(h, "SaleID", out->sale_id, sizeof(out->sale_id)) ||
	    get_str(h, "ServiceID", out->service_id, sizeof(out->service_id)) ||
	    get_str(h, "POIID", out->poi_id, sizeof(out->poi_id)))
		return KIOSK_EPROTO;
	out->category = category_parse(cat);
	if (out->category == NEXO_CAT_NONE)
		return KIOSK_EPROTO;
	/* What the terminal sends us: answers, and notifications for events. */
	if (strcmp(type, out->category == NEXO_CAT_EVENT ? "Notification" : "Response") != 0)
		return KIOSK_EPROTO;
	return 0;
}

/* AdditionalResponse is form-encoded; only the keys meant for people are kept. Adyen may
 * instead send Base64 JSON, which carries nothing the kiosk needs: it is ignored. */
static void additional_keys(const char *form, struct nexo_outcome *o)
{
	if (nexo_form_get(form, "refusalReason", o->refusal_reason, sizeof(o->refusal_reason)))
		o->refusal_reason[0] = '\0';
	if (nexo_form_get(form, "message", o->message, sizeof(o->message)))
		o->message[0] = '\0';
}

static int parse_outcome(const json_t *resp, struct nexo_outcome *o, char *additional, size_t n)
{
	char result[16], cond[32];

	memset(o, 0, sizeof(*o));
	if (!json_is_object(resp) || get_str(resp, "Result", result, sizeof(result)) ||
	    get_str(resp, "ErrorCondition", cond, sizeof(cond)) ||
	    get_str(resp, "AdditionalResponse", additional, n))
		return KIOSK_EPROTO;
	if (strcmp(result, "Success") == 0)
		o->result = NEXO_RESULT_SUCCESS;
	else if (strcmp(result, "Partial") == 0)
		o->result = NEXO_RESULT_PARTIAL;
	else if (strcmp(result, "Failure") == 0)
		o->result = NEXO_RESULT_FAILURE;
	else
		return KIOSK_EPROTO;
	o->error = cond[0] ? nexo_error_parse(cond) : NEXO_ERR_NONE;
	/* A failure without a condition still failed; say so rather than guess. */
	if (o->result == NEXO_RESULT_FAILURE && o->error == NEXO_ERR_NONE)
		o->error = NEXO_ERR_OTHER;
	additional_keys(additional, o);
	return 0;
}

static int parse_txn_id(const json_t *parent, const char *key, char *id, size_t idn, char *ts,
			size_t tsn)
{
	const json_t *t;

	if (get_obj(parent, key, &t))
		return KIOSK_EPROTO;
	if (!t)
		return 0;
	return get_str(t, "TransactionID", id, idn) || get_str(t, "TimeStamp", ts, tsn)
		   ? KIOSK_EPROTO
		   : 0;
}

/* Only the last four digits of a masked number ("411111 **** 1111") are kept. */
static int last_four(const char *masked, char out[5])
{
	size_t n = strlen(masked);

	out[0] = '\0';
	if (n < 4)
		return KIOSK_EPROTO;
	for (size_t i = n - 4; i < n; i++)
		if (masked[i] < '0' || masked[i] > '9')
			return KIOSK_EPROTO;
	memcpy(out, masked + n - 4, 4);
	out[4] = '\0';
	return 0;
}

static enum nexo_entry entry_mode(const json_t *modes, const char *variant)
{
	enum nexo_entry e = NEXO_ENTRY_UNKNOWN;
	size_t i;
	json_t *m;

	json_array_foreach(modes, i, m)
	{
		const char *s = json_string_value(m);
		if (!s)
			continue;
		if (strcmp(s, "Mobile") == 0)
			return NEXO_ENTRY_WALLET;
		if (strcmp(s, "ICC") == 0)
			e = NEXO_ENTRY_CHIP;
		else if (strcmp(s, "Tapped") == 0 || strcmp(s, "Contactless") == 0 ||
			 strcmp(s, "RFID") == 0)
			e = e == NEXO_ENTRY_UNKNOWN ? NEXO_ENTRY_TAP : e;
		else if (strcmp(s, "MagStripe") == 0)
			e = e == NEXO_ENTRY_UNKNOWN ? NEXO_ENTRY_SWIPE : e;
		else if (strcmp(s, "Keyed") == 0 || strcmp(s, "Manual") == 0)
			e = e == NEXO_ENTRY_UNKNOWN ? NEXO_ENTRY_KEYED : e;
	}
	/* A phone wallet is contactless to the reader; the payment variant tells them apart. */
	if (e == NEXO_ENTRY_TAP && variant &&
	    (strstr(variant, "applepay") || strstr(variant, "googlepay") ||
	     strstr(variant, "samsungpay")))
		return NEXO_ENTRY_WALLET;
	return e;
}

/* The cardholder's copy, line by line (name=...&value=...&key=...). */
static int parse_receipt(const json_t *receipts, struct nexo_payment_result *p)
{
	size_t i, j;
	json_t *r, *line;

	if (!receipts)
		return 0;
	if (!json_is_array(receipts))
		return KIOSK_EPROTO;
	json_array_foreach(receipts, i, r)
	{
		const json_t *content, *texts;
		char qual[32];

		if (!json_is_object(r) || get_str(r, "DocumentQualifier", qual, sizeof(qual)) ||
		    get_obj(r, "OutputContent", &content))
			return KIOSK_EPROTO;
		if (strcmp(qual, "CustomerReceipt") != 0 || !content)
			continue;
		texts = json_object_get(content, "OutputText");
		if (!json_is_array(texts))
			return KIOSK_EPROTO;
		json_array_foreach(texts, j, line)
		{
			struct nexo_receipt_line *l;
			char text[512];
			const json_t *style;

			if (!json_is_object(line) || get_str(line, "Text", text, sizeof(text)))
				return KIOSK_EPROTO;
			if (p->receipt_lines >= NEXO_RECEIPT_MAX)
				break;
			l = &p->receipt[p->receipt_lines];
			memset(l, 0, sizeof(*l));
			if (nexo_form_get(text, "key", l->key, sizeof(l->key)) == KIOSK_EPROTO ||
			    nexo_form_get(text, "name", l->name, sizeof(l->name)) == KIOSK_EPROTO ||
			    nexo_form_get(text, "value", l->value, sizeof(l->value)) ==
				KIOSK_EPROTO)
				return KIOSK_EPROTO;
			if (strcmp(l->key, "pan") == 0) {
				char four[5];
				if (last_four(l->value, four) != 0)
					four[0] = '\0';
				snprintf(l->value, sizeof(l->value), "**** %s", four);
			}
			style = json_object_get(line, "CharacterStyle");
			l->bold =
			    json_is_string(style) && strcmp(json_string_value(style), "Bold") == 0;
			if (strcmp(l->key, "aid") == 0 && !p->aid[0])
				copy_text(p->aid, sizeof(p->aid), l->value);
			if (strcmp(l->key, "preferredName") == 0 && !p->app_name[0])
				copy_text(p->app_name, sizeof(p->app_name), l->value);
			p->receipt_lines++;
		}
	}
	return 0;
}

static int parse_payment(const struct nexo_doc *doc, const json_t *pr,
			 struct nexo_payment_result *p)
{
	const json_t *resp, *sale, *poi, *result, *instr = NULL, *card = NULL, *acq = NULL,
						  *amounts = NULL;
	char additional[2048], masked[40], variant[48] = "", summary[8];

	memset(p, 0, sizeof(*p));
	if (!json_is_object(pr) || get_obj(pr, "Response", &resp) || !resp ||
	    parse_outcome(resp, &p->outcome, additional, sizeof(additional)) ||
	    get_obj(pr, "SaleData", &sale) || get_obj(pr, "POIData", &poi) ||
	    get_obj(pr, "PaymentResult", &result))
		return KIOSK_EPROTO;
	if (sale && parse_txn_id(sale, "SaleTransactionID", p->sale_txn_id, sizeof(p->sale_txn_id),
				 p->sale_txn_ts, sizeof(p->sale_txn_ts)))
		return KIOSK_EPROTO;
	if (poi && parse_txn_id(poi, "POITransactionID", p->poi_txn_id, sizeof(p->poi_txn_id),
				p->poi_txn_ts, sizeof(p->poi_txn_ts)))
		return KIOSK_EPROTO;
	if (nexo_form_get(additional, "paymentMethodVariant", variant, sizeof(variant)))
		variant[0] = '\0';
	if (nexo_form_get(additional, "AID", p->aid, sizeof(p->aid)))
		p->aid[0] = '\0';
	if (nexo_form_get(additional, "applicationPreferredName", p->app_name, sizeof(p->app_name)))
		p->app_name[0] = '\0';
	if (result && (get_obj(result, "PaymentInstrumentData", &instr) ||
		       get_obj(result, "PaymentAcquirerData", &acq) ||
		       get_obj(result, "AmountsResp", &amounts)))
		return KIOSK_EPROTO;
	if (instr && get_obj(instr, "CardData", &card))
		return KIOSK_EPROTO;
	if (card) {
		const json_t *modes = json_object_get(card, "EntryMode");
		if (get_str(card, "PaymentBrand", p->brand, sizeof(p->brand)) ||
		    get_str(card, "MaskedPan", masked, sizeof(masked)) ||
		    (modes && !json_is_array(modes)))
			return KIOSK_EPROTO;
		if (masked[0] && last_four(masked, p->last4) != 0)
			return KIOSK_EPROTO;
		p->entry = entry_mode(modes, variant);
	}
	/* Without MaskedPan, Adyen's cardSummary holds the same last four. */
	if (!p->last4[0] && nexo_form_get(additional, "cardSummary", summary, sizeof(summary)) == 0)
		last_four(summary, p->last4);
	if (acq && get_str(acq, "ApprovalCode", p->approval_code, sizeof(p->approval_code)))
		return KIOSK_EPROTO;
	if (amounts) {
		const json_t *a = json_object_get(amounts, "AuthorizedAmount");
		if (get_str(amounts, "Currency", p->currency, sizeof(p->currency)))
			return KIOSK_EPROTO;
		if (a) {
			if (nexo_doc_amount(doc, a, &p->authorized_cents))
				return KIOSK_EPROTO;
			p->has_amount = 1;
		}
	}
	/* Success without the amount that was authorized is not something to post. */
	if (p->outcome.result != NEXO_RESULT_FAILURE && !p->has_amount)
		return KIOSK_EPROTO;
	if (parse_receipt(json_object_get(pr, "PaymentReceipt"), p))
		return KIOSK_EPROTO;
	/* The AdditionalResponse holds the card's BIN, alias and expiry: gone with this frame. */
	memset(additional, 0, sizeof(additional));
	return 0;
}

static int parse_status(const struct nexo_doc *doc, const json_t *body, struct nexo_response *r)
{
	const json_t *ref, *rep, *rep_body, *pay;
	struct nexo_header rep_header;
	char cat[32];

	if (get_obj(body, "MessageReference", &ref) ||
	    get_obj(body, "RepeatedMessageResponse", &rep))
		return KIOSK_EPROTO;
	if (ref) {
		if (get_str(ref, "ServiceID", r->ref_service_id, sizeof(r->ref_service_id)) ||
		    get_str(ref, "MessageCategory", cat, sizeof(cat)))
			return KIOSK_EPROTO;
		r->ref_category = category_parse(cat);
	}
	if (!rep)
		return r->outcome.result == NEXO_RESULT_SUCCESS ? KIOSK_EPROTO : 0;
	memset(&rep_header, 0, sizeof(rep_header));
	if (parse_header(json_object_get(rep, "MessageHeader"), &rep_header) ||
	    get_obj(rep, "RepeatedResponseMessageBody", &rep_body) || !rep_body)
		return KIOSK_EPROTO;
	r->ref_category = rep_header.category;
	pay = json_object_get(rep_body, "PaymentResponse");
	if (pay) {
		if (parse_payment(doc, pay, &r->payment))
			return KIOSK_EPROTO;
		r->has_payment = 1;
	}
	return 0;
}

static int parse_reversal(const struct nexo_doc *doc, const json_t *body, struct nexo_response *r)
{
	const json_t *poi, *amount = json_object_get(body, "ReversedAmount");
	char ts[40];

	if (get_obj(body, "POIData", &poi))
		return KIOSK_EPROTO;
	if (poi && parse_txn_id(poi, "POITransactionID", r->reversal_poi_txn_id,
				sizeof(r->reversal_poi_txn_id), ts, sizeof(ts)))
		return KIOSK_EPROTO;
	if (amount) {
		if (nexo_doc_amount(doc, amount, &r->reversed_cents))
			return KIOSK_EPROTO;
		r->has_reversed_amount = 1;
	}
	return 0;
}

/* Text of DisplayOutput.OutputContent.OutputText[0..], joined by spaces. */
static void display_text(const json_t *display, char *out, size_t n)
{
	const json_t *texts, *content;
	size_t i, o = 0;
	json_t *t;

	out[0] = '\0';
	if (json_is_array(display))
		display = json_array_get(display, 0);
	content = json_object_get(display, "OutputContent");
	texts = json_object_get(content, "OutputText");
	json_array_foreach(texts, i, t)
	{
		const char *s = json_string_value(json_object_get(t, "Text"));
		int w;
		if (!s)
			continue;
		w = snprintf(out + o, n - o, "%s%s", o ? " " : "", s);
		if (w < 0 || (size_t)w >= n - o)
			break;
		o += (size_t)w;
	}
}

static int parse_event(const json_t *ev, struct nexo_response *r)
{
	char details[512];

	if (!json_is_object(ev) || get_str(ev, "EventToNotify", r->event, sizeof(r->event)) ||
	    !r->event[0] || get_str(ev, "EventDetails", details, sizeof(details)))
		return KIOSK_EPROTO;
	if (nexo_form_get(details, "message", r->event_details, sizeof(r->event_details)) != 0)
		copy_text(r->event_details, sizeof(r->event_details), details);
	display_text(json_object_get(ev, "DisplayOutput"), r->display_text,
		     sizeof(r->display_text));
	if (strcmp(r->event, "Reject") == 0) {
		r->outcome.result = NEXO_RESULT_FAILURE;
		r->outcome.error = NEXO_ERR_MESSAGE_FORMAT;
		copy_text(r->outcome.message, sizeof(r->outcome.message), r->event_details);
	}
	return 0;
}

static int parse_doc(const struct nexo_doc *doc, struct nexo_response *r)
{
	const json_t *top, *msg, *body, *resp;
	char key[48], additional[2048];

	/* A terminal answers with SaleToPOIResponse; it rejects with a SaleToPOIRequest that
	 * carries an EventNotification (Adyen's shape for an unreadable request). */
	if (!json_is_object(doc->root) || json_object_size(doc->root) != 1)
		return KIOSK_EPROTO;
	top = json_object_get(doc->root, "SaleToPOIResponse");
	msg = top ? top : json_object_get(doc->root, "SaleToPOIRequest");
	if (!json_is_object(msg) || parse_header(json_object_get(msg, "MessageHeader"), &r->header))
		return KIOSK_EPROTO;
	if (r->header.category == NEXO_CAT_EVENT)
		return parse_event(json_object_get(msg, "EventNotification"), r);
	if (!top)
		return KIOSK_EPROTO;
	snprintf(key, sizeof(key), "%sResponse", nexo_category_name(r->header.category));
	body = json_object_get(msg, key);
	if (!json_is_object(body) || get_obj(body, "Response", &resp) || !resp ||
	    parse_outcome(resp, &r->outcome, additional, sizeof(additional)))
		return KIOSK_EPROTO;
	switch (r->header.category) {
	case NEXO_CAT_PAYMENT:
		if (parse_payment(doc, body, &r->payment))
			return KIOSK_EPROTO;
		r->has_payment = 1;
		return 0;
	case NEXO_CAT_TRANSACTION_STATUS: return parse_status(doc, body, r);
	case NEXO_CAT_REVERSAL: return parse_reversal(doc, body, r);
	case NEXO_CAT_DIAGNOSIS: {
		const json_t *st;
		if (get_obj(body, "POIStatus", &st) ||
		    (st && get_str(st, "GlobalStatus", r->global_status, sizeof(r->global_status))))
			return KIOSK_EPROTO;
		return 0;
	}
	default: return 0;
	}
}

int nexo_parse_response(const char *body, size_t len, struct nexo_response *out)
{
	struct nexo_doc doc;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = nexo_json_load(body, len, &doc);
	if (rc != 0)
		return rc == KIOSK_ENOMEM ? rc : KIOSK_EPROTO;
	rc = parse_doc(&doc, out);
	nexo_doc_free(&doc);
	if (rc != 0) {
		memset(out, 0, sizeof(*out));
		return KIOSK_EPROTO;
	}
	return 0;
}

int nexo_check_reply(const struct nexo_response *r, enum nexo_category sent,
		     const struct nexo_ids *ids)
{
	if (r->header.category == NEXO_CAT_EVENT)
		return 0;
	if (r->header.category != sent || strcmp(r->header.sale_id, ids->sale_id) != 0 ||
	    strcmp(r->header.service_id, ids->service_id) != 0 ||
	    strcmp(r->header.poi_id, ids->poi_id) != 0)
		return KIOSK_EPROTO;
	return 0;
}
