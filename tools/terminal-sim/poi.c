/* terminal-sim's terminal: checks each nexo request as strictly as a real terminal (a bad
 * header is rejected with an EventNotification, a bad body answered with Failure and an
 * ErrorCondition), waits for a test card, decides by the card number (docs/terminal.md), keeps
 * the ledger, and answers in the shapes of Adyen's Terminal API. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <jansson.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "drivers/terminal/nexo.h"
#include "tools/terminal-sim/tsim.h"

/* The payment in progress (one at a time, as on a real terminal). */
struct inflight {
	int active;
	char sale_id[65];
	char service_id[11];
	char sale_txn_id[65];
	int aborted;
};

struct tsim_poi {
	pthread_mutex_t mu;
	pthread_cond_t cond; /* a card, an abort, a reboot or shutdown */
	struct tsim_ledger *ledger;
	char poi_id[65];
	char currency[4];
	unsigned card_timeout_ms;
	/* The presented card lives only here, only until one payment reads it. */
	int card_present;
	char card_entry[8];
	char card_pan[20];
	int card_inserted; /* a chip card left in after its payment: "Remove card" */
	/* A phone wallet held to the terminal still locked: the terminal says "See phone" and
	 * waits for the phone to be held to it again once unlocked (CDCVM). */
	int card_locked;
	struct tsim_display *display; /* display notifications, NULL when not configured */
	/* The last Payment, for the display notification of its card being taken out. */
	char last_sale_id[65];
	char last_service_id[11];
	char last_sale_txn_id[65];
	struct inflight pay;
	struct timespec reboot_until; /* CLOCK_MONOTONIC; zero when not rebooting */
	unsigned reboot_gen;	      /* bumped by each reboot: payments in flight die */
	int stopping;
};

/* What a test card does (docs/terminal.md). Any other valid number is approved. */
static const struct card_rule {
	const char *pan;
	enum tsim_state state;
	const char *condition;
	const char *reason;
	const char *message;
} card_rules[] = {
    {"4000000000000002", TSIM_DECLINED, "Refusal", "Refused", "DECLINED"},
    {"4000000000009995", TSIM_DECLINED, "Refusal", "Not enough balance", "NOT_ENOUGH_BALANCE"},
    {"4000000000000119", TSIM_ABORTED, "Cancel", "card removed", "CANCELLED"},
    {"4000000000000127", TSIM_DECLINED, "WrongPIN", "PIN tries exceeded", "PIN_TRIES_EXCEEDED"},
};

/* Brand by number prefix, with what a card of that brand puts on a receipt. */
struct brand {
	const char *name; /* PaymentBrand */
	const char *app;  /* application preferred name */
	const char *aid;
};

static struct brand brand_of(const char *pan)
{
	int p2 = (pan[0] - '0') * 10 + (pan[1] - '0');
	int p4 = p2 * 100 + (pan[2] - '0') * 10 + (pan[3] - '0');

	if (pan[0] == '4')
		return (struct brand){"visa", "VISA CREDIT", "A0000000031010"};
	if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720))
		return (struct brand){"mc", "MASTERCARD", "A0000000041010"};
	if (p2 == 34 || p2 == 37)
		return (struct brand){"amex", "AMERICAN EXPRESS", "A000000025010801"};
	if (p4 == 6011 || p2 == 65 || (p4 >= 6440 && p4 <= 6499))
		return (struct brand){"discover", "DISCOVER", "A0000001523010"};
	return (struct brand){"card", "CARD", "A0000000000000"};
}

static int brand_app(const char *brand, struct brand *out)
{
	static const char *const samples[] = {"4111111111111111", "5555555555554444",
					      "378282246310005", "6011111111111117"};
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		*out = brand_of(samples[i]);
		if (strcmp(out->name, brand) == 0)
			return 0;
	}
	*out = brand_of("0000");
	return KIOSK_ENOTFOUND;
}

static int luhn_ok(const char *pan)
{
	size_t n = strlen(pan);
	int sum = 0;

	if (n < 12 || n > 19)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int d = pan[n - 1 - i] - '0';
		if (d < 0 || d > 9)
			return 0;
		if (i % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 == 0;
}

int poi_open(const struct tsim_options *opt, struct tsim_ledger *ledger, struct tsim_poi **out)
{
	struct tsim_poi *p = calloc(1, sizeof(*p));
	pthread_condattr_t ca;

	*out = NULL;
	if (!p)
		return KIOSK_ENOMEM;
	pthread_mutex_init(&p->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->cond, &ca);
	pthread_condattr_destroy(&ca);
	p->ledger = ledger;
	snprintf(p->poi_id, sizeof(p->poi_id), "%s", opt->poi_id);
	snprintf(p->currency, sizeof(p->currency), "%s", opt->currency);
	p->card_timeout_ms = opt->card_timeout_ms;
	if (display_open(opt, &p->display) != 0) {
		log_error("terminal-sim", "--display-url or --display-port-file needs "
					  "--display-ca, --display-user and --display-password");
		poi_close(p);
		return KIOSK_EINVAL;
	}
	*out = p;
	return 0;
}

void poi_stop(struct tsim_poi *p)
{
	pthread_mutex_lock(&p->mu);
	p->stopping = 1;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->mu);
}

void poi_close(struct tsim_poi *p)
{
	if (!p)
		return;
	display_close(p->display);
	pthread_cond_destroy(&p->cond);
	pthread_mutex_destroy(&p->mu);
	memset(p->card_pan, 0, sizeof(p->card_pan));
	free(p);
}

