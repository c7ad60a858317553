/* Receipt layout: turns a payment's outcome into fixed-width lines any printer can print.
 * Widths are counted in code points so Spanish text ("Número") lines up like English. */
#include "drivers/printer/receipt.h"

#include "app/common/err.h"
#include "app/common/log.h"

#include <stdio.h>
#include <string.h>

/* Marks an English msgid for extraction; tr() translates it when printed. */
#define N_(s) s

#define COLS_MIN 12
#define COLS_MAX 256

enum align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

/* The output buffer; `full` latches once anything did not fit. */
struct sink {
	char *buf;
	size_t size;
	size_t len;
	int full;
};

static void put_bytes(struct sink *s, const char *p, size_t n)
{
	if (s->full || s->size - s->len <= n) {
		s->full = 1;
		return;
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
	s->buf[s->len] = '\0';
}

static void put_repeat(struct sink *s, char c, int n)
{
	for (int k = 0; k < n; k++)
		put_bytes(s, &c, 1);
}

static int is_cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

/* Code points in the first n bytes of s. */
static int u8_width(const char *s, size_t n)
{
	int w = 0;

	for (size_t k = 0; k < n; k++) {
		if (!is_cont(s[k]))
			w++;
	}
	return w;
}

/* Bytes taken by the first `cols` code points of s[0..n). */
static size_t u8_prefix(const char *s, size_t n, int cols)
{
	size_t k = 0;

	while (k < n) {
		if (!is_cont(s[k])) {
			if (cols == 0)
				break;
			cols--;
		}
		k++;
	}
	return k;
}

static const char *tr_text(receipt_tr_fn tr, const char *msgid)
{
	const char *s = tr ? tr(msgid) : NULL;

	return s ? s : msgid;
}

/* Copies text with control characters turned into spaces, so a stray '\n' in a
 * translation or a field can never break the column layout. */
static void clean_copy(const char *src, char *dst, size_t n)
{
	size_t k = 0;

	for (; src && src[k] && k + 1 < n; k++)
		dst[k] = (unsigned char)src[k] < 0x20 || src[k] == 0x7F ? ' ' : src[k];
	/* Never end on half a UTF-8 sequence after a cut. */
	while (k > 0 && (unsigned char)dst[k - 1] >= 0x80) {
		size_t lead = k - 1;
		size_t need;
		unsigned char b;

		while (lead > 0 && is_cont(dst[lead]))
			lead--;
		b = (unsigned char)dst[lead];
		need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
		if (k - lead >= need)
			break;
		k = lead;
	}
	dst[k] = '\0';
}

static void emit_line(struct sink *s, const char *p, size_t n, int cols, enum align a)
{
	int w = u8_width(p, n);
	int pad = 0;

	if (a == ALIGN_CENTER)
		pad = (cols - w) / 2;
	else if (a == ALIGN_RIGHT)
		pad = cols - w;
	put_repeat(s, ' ', pad > 0 ? pad : 0);
	put_bytes(s, p, n);
	put_bytes(s, "\n", 1);
}

/* Word-wraps text into lines of at most cols code points; a word longer than a line is cut. */
static void emit_wrapped(struct sink *s, const char *text, int cols, enum align a)
{
	char t[512];
	size_t i = 0, n;

	clean_copy(text, t, sizeof(t));
	n = strlen(t);
	while (i < n) {
		size_t end, best = 0, k;

		while (i < n && t[i] == ' ')
			i++;
		if (i == n)
			break;
		end = i + u8_prefix(t + i, n - i, cols);
		if (end == n) {
			best = n;
		} else {
			/* Break at the last space that keeps the line within cols. */
			for (k = end; k > i; k--) {
				if (t[k] == ' ') {
					best = k;
					break;
				}
			}
			if (best == 0)
				best = end;
		}
		k = best;
		while (k > i && t[k - 1] == ' ')
			k--;
		emit_line(s, t + i, k - i, cols, a);
		i = best;
	}
}

/* "Label            value" on one line when both fit, else label then value right-aligned. */
static void emit_pair(struct sink *s, const char *label, const char *value, int cols)
{
	char l[256], v[256];
	int lw, vw;

	clean_copy(label, l, sizeof(l));
	clean_copy(value, v, sizeof(v));
	lw = u8_width(l, strlen(l));
	vw = u8_width(v, strlen(v));
	if (lw + 1 + vw <= cols) {
		put_bytes(s, l, strlen(l));
		put_repeat(s, ' ', cols - lw - vw);
		put_bytes(s, v, strlen(v));
		put_bytes(s, "\n", 1);
		return;
	}
	emit_wrapped(s, l, cols, ALIGN_LEFT);
	emit_wrapped(s, v, cols, ALIGN_RIGHT);
}

static void emit_rule(struct sink *s, char c, int cols)
{
	put_repeat(s, c, cols);
	put_bytes(s, "\n", 1);
}

int receipt_format_money(int64_t cents, char *buf, size_t n)
{
	char rev[40];
	size_t k = 0, out = 0;
	uint64_t mag;
	uint64_t dollars;
	int groups = 0;

	if (!buf || n == 0)
		return KIOSK_EINVAL;
	/* Magnitude without overflow even for INT64_MIN. */
	mag = cents < 0 ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
	dollars = mag / 100;
	rev[k++] = (char)('0' + mag % 10);
	rev[k++] = (char)('0' + (mag / 10) % 10);
	rev[k++] = '.';
	do {
		if (groups > 0 && groups % 3 == 0)
			rev[k++] = ',';
		rev[k++] = (char)('0' + dollars % 10);
		dollars /= 10;
		groups++;
	} while (dollars > 0);
	rev[k++] = '$';
	if (cents < 0)
		rev[k++] = '-';
	if (k + 1 > n) {
		buf[0] = '\0';
		return KIOSK_EINVAL;
	}
	while (k > 0)
		buf[out++] = rev[--k];
	buf[out] = '\0';
	return 0;
}

/* Fields from callers are run through the PAN mask too: a receipt must never show a
 * card number even if one were passed by mistake in the wrong field. */
static void safe_field(const char *src, char *dst, size_t n)
{
	clean_copy(src, dst, n);
	log_redact_pan(dst);
}

/* "Visa ****1111": only up to four digits of last4 and no digits from the brand. */
static void card_text(const struct receipt *r, receipt_tr_fn tr, char *out, size_t n)
{
	char brand[sizeof(r->brand)], digits[5];
	size_t b = 0, d = 0;

	for (size_t k = 0; k < sizeof(r->brand) && r->brand[k]; k++) {
		unsigned char c = (unsigned char)r->brand[k];

		if (c >= 0x20 && !(c >= '0' && c <= '9'))
			brand[b++] = (char)c;
	}
	brand[b] = '\0';
	for (size_t k = 0; k < sizeof(r->last4) && r->last4[k]; k++) {
		if (r->last4[k] >= '0' && r->last4[k] <= '9' && d < 4)
			digits[d++] = r->last4[k];
	}
	digits[d] = '\0';
	if (d == 0)
		snprintf(out, n, "%s", b ? brand : tr_text(tr, "Card"));
	else
		snprintf(out, n, "%s%s****%s", brand, b ? " " : "", digits);
}

/* How the card reached the terminal, in the words card brands ask for. */
static const char *entry_words(const char *mode)
{
	static const struct {
		const char *mode, *words;
	} map[] = {
	    {"chip", N_("Chip")},    {"tap", N_("Contactless")},
	    {"swipe", N_("Swiped")}, {"wallet", N_("Mobile wallet")},
	    {"keyed", N_("Keyed")},
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (strcmp(map[i].mode, mode) == 0)
			return map[i].words;
	}
	return NULL;
}

/* 10 to 32 upper-case hex digits, the first a letter (a registered provider). */
static bool aid_ok(const char *aid)
{
	size_t n = strlen(aid);

	if (n < 10 || n > 32 || aid[0] < 'A' || aid[0] > 'F')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!((aid[i] >= '0' && aid[i] <= '9') || (aid[i] >= 'A' && aid[i] <= 'F')))
			return false;
	}
	return true;
}

