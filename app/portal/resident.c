/* The resident endpoints of the portal client: JSON in and out for each call, through the
 * same verified TLS connection as bill lookups and payments (portal_call). */
#include "app/portal/resident.h"

#include <stdio.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/log.h"
#include "app/portal/portal_internal.h"

enum portal_refusal portal_refusal(const struct portal *p)
{
	static const struct {
		const char *code;
		enum portal_refusal why;
	} map[] = {
	    {"invalid_credentials", PORTAL_BAD_CREDENTIALS},
	    {"locked", PORTAL_LOCKED},
	    {"not_verified", PORTAL_NOT_VERIFIED},
	    {"email_taken", PORTAL_EMAIL_TAKEN},
	    {"invalid_code", PORTAL_BAD_CODE},
	    {"code_expired", PORTAL_CODE_EXPIRED},
	    {"too_many_attempts", PORTAL_TOO_MANY_TRIES},
	    {"too_soon", PORTAL_TOO_SOON},
	    {"not_linked", PORTAL_NOT_LINKED},
	    {"unauthorized", PORTAL_SESSION_ENDED},
	};
	const char *code = portal_last_error(p);

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(code, map[i].code) == 0)
			return map[i].why;
	return PORTAL_REFUSED_OTHER;
}

/* "/api/kiosk/v1/me/accounts/NUMBER/REST"; digits only, so nothing needs escaping. */
static int account_path(char *out, size_t n, const char *number, const char *rest)
{
	size_t len = strlen(number);

	if (len == 0 || len > 16 || strspn(number, "0123456789") != len)
		return KIOSK_EINVAL;
	snprintf(out, n, PORTAL_API "/me/accounts/%s%s", number, rest);
	return 0;
}

static int parse_account(json_t *doc, struct portal_account *out)
{
	json_t *paperless = json_object_get(doc, "paperless");
	json_t *autopay = json_object_get(doc, "autopay");
	json_t *active = json_object_get(autopay, "active");
	json_t *max = json_object_get(autopay, "max_cents");
	int rc;

	memset(out, 0, sizeof(*out));
	rc = portal_read_bill(doc, &out->bill);
	if (rc == 0 && (!json_is_boolean(paperless) || !json_is_boolean(active) ||
			(max && !json_is_null(max) && !json_is_integer(max))))
		rc = KIOSK_EPROTO;
	if (rc == 0)
		rc = portal_read_string(autopay, "method", out->autopay_method,
					sizeof(out->autopay_method), 0);
	/* Optional: a portal that sends only "method" is shown its English words. */
	if (rc == 0 && json_object_get(autopay, "kind"))
		rc = portal_read_string(autopay, "kind", out->autopay_kind,
					sizeof(out->autopay_kind), 1);
	if (rc == 0 && json_object_get(autopay, "brand"))
		rc = portal_read_string(autopay, "brand", out->autopay_brand,
					sizeof(out->autopay_brand), 1);
	if (rc == 0 && json_object_get(autopay, "last4"))
		rc = portal_read_string(autopay, "last4", out->autopay_last4,
					sizeof(out->autopay_last4), 1);
	if (rc)
		return rc;
	out->paperless = json_is_true(paperless);
	out->autopay = json_is_true(active);
	out->autopay_max_cents = json_is_integer(max) ? (int64_t)json_integer_value(max) : 0;
	return 0;
}

static int parse_accounts(json_t *list, struct portal_accounts *out)
{
	size_t i;
	json_t *item;

	memset(out, 0, sizeof(*out));
	if (!json_is_array(list))
		return KIOSK_EPROTO;
	json_array_foreach(list, i, item)
	{
		if (out->count == PORTAL_MAX_ACCOUNTS)
			break; /* the kiosk shows the first six */
		int rc = parse_account(item, &out->items[out->count]);
		if (rc)
			return rc;
		out->count++;
	}
	return 0;
}