/* ---- the admin side ---- */

int poi_present_card(struct tsim_poi *p, const char *entry, const char *pan, int locked,
		     const char **why)
{
	static const char *const entries[] = {"chip", "tap", "swipe", "wallet"};
	int known = 0, rc = 0;

	for (size_t i = 0; i < 4; i++)
		known |= entry && strcmp(entry, entries[i]) == 0;
	if (!known) {
		*why = "entry must be chip, tap, swipe or wallet";
		return KIOSK_EINVAL;
	}
	if (!pan || !luhn_ok(pan)) {
		*why = "pan must be 12 to 19 digits with a valid check digit";
		return KIOSK_EINVAL;
	}
	if (locked && strcmp(entry, "wallet") != 0) {
		*why = "only a phone wallet can be locked";
		return KIOSK_EINVAL;
	}
	pthread_mutex_lock(&p->mu);
	if (p->card_present) {
		*why = "a card is already presented";
		rc = KIOSK_EINVAL;
	} else {
		p->card_present = 1;
		p->card_locked = locked;
		snprintf(p->card_entry, sizeof(p->card_entry), "%s", entry);
		snprintf(p->card_pan, sizeof(p->card_pan), "%s", pan);
		pthread_cond_broadcast(&p->cond);
	}
	pthread_mutex_unlock(&p->mu);
	return rc;
}

void poi_remove_card(struct tsim_poi *p)
{
	pthread_mutex_lock(&p->mu);
	if (p->card_inserted && !p->pay.active)
		display_send(p->display, p->last_sale_id, p->last_service_id, p->last_sale_txn_id,
			     NEXO_DISPLAY_CARD_REMOVED, NULL);
	p->card_present = 0;
	p->card_inserted = 0;
	memset(p->card_pan, 0, sizeof(p->card_pan));
	pthread_mutex_unlock(&p->mu);
}

static int rebooting_locked(struct tsim_poi *p)
{
	struct timespec now;

	if (p->reboot_until.tv_sec == 0)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec > p->reboot_until.tv_sec ||
	    (now.tv_sec == p->reboot_until.tv_sec && now.tv_nsec >= p->reboot_until.tv_nsec)) {
		p->reboot_until.tv_sec = 0;
		return 0;
	}
	return 1;
}

void poi_reboot(struct tsim_poi *p, unsigned seconds)
{
	pthread_mutex_lock(&p->mu);
	clock_gettime(CLOCK_MONOTONIC, &p->reboot_until);
	p->reboot_until.tv_sec += seconds;
	p->reboot_gen++;
	p->card_present = 0;
	p->card_inserted = 0;
	memset(p->card_pan, 0, sizeof(p->card_pan));
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->mu);
	log_info("terminal-sim", "rebooting for %u s", seconds);
}

int poi_rebooting(struct tsim_poi *p)
{
	int r;

	pthread_mutex_lock(&p->mu);
	r = rebooting_locked(p);
	pthread_mutex_unlock(&p->mu);
	return r;
}

char *poi_state_json(struct tsim_poi *p)
{
	const char *state, *display, *card;
	json_t *doc;
	char *text;

	pthread_mutex_lock(&p->mu);
	if (rebooting_locked(p)) {
		state = "rebooting";
		display = "Restarting";
	} else if (p->pay.active) {
		state = "payment";
		display = p->card_present ? "Processing" : "Insert, tap or swipe card";
	} else {
		state = "idle";
		display = p->card_inserted ? "Remove card" : "Welcome";
	}
	card = p->card_present ? "presented" : p->card_inserted ? "inserted" : "none";
	doc = json_pack("{s:s, s:s, s:s}", "state", state, "display", display, "card", card);
	pthread_mutex_unlock(&p->mu);
	text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
	json_decref(doc);
	return text;
}

/* ---- building answers ---- */

/* Appends "&key=value" (or "key=value" first), url-encoded as Adyen's terminals do. */
static void form_add(char *buf, size_t n, const char *key, const char *value)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = strlen(buf);

	if (o && o + 1 < n)
		buf[o++] = '&';
	for (const char *s = key; *s && o + 1 < n; s++)
		buf[o++] = *s;
	if (o + 1 < n)
		buf[o++] = '=';
	for (const unsigned char *s = (const unsigned char *)value; *s && o + 3 < n; s++) {
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.') {
			buf[o++] = (char)*s;
		} else {
			buf[o++] = '%';
			buf[o++] = hex[*s >> 4];
			buf[o++] = hex[*s & 15];
		}
	}
	buf[o] = '\0';
}

static void now_timestamp(char *out, size_t n)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	nexo_timestamp((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000, out, n);
}

static json_t *response_header(const char *category, const char *sale_id, const char *service_id,
			       const char *poi_id)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "ProtocolVersion", "3.0",
			 "MessageClass", "Service", "MessageCategory", category, "MessageType",
			 "Response", "SaleID", sale_id, "ServiceID", service_id, "POIID", poi_id);
}

/* {"Result":..., "ErrorCondition":..., "AdditionalResponse":...}; condition NULL: Success. */
static json_t *response_object(const char *condition, const char *additional)
{
	json_t *r = json_pack("{s:s}", "Result", condition ? "Failure" : "Success");

	if (r && condition)
		json_object_set_new(r, "ErrorCondition", json_string(condition));
	if (r && additional && additional[0])
		json_object_set_new(r, "AdditionalResponse", json_string(additional));
	return r;
}