/* The EMV lines of a terminal's payment: application, AID, entry mode, approval code and the
 * terminal's transaction id, each only when the terminal said it. */
static void emit_emv(struct sink *s, const struct receipt *r, receipt_tr_fn tr, int cols)
{
	char field[80];
	const char *entry = entry_words(r->entry_mode);

	safe_field(r->app_label, field, sizeof(field));
	if (field[0])
		emit_pair(s, tr_text(tr, "Application"), field, cols);
	/* An AID is a registered application provider (its first hex digit a letter, "A0..."),
	 * printed whole: it is digit-heavy and must not be taken for a card number. */
	clean_copy(r->aid, field, sizeof(field));
	if (aid_ok(field))
		emit_pair(s, "AID", field, cols);
	if (entry)
		emit_pair(s, tr_text(tr, "Entry"), tr_text(tr, entry), cols);
	safe_field(r->approval_code, field, sizeof(field));
	if (field[0])
		emit_pair(s, tr_text(tr, "Approval code"), field, cols);
	safe_field(r->terminal_txn, field, sizeof(field));
	if (field[0])
		emit_pair(s, tr_text(tr, "Terminal transaction"), field, cols);
}

/* Paid in cash: each denomination's notes, and the credit over the amount due. */
static void cash_lines(struct sink *s, const struct receipt *r, receipt_tr_fn tr, int cols)
{
	char label[48], money[32];

	emit_pair(s, tr_text(tr, "Paid with"), tr_text(tr, "Cash"), cols);
	for (int i = 0; i < r->n_notes && i < 8; i++) {
		char each[32];

		receipt_format_money(r->notes[i].cents, each, sizeof(each));
		receipt_format_money(r->notes[i].cents * r->notes[i].count, money, sizeof(money));
		snprintf(label, sizeof(label), "  %d x %s", r->notes[i].count, each);
		emit_pair(s, label, money, cols);
	}
	if (r->credit_cents > 0) {
		receipt_format_money(r->credit_cents, money, sizeof(money));
		emit_pair(s, tr_text(tr, "Credit over the amount due"), money, cols);
		safe_field(r->credit_display, label, sizeof(label));
		if (label[0]) /* a basket: the account the resident chose */
			emit_pair(s, tr_text(tr, "Credited to"), label, cols);
	}
}

