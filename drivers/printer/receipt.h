/* The receipt: what a payment's printed slip says, laid out as plain lines for any printer. */
#ifndef KIOSK_RECEIPT_H
#define KIOSK_RECEIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum receipt_outcome { RECEIPT_APPROVED, RECEIPT_DECLINED, RECEIPT_IN_DOUBT };

/* One bill of a payment of several bills. */
#define RECEIPT_MAX_BILLS 6
struct receipt_bill {
	char customer_display[32];
	int64_t amount_cents;
	int64_t balance_cents; /* the account's balance after this payment */
	bool balance_known;    /* the portal said it (an approved payment) */
};

struct receipt {
	char header[64]; /* "City of Springfield - Utilities" */
	char kiosk_id[32];
	char when[32];		   /* "November 27, 2026 17:05" local time (i18n_when) */
	char customer_display[32]; /* "100-200-300" */
	int64_t amount_cents;
	char brand[16];
	char last4[5];
	char reference[32];
	enum receipt_outcome outcome;
	char footer[64]; /* the city's own last line (remote configuration), or "" */
	/* A card terminal's payment (issue 17): the card fee as its own line (amount_cents is
	 * what went to the bill), what card brands require on an EMV receipt, from the
	 * terminal's answer ("" when not known), and whether the portal hears of it later. */
	int64_t fee_cents;
	char app_label[33];  /* the card application's name: "VISA CREDIT" */
	char aid[33];	     /* EMV application identifier */
	char entry_mode[12]; /* "chip", "tap", "swipe", "wallet", "keyed" */
	char approval_code[16];
	char terminal_txn[65];	/* the terminal's transaction id */
	bool has_balance_after; /* approved: the bill's balance once this is paid */
	int64_t balance_after_cents;
	char city_phone[32]; /* how to reach the city (configuration), or "" */
	char city_website[64];
	/* What the QR code under the lines holds: the payment's page on the city's website
	 * (weblink_fill of [receipt] qr_url), or "" for the reference alone. */
	char qr[256];
	/* Several bills paid at once: each with its amount and balance after; amount_cents is
	 * then their total. 0: one bill (customer_display). */
	int n_bills;
	struct receipt_bill bills[RECEIPT_MAX_BILLS];
	/* Paid in cash: the notes by denomination, and what went over the amount due. And for any
	 * tender whose party is not the portal: the portal has not heard of it yet (the outbox
	 * posts it), so the receipt says it appears on the account shortly. */
	bool cash;
	int n_notes;
	struct {
		int64_t cents;
		int count;
	} notes[8];
	int64_t credit_cents;	 /* credited to the account over the amount due */
	char credit_display[32]; /* a basket: the account that took the credit ("" one bill) */
	bool posting_later;	 /* the portal has not heard of it yet: the outbox sends it */
};

/* Translation hook: returns the text to print for an English msgid. NULL means identity. */
typedef const char *(*receipt_tr_fn)(const char *msgid);

/* Lays the receipt out as '\n'-separated lines at most `cols` wide into buf.
 * Returns 0 or KIOSK_EINVAL when buf is too small. Only the last four digits ever appear. */
int receipt_layout_text(const struct receipt *r, receipt_tr_fn tr, int cols, char *buf,
			size_t bufsize);

/* One line of a table (the day report): label on the left, then count and amount
 * right-aligned in columns of 4 and 17, the whole exactly `cols` code points wide (a label
 * too long is cut): padded by characters, not bytes, so "Año" lines up like "Day".
 * 0 or KIOSK_EINVAL when buf is too small or cols too narrow. */
int receipt_table_row(const char *label, const char *count, const char *amount, int cols, char *buf,
		      size_t n);

/* Formats cents as "$1,234.56" ("-$0.05" when negative) with integer math only.
 * Returns 0 or KIOSK_EINVAL when buf is too small (buf then holds ""). */
int receipt_format_money(int64_t cents, char *buf, size_t n);

#endif