static void answer_json(json_t *doc, struct tsim_answer *out)
{
	out->status = 200;
	if (!doc || nexo_dump(doc, &out->body) != 0) {
		out->status = 500;
		out->body = strdup("");
	}
	json_decref(doc);
}

/* {"SaleToPOIResponse":{"MessageHeader":..., "<Category>Response": body}} */
static int answer(const char *category, const char *sale_id, const char *service_id,
		  const char *poi_id, json_t *body, struct tsim_answer *out)
{
	char key[48];
	json_t *header = response_header(category, sale_id, service_id, poi_id);

	snprintf(key, sizeof(key), "%sResponse", category);
	if (!header || !body) {
		json_decref(header);
		json_decref(body);
		answer_json(NULL, out);
		return 0;
	}
	answer_json(
	    json_pack("{s:{s:o, s:o}}", "SaleToPOIResponse", "MessageHeader", header, key, body),
	    out);
	return 0;
}

/* What Adyen's terminals send for a request they cannot take at all. */
static int reject(struct tsim_poi *p, const char *sale_id, const char *why, struct tsim_answer *out)
{
	char details[256] = "", ts[32];

	form_add(details, sizeof(details), "message", why);
	now_timestamp(ts, sizeof(ts));
	log_info("terminal-sim", "rejected: %s", why);
	answer_json(json_pack("{s:{s:{s:s, s:s, s:s, s:s, s:s, s:s}, s:{s:s, s:s, s:s, s:s}}}",
			      "SaleToPOIRequest", "MessageHeader", "ProtocolVersion", "3.0",
			      "MessageClass", "Event", "MessageCategory", "Event", "MessageType",
			      "Notification", "SaleID", sale_id && sale_id[0] ? sale_id : "N/A",
			      "POIID", p->poi_id, "EventNotification", "EventToNotify", "Reject",
			      "TimeStamp", ts, "EventDetails", details, "RejectedMessage", ""),
		    out);
	return 0;
}

static const char *entry_modes_of(const char *entry)
{
	if (strcmp(entry, "chip") == 0)
		return "ICC";
	if (strcmp(entry, "swipe") == 0)
		return "MagStripe";
	if (strcmp(entry, "wallet") == 0)
		return "Contactless";
	return "Tapped";
}

static const char *receipt_entry_of(const char *entry)
{
	if (strcmp(entry, "chip") == 0)
		return "Chip";
	if (strcmp(entry, "swipe") == 0)
		return "Swipe";
	return "Contactless swipe";
}

/* One receipt line as Adyen encodes it. */
static json_t *receipt_line(const char *name, const char *value, const char *key, int bold)
{
	char text[256] = "";
	json_t *l;

	if (name)
		form_add(text, sizeof(text), "name", name);
	if (value)
		form_add(text, sizeof(text), "value", value);
	form_add(text, sizeof(text), "key", key);
	l = json_pack("{s:s, s:b}", "Text", text, "EndOfLineFlag", 1);
	if (l && bold)
		json_object_set_new(l, "CharacterStyle", json_string("Bold"));
	return l;
}

static json_t *receipt(const struct tsim_txn *t, const struct brand *b, const char *qualifier)
{
	char pan[24], amount[24], total[32];
	const char *four = t->masked_pan + strlen(t->masked_pan) - 4;
	int approved = t->state == TSIM_APPROVED || t->state == TSIM_REVERSED;
	json_t *lines = json_array();

	snprintf(pan, sizeof(pan), "************%s", four);
	nexo_amount_format(t->amount_cents, amount, sizeof(amount));
	snprintf(total, sizeof(total), "$%s", amount);
	json_array_append_new(lines, receipt_line(NULL, NULL, "header1", 1));
	json_array_append_new(
	    lines,
	    receipt_line(
		strcmp(qualifier, "CustomerReceipt") == 0 ? "CARDHOLDER COPY" : "MERCHANT COPY",
		NULL,
		strcmp(qualifier, "CustomerReceipt") == 0 ? "cardholderHeader" : "merchantTitle",
		1));
	json_array_append_new(lines, receipt_line("Date", t->poi_txn_ts, "txdate", 0));
	json_array_append_new(lines, receipt_line("Card", pan, "pan", 0));
	json_array_append_new(lines, receipt_line("Pref. name", b->app, "preferredName", 0));
	json_array_append_new(lines, receipt_line("Card type", b->name, "cardType", 0));
	json_array_append_new(
	    lines, receipt_line("Entry mode", receipt_entry_of(t->entry), "posEntryMode", 0));
	json_array_append_new(lines, receipt_line("AID", b->aid, "aid", 0));
	if (approved)
		json_array_append_new(lines,
				      receipt_line("Auth. code", t->approval_code, "authCode", 0));
	json_array_append_new(lines, receipt_line("Tender", t->poi_txn_id, "txRef", 0));
	json_array_append_new(lines, receipt_line("Reference", t->sale_txn_id, "mref", 0));
	json_array_append_new(lines, receipt_line("Type", "GOODS_SERVICES", "txtype", 0));
	json_array_append_new(lines, receipt_line("TOTAL", total, "totalAmount", 1));
	json_array_append_new(lines, receipt_line(approved ? "APPROVED" : "DECLINED", NULL,
						  approved ? "approved" : "declined", 1));
	return json_pack("{s:s, s:b, s:{s:s, s:o}}", "DocumentQualifier", qualifier,
			 "RequiredSignatureFlag", 0, "OutputContent", "OutputFormat", "Text",
			 "OutputText", lines);
}