int receipt_layout_text(const struct receipt *r, receipt_tr_fn tr, int cols, char *buf,
			size_t bufsize)
{
	struct sink s = {.buf = buf, .size = bufsize};
	char field[64], money[32], card[48];
	const char *amount_label, *status, *note;

	if (!r || !buf || bufsize == 0 || cols < COLS_MIN || cols > COLS_MAX) {
		if (buf && bufsize)
			buf[0] = '\0';
		return KIOSK_EINVAL;
	}
	buf[0] = '\0';

	switch (r->outcome) {
	case RECEIPT_APPROVED:
		amount_label = N_("Amount paid");
		status = N_("APPROVED");
		note = NULL;
		break;
	case RECEIPT_DECLINED:
		amount_label = N_("Amount");
		status = N_("DECLINED");
		note = N_("No money was taken.");
		break;
	case RECEIPT_IN_DOUBT:
		/* Not "paid": whether the money moved is exactly what we do not know yet. */
		amount_label = N_("Amount");
		status = N_("IN DOUBT - we will confirm");
		note = N_("We will confirm this payment. Do not pay again.");
		break;
	default: return KIOSK_EINVAL;
	}

	safe_field(r->header, field, sizeof(field));
	if (field[0])
		emit_wrapped(&s, field, cols, ALIGN_CENTER);
	emit_wrapped(&s, tr_text(tr, "Payment receipt"), cols, ALIGN_CENTER);
	emit_rule(&s, '=', cols);

	safe_field(r->when, field, sizeof(field));
	if (field[0])
		emit_pair(&s, tr_text(tr, "Date"), field, cols);
	safe_field(r->kiosk_id, field, sizeof(field));
	if (field[0])
		emit_pair(&s, tr_text(tr, "Kiosk"), field, cols);
	emit_rule(&s, '-', cols);

	safe_field(r->customer_display, field, sizeof(field));
	if (field[0] && r->n_bills == 0)
		emit_pair(&s, tr_text(tr, "Customer number"), field, cols);
	/* Several bills: each one, what it got and what it still owes, then the total. */
	for (int i = 0; i < r->n_bills && i < RECEIPT_MAX_BILLS; i++) {
		const struct receipt_bill *b = &r->bills[i];

		safe_field(b->customer_display, field, sizeof(field));
		emit_pair(&s, tr_text(tr, "Customer number"), field, cols);
		receipt_format_money(b->amount_cents, money, sizeof(money));
		emit_pair(&s, tr_text(tr, amount_label), money, cols);
		if (b->balance_known) {
			receipt_format_money(b->balance_cents, money, sizeof(money));
			emit_pair(&s, tr_text(tr, "Balance after payment"), money, cols);
		}
		emit_rule(&s, '-', cols);
	}
	receipt_format_money(r->amount_cents, money, sizeof(money));
	emit_pair(&s, tr_text(tr, r->n_bills ? N_("Total") : amount_label), money, cols);
	if (r->fee_cents > 0) {
		/* The fee is its own line, and the total is what the card was charged. */
		receipt_format_money(r->fee_cents, money, sizeof(money));
		emit_pair(&s, tr_text(tr, "Card fee"), money, cols);
		receipt_format_money(r->amount_cents + r->fee_cents, money, sizeof(money));
		emit_pair(&s, tr_text(tr, "Total charged"), money, cols);
	}
	if (r->has_balance_after && r->n_bills == 0) {
		receipt_format_money(r->balance_after_cents, money, sizeof(money));
		emit_pair(&s, tr_text(tr, "Balance after payment"), money, cols);
	}
	card_text(r, tr, card, sizeof(card));
	if (r->brand[0] || r->last4[0])
		emit_pair(&s, tr_text(tr, "Card"), card, cols);
	emit_emv(&s, r, tr, cols);
	if (r->cash)
		cash_lines(&s, r, tr, cols);
	safe_field(r->reference, field, sizeof(field));
	if (field[0])
		emit_pair(&s, tr_text(tr, "Reference"), field, cols);
	emit_pair(&s, tr_text(tr, "Status"), tr_text(tr, status), cols);
	emit_rule(&s, '-', cols);

	if (r->posting_later && r->outcome == RECEIPT_APPROVED) {
		emit_wrapped(&s,
			     tr_text(tr, "The city's system is not reachable right now. This "
					 "payment will appear on your account shortly."),
			     cols, ALIGN_CENTER);
		put_bytes(&s, "\n", 1);
	}
	if (note) {
		emit_wrapped(&s, tr_text(tr, note), cols, ALIGN_CENTER);
		put_bytes(&s, "\n", 1);
	}
	emit_wrapped(&s, tr_text(tr, "Keep this receipt for your records."), cols, ALIGN_CENTER);
	emit_wrapped(&s, tr_text(tr, "Thank you"), cols, ALIGN_CENTER);
	safe_field(r->footer, field, sizeof(field));
	if (field[0])
		emit_wrapped(&s, field, cols, ALIGN_CENTER);
	/* Where to ask about this payment: the city, not the kiosk. */
	if (r->city_phone[0] || r->city_website[0]) {
		emit_rule(&s, '-', cols);
		emit_wrapped(&s, tr_text(tr, "Questions about your bill?"), cols, ALIGN_CENTER);
		safe_field(r->city_phone, field, sizeof(field));
		if (field[0])
			emit_pair(&s, tr_text(tr, "Phone"), field, cols);
		safe_field(r->city_website, field, sizeof(field));
		if (field[0])
			emit_wrapped(&s, field, cols, ALIGN_CENTER);
	}

	if (s.full) {
		buf[0] = '\0';
		return KIOSK_EINVAL;
	}
	return 0;
}