static int parse_session(json_t *doc, struct portal_session *out)
{
	json_t *who = json_object_get(doc, "resident");
	int rc;

	memset(out, 0, sizeof(*out));
	rc = portal_read_string(doc, "token", out->token, sizeof(out->token), 0);
	if (rc == 0)
		rc = portal_read_string(who, "email", out->resident.email,
					sizeof(out->resident.email), 0);
	if (rc == 0)
		rc = portal_read_string(who, "first_name", out->resident.first_name,
					sizeof(out->resident.first_name), 0);
	if (rc == 0)
		rc = portal_read_string(who, "last_name", out->resident.last_name,
					sizeof(out->resident.last_name), 0);
	if (rc == 0)
		rc = parse_accounts(json_object_get(doc, "accounts"), &out->accounts);
	return rc;
}

/* A call whose answer does not matter beyond success. */
static int call_plain(struct portal *p, const char *method, const char *path, const char *token,
		      json_t *req)
{
	json_t *doc = NULL;
	int rc = portal_call(p, method, path, token, req, &doc);

	json_decref(doc);
	return rc;
}

static int call_account(struct portal *p, const char *path, const char *token, json_t *req,
			struct portal_account *out)
{
	json_t *doc = NULL;
	int rc = portal_call(p, "POST", path, token, req, &doc);

	if (rc == 0)
		rc = parse_account(doc, out);
	json_decref(doc);
	return rc;
}

int portal_register(struct portal *p, const char *email, const char *password, const char *first,
		    const char *last, const char *mobile, bool sms_opt_in)
{
	json_t *req = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "email", email, "password",
				password, "first_name", first, "last_name", last, "mobile",
				mobile ? mobile : "", "sms_opt_in", sms_opt_in);

	if (!req)
		return KIOSK_EINVAL;
	return call_plain(p, "POST", PORTAL_API "/residents", NULL, req);
}

static int session_call(struct portal *p, const char *path, json_t *req, struct portal_session *out)
{
	json_t *doc = NULL;
	int rc;

	if (!req)
		return KIOSK_EINVAL;
	rc = portal_call(p, "POST", path, NULL, req, &doc);
	if (rc == 0)
		rc = parse_session(doc, out);
	json_decref(doc);
	return rc;
}

int portal_verify_email(struct portal *p, const char *email, const char *code,
			struct portal_session *out)
{
	return session_call(p, PORTAL_API "/residents/verify",
			    json_pack("{s:s, s:s}", "email", email, "code", code), out);
}

int portal_resend_code(struct portal *p, const char *email)
{
	json_t *req = json_pack("{s:s}", "email", email);

	return req ? call_plain(p, "POST", PORTAL_API "/residents/resend-code", NULL, req)
		   : KIOSK_EINVAL;
}

int portal_sign_in(struct portal *p, const char *email, const char *password,
		   struct portal_session *out)
{
	return session_call(p, PORTAL_API "/sessions",
			    json_pack("{s:s, s:s}", "email", email, "password", password), out);
}

int portal_sign_out(struct portal *p, const char *token)
{
	return call_plain(p, "POST", PORTAL_API "/sessions/revoke", token, NULL);
}

int portal_forgot_password(struct portal *p, const char *email)
{
	json_t *req = json_pack("{s:s}", "email", email);

	return req ? call_plain(p, "POST", PORTAL_API "/password/forgot", NULL, req) : KIOSK_EINVAL;
}

int portal_list_accounts(struct portal *p, const char *token, struct portal_accounts *out)
{
	json_t *doc = NULL;
	int rc = portal_call(p, "GET", PORTAL_API "/me/accounts", token, NULL, &doc);

	if (rc == 0)
		rc = parse_accounts(json_object_get(doc, "accounts"), out);
	json_decref(doc);
	return rc;
}

int portal_link_account(struct portal *p, const char *token, const char *customer_number,
			const char *last_name, int64_t last_bill_cents, struct portal_account *out)
{
	json_t *req = last_name ? json_pack("{s:s, s:s}", "customer_number", customer_number,
					    "last_name", last_name)
				: json_pack("{s:s, s:I}", "customer_number", customer_number,
					    "last_bill_cents", (json_int_t)last_bill_cents);

	if (!req)
		return KIOSK_EINVAL;
	return call_account(p, PORTAL_API "/me/accounts", token, req, out);
}