/* The PaymentResponse body of a finished payment (live, or repeated by TransactionStatus). */
static json_t *payment_body(struct tsim_poi *p, const struct tsim_txn *t)
{
	int approved = t->state == TSIM_APPROVED || t->state == TSIM_REVERSED;
	int card_read = t->masked_pan[0] != '\0';
	char additional[1024] = "", cents[24];
	struct brand b;
	json_t *body, *result, *acquirer;

	brand_app(t->brand, &b);
	snprintf(cents, sizeof(cents), "%lld", (long long)t->amount_cents);
	if (card_read) {
		form_add(additional, sizeof(additional), "AID", b.aid);
		form_add(additional, sizeof(additional), "applicationPreferredName", b.app);
		form_add(additional, sizeof(additional), "cardType", b.name);
		form_add(additional, sizeof(additional), "cardSummary",
			 t->masked_pan + strlen(t->masked_pan) - 4);
		form_add(additional, sizeof(additional), "paymentMethodVariant",
			 strcmp(t->entry, "wallet") == 0
			     ? (strcmp(b.name, "mc") == 0 ? "mc_applepay" : "visa_applepay")
			     : b.name);
	}
	form_add(additional, sizeof(additional), "posAuthAmountValue", approved ? cents : "0");
	form_add(additional, sizeof(additional), "merchantReference", t->sale_txn_id);
	if (approved) {
		form_add(additional, sizeof(additional), "authCode", t->approval_code);
		form_add(additional, sizeof(additional), "refusalReasonRaw", "APPROVED");
	} else {
		form_add(additional, sizeof(additional), "refusalReason", t->refusal_reason);
		form_add(additional, sizeof(additional), "message", t->message);
	}
	body =
	    json_pack("{s:o, s:{s:{s:s, s:s}}, s:{s:{s:s, s:s}, s:s}}", "Response",
		      response_object(approved ? NULL : t->error_condition, additional), "SaleData",
		      "SaleTransactionID", "TransactionID", t->sale_txn_id, "TimeStamp",
		      t->sale_txn_ts, "POIData", "POITransactionID", "TransactionID", t->poi_txn_id,
		      "TimeStamp", t->poi_txn_ts, "POIReconciliationID", "1000");
	if (!body || !card_read)
		return body;
	acquirer =
	    json_pack("{s:s, s:s}", "AcquirerPOIID", p->poi_id, "MerchantID", "CityKioskMerchant");
	if (acquirer && approved)
		json_object_set_new(acquirer, "ApprovalCode", json_string(t->approval_code));
	result = json_pack("{s:b, s:o, s:{s:s, s:{s:[s], s:s, s:s}}, s:{s:s, s:o}}", "OnlineFlag",
			   1, "PaymentAcquirerData", acquirer, "PaymentInstrumentData",
			   "PaymentInstrumentType", "Card", "CardData", "EntryMode",
			   entry_modes_of(t->entry), "PaymentBrand", t->brand, "MaskedPan",
			   t->masked_pan, "AmountsResp", "Currency", p->currency,
			   "AuthorizedAmount", nexo_json_amount(approved ? t->amount_cents : 0));
	json_object_set_new(body, "PaymentResult", result);
	json_object_set_new(body, "PaymentReceipt",
			    json_pack("[o, o]", receipt(t, &b, "CashierReceipt"),
				      receipt(t, &b, "CustomerReceipt")));
	return body;
}

/* A Payment refused before any card was asked for: SaleData echoed, nothing recorded. */
static int payment_refused(struct tsim_poi *p, const struct nexo_ids *ids, const char *sale_txn_id,
			   const char *sale_txn_ts, const char *condition, const char *why,
			   struct tsim_answer *out)
{
	char additional[256] = "";
	json_t *body;

	form_add(additional, sizeof(additional), "message", why);
	body = json_pack("{s:o}", "Response", response_object(condition, additional));
	if (body && sale_txn_id && sale_txn_id[0])
		json_object_set_new(body, "SaleData",
				    json_pack("{s:{s:s, s:s}}", "SaleTransactionID",
					      "TransactionID", sale_txn_id, "TimeStamp",
					      sale_txn_ts ? sale_txn_ts : ""));
	log_info("terminal-sim", "Payment refused (%s): %s", condition, why);
	return answer("Payment", ids->sale_id, ids->service_id, p->poi_id, body, out);
}

static void random_digits(char *out, size_t n)
{
	unsigned char rnd[32];

	if (n > sizeof(rnd) + 1)
		n = sizeof(rnd) + 1;
	if (getrandom(rnd, n - 1, 0) != (ssize_t)(n - 1))
		memset(rnd, 7, sizeof(rnd));
	for (size_t i = 0; i + 1 < n; i++)
		out[i] = (char)('0' + rnd[i] % 10);
	out[n - 1] = '\0';
}