int receipt_table_row(const char *label, const char *count, const char *amount, int cols, char *buf,
		      size_t n)
{
	/* The old fixed layout, "%-20s %4d %16s", in characters. */
	enum { COUNT_W = 4, AMOUNT_W = 17 };
	struct sink s = {.buf = buf, .size = n};
	char l[256], c[32], a[64];
	int label_w = cols - COUNT_W - AMOUNT_W, w;
	size_t cut;

	if (!buf || n == 0 || label_w < 4)
		return KIOSK_EINVAL;
	buf[0] = '\0';
	clean_copy(label, l, sizeof(l));
	clean_copy(count, c, sizeof(c));
	clean_copy(amount, a, sizeof(a));
	cut = u8_prefix(l, strlen(l), label_w - 1);
	w = u8_width(l, cut);
	put_bytes(&s, l, cut);
	put_repeat(&s, ' ', label_w - w);
	w = u8_width(c, strlen(c));
	put_repeat(&s, ' ', COUNT_W - w);
	put_bytes(&s, c, strlen(c));
	w = u8_width(a, strlen(a));
	put_repeat(&s, ' ', AMOUNT_W - w);
	put_bytes(&s, a, strlen(a));
	if (s.full) {
		buf[0] = '\0';
		return KIOSK_EINVAL;
	}
	return 0;
}