int portal_unlink_account(struct portal *p, const char *token, const char *customer_number,
			  struct portal_accounts *out)
{
	char path[128];
	json_t *doc = NULL;
	int rc = account_path(path, sizeof(path), customer_number, "/unlink");

	if (rc == 0)
		rc = portal_call(p, "POST", path, token, NULL, &doc);
	if (rc == 0)
		rc = parse_accounts(json_object_get(doc, "accounts"), out);
	json_decref(doc);
	return rc;
}

int portal_set_paperless(struct portal *p, const char *token, const char *customer_number,
			 bool enrolled, struct portal_account *out)
{
	char path[128];
	int rc = account_path(path, sizeof(path), customer_number, "/paperless");

	if (rc)
		return rc;
	return call_account(p, path, token, json_pack("{s:b}", "enrolled", enrolled), out);
}

static int parse_items(json_t *list, struct portal_history_item *items, int *count, bool refs)
{
	size_t i;
	json_t *item;

	*count = 0;
	if (!json_is_array(list))
		return KIOSK_EPROTO;
	json_array_foreach(list, i, item)
	{
		struct portal_history_item *it = &items[*count];
		int rc;

		if (*count == PORTAL_MAX_HISTORY)
			break;
		rc = portal_read_string(item, "date", it->date, sizeof(it->date), 0);
		if (rc == 0)
			rc = portal_read_cents(item, "amount_cents", &it->amount_cents);
		if (rc == 0 && refs)
			rc = portal_read_string(item, "reference", it->reference,
						sizeof(it->reference), 0);
		if (rc)
			return rc;
		(*count)++;
	}
	return 0;
}

int portal_history(struct portal *p, const char *token, const char *customer_number,
		   struct portal_history *out)
{
	char path[128];
	json_t *doc = NULL;
	int rc = account_path(path, sizeof(path), customer_number, "/history");

	memset(out, 0, sizeof(*out));
	if (rc == 0)
		rc = portal_call(p, "GET", path, token, NULL, &doc);
	if (rc == 0)
		rc =
		    parse_items(json_object_get(doc, "bills"), out->bills, &out->bill_count, false);
	if (rc == 0)
		rc = parse_items(json_object_get(doc, "payments"), out->payments,
				 &out->payment_count, true);
	json_decref(doc);
	return rc;
}

int portal_set_autopay(struct portal *p, const char *token, const char *customer_number,
		       const struct portal_autopay *ap, struct portal_account *out)
{
	char path[128];
	json_t *req, *method;
	int rc = account_path(path, sizeof(path), customer_number, "/autopay");

	if (rc)
		return rc;
	if (ap->by_card) {
		if (!ap->card || !ap->card->sealed_b64[0])
			return KIOSK_EINVAL;
		method = json_pack("{s:s, s:s, s:s}", "brand", ap->card->brand, "last4",
				   ap->card->last4, "sealed", ap->card->sealed_b64);
	} else {
		method = json_pack("{s:s, s:s, s:s, s:s}", "routing_number", ap->routing_number,
				   "account_number", ap->account_number, "account_type",
				   ap->savings ? "savings" : "checking", "name", ap->name);
	}
	if (!method)
		return KIOSK_EINVAL;
	req = json_pack("{s:o, s:o}", "max_cents",
			ap->max_cents > 0 ? json_integer(ap->max_cents) : json_null(),
			ap->by_card ? "card" : "bank", method);
	if (!req)
		return KIOSK_ENOMEM;
	return call_account(p, path, token, req, out);
}

int portal_autopay_off(struct portal *p, const char *token, const char *customer_number,
		       struct portal_account *out)
{
	char path[128];
	int rc = account_path(path, sizeof(path), customer_number, "/autopay/off");

	if (rc)
		return rc;
	return call_account(p, path, token, NULL, out);
}