/* "<4 characters><epoch ms>.<16-digit PSP reference>", the shape of Adyen's POI ids. */
static void new_poi_txn(struct tsim_txn *t)
{
	static const char alnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char rnd[4];
	char psp[17], prefix[5];
	struct timespec ts;

	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		memset(rnd, 1, sizeof(rnd));
	for (int i = 0; i < 4; i++)
		prefix[i] = alnum[rnd[i] % (sizeof(alnum) - 1)];
	prefix[4] = '\0';
	random_digits(psp, sizeof(psp));
	clock_gettime(CLOCK_REALTIME, &ts);
	snprintf(t->poi_txn_id, sizeof(t->poi_txn_id), "%s%lld.%s", prefix,
		 (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000, psp);
	now_timestamp(t->poi_txn_ts, sizeof(t->poi_txn_ts));
}

/* Decides a read card and wipes its number; only the masked form stays. */
static void decide(struct tsim_txn *t, const char *entry, char *pan)
{
	size_t n = strlen(pan);
	struct brand b = brand_of(pan);

	snprintf(t->entry, sizeof(t->entry), "%s", entry);
	snprintf(t->brand, sizeof(t->brand), "%s", b.name);
	snprintf(t->masked_pan, sizeof(t->masked_pan), "%.6s **** %s", pan, pan + n - 4);
	t->state = TSIM_APPROVED;
	for (size_t i = 0; i < sizeof(card_rules) / sizeof(card_rules[0]); i++) {
		if (strcmp(pan, card_rules[i].pan) != 0)
			continue;
		t->state = card_rules[i].state;
		snprintf(t->error_condition, sizeof(t->error_condition), "%s",
			 card_rules[i].condition);
		snprintf(t->refusal_reason, sizeof(t->refusal_reason), "%s", card_rules[i].reason);
		snprintf(t->message, sizeof(t->message), "%s", card_rules[i].message);
	}
	if (t->state == TSIM_APPROVED)
		random_digits(t->approval_code, 7);
	memset(pan, 0, n);
}

static void no_card(struct tsim_txn *t, const char *condition, const char *reason,
		    const char *message)
{
	t->state = TSIM_ABORTED;
	snprintf(t->error_condition, sizeof(t->error_condition), "%s", condition);
	snprintf(t->refusal_reason, sizeof(t->refusal_reason), "%s", reason);
	snprintf(t->message, sizeof(t->message), "%s", message);
}

/* ---- checking requests ---- */

static int is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* ISO 8601 date and time with a zone: 2026-12-01T22:19:51[.fff](Z|+hh:mm|-hh:mm). */
static int timestamp_ok(const char *s)
{
	size_t n = strlen(s), i = 19;

	if (n < 20 || n > 39 || !is_digits(s, 4) || s[4] != '-' || !is_digits(s + 5, 2) ||
	    s[7] != '-' || !is_digits(s + 8, 2) || s[10] != 'T' || !is_digits(s + 11, 2) ||
	    s[13] != ':' || !is_digits(s + 14, 2) || s[16] != ':' || !is_digits(s + 17, 2))
		return 0;
	if (s[i] == '.') {
		size_t start = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == start)
			return 0;
	}
	if (s[i] == 'Z')
		return i + 1 == n;
	return (s[i] == '+' || s[i] == '-') && i + 6 == n && is_digits(s + i + 1, 2) &&
	       s[i + 3] == ':' && is_digits(s + i + 4, 2);
}

static const char *str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

struct request {
	struct nexo_doc doc;
	const json_t *body; /* the <Category>Request object */
	char category[24];
	char sale_id[65];
	char service_id[11];
};

/* The header and the message's shape; NULL, or why it is rejected. */
static const char *check_header(struct tsim_poi *p, const char *text, size_t len, struct request *r)
{
	static const char *const categories[] = {"Payment", "Abort", "TransactionStatus",
						 "Reversal", "Diagnosis"};
	const json_t *msg, *h;
	const char *v;
	char key[48];
	int known = 0;

	if (nexo_json_load(text, len, &r->doc) != 0)
		return "Invalid JSON";
	if (!json_is_object(r->doc.root) || json_object_size(r->doc.root) != 1 ||
	    !json_is_object(msg = json_object_get(r->doc.root, "SaleToPOIRequest")))
		return "Expected one SaleToPOIRequest";
	h = json_object_get(msg, "MessageHeader");
	if (!json_is_object(h))
		return "Missing MessageHeader";
	if ((v = str(h, "SaleID")) && nexo_id_ok(v))
		snprintf(r->sale_id, sizeof(r->sale_id), "%s", v);
	if (!(v = str(h, "ProtocolVersion")) || strcmp(v, "3.0") != 0)
		return "ProtocolVersion must be 3.0";
	if (!(v = str(h, "MessageClass")) || strcmp(v, "Service") != 0)
		return "MessageClass must be Service";
	if (!(v = str(h, "MessageType")) || strcmp(v, "Request") != 0)
		return "MessageType must be Request";
	if (!r->sale_id[0])
		return "Invalid SaleID";
	if (!(v = str(h, "ServiceID")) || !nexo_service_id_ok(v))
		return "Invalid ServiceID";
	snprintf(r->service_id, sizeof(r->service_id), "%s", v);
	if (!(v = str(h, "POIID")) || strcmp(v, p->poi_id) != 0)
		return "Invalid POIID";
	if (!(v = str(h, "MessageCategory")))
		return "Missing MessageCategory";
	for (size_t i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
		known |= strcmp(v, categories[i]) == 0;
	if (!known)
		return "Unsupported MessageCategory";
	snprintf(r->category, sizeof(r->category), "%s", v);
	snprintf(key, sizeof(key), "%sRequest", v);
	r->body = json_object_get(msg, key);
	if (!json_is_object(r->body) || json_object_size(msg) != 2)
		return "Expected MessageHeader and the request of its MessageCategory";
	return NULL;
}

/* ---- the messages ---- */

static int wait_for_card(struct tsim_poi *p, unsigned gen)
{
	struct timespec deadline;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += p->card_timeout_ms / 1000;
	deadline.tv_nsec += (long)(p->card_timeout_ms % 1000) * 1000000;
	if (deadline.tv_nsec >= 1000000000) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000;
	}
	while (!p->card_present && !p->pay.aborted && !p->stopping && gen == p->reboot_gen) {
		if (pthread_cond_timedwait(&p->cond, &p->mu, &deadline) != 0)
			return 0;
	}
	return 1;
}

