/* The portal client's resident endpoints: register, verify, sign in and out, linked utility
 * accounts, paperless, history and Auto Pay. Same rules as portal.h: blocking, one struct
 * portal per thread, 0 or a negative KIOSK_E*; a refusal is KIOSK_EINVAL (or KIOSK_ENOTFOUND)
 * and portal_refusal() says which. */
#ifndef KIOSK_PORTAL_RESIDENT_H
#define KIOSK_PORTAL_RESIDENT_H

#include <stdbool.h>
#include <stdint.h>

#include "app/crypto/seal.h"
#include "app/portal/portal.h"

enum portal_refusal {
	PORTAL_REFUSED_OTHER,	/* invalid_request and anything unexpected */
	PORTAL_BAD_CREDENTIALS, /* wrong email or password: never says which */
	PORTAL_LOCKED,		/* 5 failed sign-ins: locked for 15 minutes */
	PORTAL_NOT_VERIFIED,	/* the email is not confirmed yet; a new code was sent */
	PORTAL_EMAIL_TAKEN,	/* registering an email already registered */
	PORTAL_BAD_CODE,	/* a wrong verification code */
	PORTAL_CODE_EXPIRED,	/* older than its lifetime (15 minutes) */
	PORTAL_TOO_MANY_TRIES,	/* 5 wrong codes: ask for a new one */
	PORTAL_TOO_SOON,	/* a new code at most once a minute */
	PORTAL_NOT_LINKED,	/* Auto Pay on an account not fully linked */
	PORTAL_SESSION_ENDED,	/* the token is unknown, expired or revoked */
};

/* Which refusal the last call met. */
enum portal_refusal portal_refusal(const struct portal *p);

#define PORTAL_MAX_ACCOUNTS 6
#define PORTAL_MAX_HISTORY 6

struct portal_resident {
	char email[256];
	char first_name[64];
	char last_name[64];
};

struct portal_account {
	struct portal_bill bill;
	bool paperless;
	bool autopay;
	char autopay_method[48];   /* "Checking ending 6789", "Visa ending 1111" */
	int64_t autopay_max_cents; /* 0: no maximum */
	/* The method as data, so the kiosk says it in the resident's language; "" when the
	 * portal did not send them. */
	char autopay_kind[12];	/* "checking", "savings" or "card" */
	char autopay_brand[16]; /* a card's brand: "Visa" */
	char autopay_last4[5];	/* the account's or card's last four digits */
};

struct portal_accounts {
	int count;
	struct portal_account items[PORTAL_MAX_ACCOUNTS];
};

struct portal_session {
	char token[72];
	struct portal_resident resident;
	struct portal_accounts accounts;
};

struct portal_history_item {
	char date[11];
	int64_t amount_cents;
	char reference[16]; /* payments only */
};

struct portal_history {
	int bill_count, payment_count;
	struct portal_history_item bills[PORTAL_MAX_HISTORY];
	struct portal_history_item payments[PORTAL_MAX_HISTORY];
};

/* Auto Pay's payment method: a bank account, or a card sealed at the reader. */
struct portal_autopay {
	int64_t max_cents; /* 0: no maximum */
	bool by_card;
	char routing_number[10];
	char account_number[18];
	bool savings;
	char name[64];
	const struct card_sealed *card;
};

int portal_register(struct portal *p, const char *email, const char *password, const char *first,
		    const char *last, const char *mobile, bool sms_opt_in);
int portal_verify_email(struct portal *p, const char *email, const char *code,
			struct portal_session *out);
int portal_resend_code(struct portal *p, const char *email);
int portal_sign_in(struct portal *p, const char *email, const char *password,
		   struct portal_session *out);
int portal_sign_out(struct portal *p, const char *token);
int portal_forgot_password(struct portal *p, const char *email);

int portal_list_accounts(struct portal *p, const char *token, struct portal_accounts *out);
/* By last name (last_name != NULL) or last bill amount; KIOSK_ENOTFOUND when nothing matches. */
int portal_link_account(struct portal *p, const char *token, const char *customer_number,
			const char *last_name, int64_t last_bill_cents, struct portal_account *out);
int portal_unlink_account(struct portal *p, const char *token, const char *customer_number,
			  struct portal_accounts *out);
int portal_set_paperless(struct portal *p, const char *token, const char *customer_number,
			 bool enrolled, struct portal_account *out);
int portal_history(struct portal *p, const char *token, const char *customer_number,
		   struct portal_history *out);
int portal_set_autopay(struct portal *p, const char *token, const char *customer_number,
		       const struct portal_autopay *req, struct portal_account *out);
int portal_autopay_off(struct portal *p, const char *token, const char *customer_number,
		       struct portal_account *out);

#endif