/* What the terminal's screen shows once it has the card, in the order a real one does: a
 * chip asks for the PIN, then processes; a tap or a swipe processes; then the result, and a
 * chip card still in the slot is asked out. */
static void card_prompts(struct tsim_poi *p, const struct tsim_txn *t)
{
	const char *sale = t->sale_id, *sid = t->service_id, *txn = t->sale_txn_id;
	int chip = strcmp(t->entry, "chip") == 0;

	if (chip) {
		display_send(p->display, sale, sid, txn, NEXO_DISPLAY_CARD_INSERTED, NULL);
		display_send(p->display, sale, sid, txn, NEXO_DISPLAY_WAIT_FOR_PIN, NULL);
		display_send(p->display, sale, sid, txn, NEXO_DISPLAY_PIN_ENTERED, NULL);
	} else if (strcmp(t->entry, "swipe") == 0) {
		display_send(p->display, sale, sid, txn, NEXO_DISPLAY_CARD_SWIPED, NULL);
	} else if (t->entry[0]) {
		display_send(p->display, sale, sid, txn, NEXO_DISPLAY_CARD_PRESENTED, NULL);
	}
	display_send(p->display, sale, sid, txn, NEXO_DISPLAY_TENDER_FINAL, NULL);
	if (chip && p->card_inserted)
		display_send(p->display, sale, sid, txn, NEXO_DISPLAY_NONE, "Remove card");
	else if (chip)
		display_send(p->display, sale, sid, txn, NEXO_DISPLAY_CARD_REMOVED, NULL);
}

static int payment(struct tsim_poi *p, struct request *r, struct tsim_answer *out)
{
	struct nexo_ids ids = {r->sale_id, p->poi_id, r->service_id};
	const json_t *sale_txn, *amounts;
	struct tsim_txn t, old;
	const char *id, *ts, *currency;
	unsigned gen;
	int rc;

	memset(&t, 0, sizeof(t));
	sale_txn = json_object_get(json_object_get(r->body, "SaleData"), "SaleTransactionID");
	id = str(sale_txn, "TransactionID");
	ts = str(sale_txn, "TimeStamp");
	amounts = json_object_get(json_object_get(r->body, "PaymentTransaction"), "AmountsReq");
	currency = str(amounts, "Currency");
	if (!id || !nexo_id_ok(id) || !ts || !timestamp_ok(ts))
		return payment_refused(p, &ids, NULL, NULL, "MessageFormat",
				       "SaleData.SaleTransactionID needs TransactionID and an ISO "
				       "8601 TimeStamp",
				       out);
	if (!currency || strcmp(currency, p->currency) != 0)
		return payment_refused(p, &ids, id, ts, "MessageFormat",
				       "AmountsReq.Currency is not this terminal's currency", out);
	if (nexo_doc_amount(&r->doc, json_object_get(amounts, "RequestedAmount"),
			    &t.amount_cents) != 0 ||
	    t.amount_cents <= 0)
		return payment_refused(p, &ids, id, ts, "MessageFormat",
				       "AmountsReq.RequestedAmount must be a positive amount in "
				       "cents",
				       out);
	snprintf(t.sale_id, sizeof(t.sale_id), "%s", r->sale_id);
	snprintf(t.service_id, sizeof(t.service_id), "%s", r->service_id);
	snprintf(t.sale_txn_id, sizeof(t.sale_txn_id), "%s", id);
	snprintf(t.sale_txn_ts, sizeof(t.sale_txn_ts), "%s", ts);

	pthread_mutex_lock(&p->mu);
	if (p->pay.active) {
		pthread_mutex_unlock(&p->mu);
		return payment_refused(p, &ids, id, ts, "Busy",
				       "Forbidden Request, Service Dialogue PaymentRequest is in "
				       "Progress",
				       out);
	}
	if (ledger_find_sale_txn(p->ledger, r->sale_id, id, &old) == 0) {
		pthread_mutex_unlock(&p->mu);
		return payment_refused(p, &ids, id, ts, "NotAllowed",
				       "SaleTransactionID already used", out);
	}
	if (ledger_find_service(p->ledger, r->sale_id, r->service_id, &old) == 0) {
		pthread_mutex_unlock(&p->mu);
		return payment_refused(p, &ids, id, ts, "NotAllowed", "ServiceID already used",
				       out);
	}
	memset(&p->pay, 0, sizeof(p->pay));
	p->pay.active = 1;
	snprintf(p->pay.sale_id, sizeof(p->pay.sale_id), "%s", r->sale_id);
	snprintf(p->pay.service_id, sizeof(p->pay.service_id), "%s", r->service_id);
	snprintf(p->pay.sale_txn_id, sizeof(p->pay.sale_txn_id), "%s", id);
	p->card_inserted = 0;
	gen = p->reboot_gen;
	log_info("terminal-sim", "Payment %s of %lld cents: waiting for a card", id,
		 (long long)t.amount_cents);
	display_send(p->display, r->sale_id, r->service_id, id, NEXO_DISPLAY_TENDER_CREATED, NULL);

	int got = wait_for_card(p, gen);
	if (got && p->card_present && p->card_locked && !p->pay.aborted && !p->stopping &&
	    gen == p->reboot_gen) {
		/* A locked phone: it asks its owner to unlock it (CDCVM), the terminal says so
		 * and waits for the phone again. */
		display_send(p->display, r->sale_id, r->service_id, id, NEXO_DISPLAY_CARD_PRESENTED,
			     NULL);
		display_send(p->display, r->sale_id, r->service_id, id, NEXO_DISPLAY_NONE,
			     "See phone");
		p->card_present = 0;
		p->card_locked = 0;
		memset(p->card_pan, 0, sizeof(p->card_pan));
		got = wait_for_card(p, gen);
	}
	if (!got)
		no_card(&t, "Cancel", "Timeout", "CANCELLED");
	else if (p->stopping || gen != p->reboot_gen)
		out->drop = 1; /* the terminal went away mid-transaction: nothing charged */
	else if (p->pay.aborted)
		no_card(&t, "Aborted", "Cancelled", "CANCELLED");
	else {
		decide(&t, p->card_entry, p->card_pan);
		p->card_present = 0;
		/* A chip card pulled out early (the test card for it) is not in the slot. */
		p->card_inserted = strcmp(t.entry, "chip") == 0 && t.state != TSIM_ABORTED;
	}
	if (!out->drop) {
		if (t.entry[0])
			card_prompts(p, &t);
		else
			display_send(p->display, t.sale_id, t.service_id, t.sale_txn_id,
				     NEXO_DISPLAY_TENDER_FINAL, NULL);
		snprintf(p->last_sale_id, sizeof(p->last_sale_id), "%s", t.sale_id);
		snprintf(p->last_service_id, sizeof(p->last_service_id), "%s", t.service_id);
		snprintf(p->last_sale_txn_id, sizeof(p->last_sale_txn_id), "%s", t.sale_txn_id);
	}
	if (!out->drop) {
		new_poi_txn(&t);
		rc = ledger_record(p->ledger, &t);
		if (rc != 0) {
			log_error("terminal-sim", "cannot record payment %s", id);
			out->drop = 1;
		}
	}
	memset(&p->pay, 0, sizeof(p->pay));
	pthread_mutex_unlock(&p->mu);
	/* The sale system hears what the screen said before it hears the answer. */
	display_flush(p->display, 5000);
	if (out->drop)
		return 0;
	log_info("terminal-sim", "Payment %s: %s %s", id, ledger_state_name(t.state),
		 t.error_condition);
	out->approved = t.state == TSIM_APPROVED;
	return answer("Payment", r->sale_id, r->service_id, p->poi_id, payment_body(p, &t), out);
}

static int abort_request(struct tsim_poi *p, struct request *r, struct tsim_answer *out)
{
	const json_t *ref = json_object_get(r->body, "MessageReference");
	const char *cat = str(ref, "MessageCategory"), *sid = str(ref, "ServiceID");
	const char *sale = str(ref, "SaleID") ? str(ref, "SaleID") : r->sale_id;

	if (!cat || !sid || !str(r->body, "AbortReason"))
		return reject(p, r->sale_id,
			      "AbortRequest needs MessageReference.MessageCategory, "
			      "MessageReference.ServiceID and AbortReason",
			      out);
	pthread_mutex_lock(&p->mu);
	if (p->pay.active && strcmp(cat, "Payment") == 0 && strcmp(sid, p->pay.service_id) == 0 &&
	    strcmp(sale, p->pay.sale_id) == 0) {
		p->pay.aborted = 1;
		pthread_cond_broadcast(&p->cond);
		log_info("terminal-sim", "Abort of %s", sid);
	}
	pthread_mutex_unlock(&p->mu);
	/* A terminal answers an Abort with an empty 200; the aborted Payment says the rest. */
	out->status = 200;
	out->body = strdup("");
	return 0;
}

static int status_request(struct tsim_poi *p, struct request *r, struct tsim_answer *out)
{
	const json_t *ref = json_object_get(r->body, "MessageReference");
	const char *cat = str(ref, "MessageCategory"), *sid = str(ref, "ServiceID");
	const char *sale = str(ref, "SaleID") ? str(ref, "SaleID") : r->sale_id;
	char additional[128] = "";
	struct tsim_txn t;
	json_t *body, *refobj;
	int rc;

	if (ref && (!json_is_object(ref) || !cat || strcmp(cat, "Payment") != 0 ||
		    (json_object_get(ref, "ServiceID") && !sid)))
		return reject(
		    p, r->sale_id,
		    "MessageReference must name MessageCategory Payment and its ServiceID", out);
	pthread_mutex_lock(&p->mu);
	if (p->pay.active && strcmp(sale, p->pay.sale_id) == 0 &&
	    (!sid || strcmp(sid, p->pay.service_id) == 0)) {
		refobj = json_pack("{s:s, s:s, s:s}", "MessageCategory", "Payment", "ServiceID",
				   p->pay.service_id, "SaleID", p->pay.sale_id);
		pthread_mutex_unlock(&p->mu);
		form_add(additional, sizeof(additional), "message", "Transaction in progress");
		return answer("TransactionStatus", r->sale_id, r->service_id, p->poi_id,
			      json_pack("{s:o, s:o}", "Response",
					response_object("InProgress", additional),
					"MessageReference", refobj),
			      out);
	}
	rc = sid ? ledger_find_service(p->ledger, sale, sid, &t)
		 : ledger_find_last(p->ledger, sale, &t);
	pthread_mutex_unlock(&p->mu);
	if (rc != 0) {
		form_add(additional, sizeof(additional), "message", "Transaction not found");
		return answer(
		    "TransactionStatus", r->sale_id, r->service_id, p->poi_id,
		    json_pack("{s:o}", "Response", response_object("NotFound", additional)), out);
	}
	body = json_pack("{s:o, s:{s:s, s:s, s:s}, s:{s:o, s:{s:o}}}", "Response",
			 response_object(NULL, NULL), "MessageReference", "MessageCategory",
			 "Payment", "ServiceID", t.service_id, "SaleID", t.sale_id,
			 "RepeatedMessageResponse", "MessageHeader",
			 response_header("Payment", t.sale_id, t.service_id, p->poi_id),
			 "RepeatedResponseMessageBody", "PaymentResponse", payment_body(p, &t));
	return answer("TransactionStatus", r->sale_id, r->service_id, p->poi_id, body, out);
}

static int reversal_request(struct tsim_poi *p, struct request *r, struct tsim_answer *out)
{
	const json_t *orig = json_object_get(r->body, "OriginalPOITransaction");
	const json_t *poi_txn = json_object_get(orig, "POITransactionID");
	const char *id = str(poi_txn, "TransactionID"), *ts = str(poi_txn, "TimeStamp");
	const char *reason = str(r->body, "ReversalReason");
	static const char *const reasons[] = {"CustCancel", "MerchantCancel", "Malfunction",
					      "Unable2Compl"};
	char additional[128] = "", rev_id[64];
	struct tsim_txn t, rev;
	const char *condition = NULL;
	int known = 0;

	for (size_t i = 0; reason && i < sizeof(reasons) / sizeof(reasons[0]); i++)
		known |= strcmp(reason, reasons[i]) == 0;
	if (!id || !ts || !known)
		return reject(p, r->sale_id,
			      "ReversalRequest needs OriginalPOITransaction.POITransactionID "
			      "{TransactionID, TimeStamp} and a ReversalReason",
			      out);
	pthread_mutex_lock(&p->mu);
	if (ledger_find_poi_txn(p->ledger, id, &t) != 0 || strcmp(t.sale_id, r->sale_id) != 0 ||
	    strcmp(t.poi_txn_ts, ts) != 0) {
		condition = "NotFound";
		form_add(additional, sizeof(additional), "message",
			 "Original transaction not found");
	} else if (t.state == TSIM_REVERSED) {
		/* Asked again after a lost answer: the same reversal, nothing new. */
		snprintf(rev_id, sizeof(rev_id), "%s", t.reversal_poi_txn_id);
	} else if (t.state != TSIM_APPROVED) {
		condition = "NotAllowed";
		form_add(additional, sizeof(additional), "message",
			 "Original transaction was not approved");
	} else {
		memset(&rev, 0, sizeof(rev));
		new_poi_txn(&rev);
		snprintf(rev_id, sizeof(rev_id), "%s", rev.poi_txn_id);
		if (ledger_mark_reversed(p->ledger, id, rev_id) != 0) {
			condition = "UnavailableService";
			form_add(additional, sizeof(additional), "message", "Ledger unavailable");
		}
	}
	pthread_mutex_unlock(&p->mu);
	if (condition) {
		log_info("terminal-sim", "Reversal of %s refused: %s", id, condition);
		return answer(
		    "Reversal", r->sale_id, r->service_id, p->poi_id,
		    json_pack("{s:o}", "Response", response_object(condition, additional)), out);
	}
	log_info("terminal-sim", "Reversal of %s: %lld cents", id, (long long)t.amount_cents);
	return answer("Reversal", r->sale_id, r->service_id, p->poi_id,
		      json_pack("{s:o, s:{s:{s:s, s:s}}, s:o}", "Response",
				response_object(NULL, NULL), "POIData", "POITransactionID",
				"TransactionID", rev_id, "TimeStamp", t.poi_txn_ts,
				"ReversedAmount", nexo_json_amount(t.amount_cents)),
		      out);
}

static int diagnosis_request(struct tsim_poi *p, struct request *r, struct tsim_answer *out)
{
	const json_t *flag = json_object_get(r->body, "HostDiagnosisFlag");
	int busy;

	if (flag && !json_is_boolean(flag))
		return reject(p, r->sale_id, "HostDiagnosisFlag must be a boolean", out);
	pthread_mutex_lock(&p->mu);
	busy = p->pay.active;
	pthread_mutex_unlock(&p->mu);
	return answer("Diagnosis", r->sale_id, r->service_id, p->poi_id,
		      json_pack("{s:o, s:{s:s, s:b, s:b, s:b, s:s}}", "Response",
				response_object(NULL, NULL), "POIStatus", "GlobalStatus",
				busy ? "Busy" : "OK", "PEDOKFlag", 1, "CardReaderOKFlag", 1,
				"CommunicationOKFlag", 1, "PrinterStatus", "OK"),
		      out);
}

void poi_handle(struct tsim_poi *p, const char *body, size_t len, struct tsim_answer *out)
{
	struct request r;
	const char *why;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	why = check_header(p, body, len, &r);
	if (why)
		reject(p, r.sale_id, why, out);
	else if (strcmp(r.category, "Payment") == 0)
		payment(p, &r, out);
	else if (strcmp(r.category, "Abort") == 0)
		abort_request(p, &r, out);
	else if (strcmp(r.category, "TransactionStatus") == 0)
		status_request(p, &r, out);
	else if (strcmp(r.category, "Reversal") == 0)
		reversal_request(p, &r, out);
	else
		diagnosis_request(p, &r, out);
	nexo_doc_free(&r.doc);
}
