/* The guest-pay flow as one state machine: (state, event) -> (state, effects).
 * Pure: everything it knows arrives in events, everything it wants leaves as effects. */
#include "app/core/core.h"

#include <stdio.h>
#include <string.h>

#include "app/core/core_internal.h"
#include "app/core/money.h"

#define CUSTOMER_MIN_DIGITS 6
#define CUSTOMER_MAX_DIGITS 12

void core_config_defaults(struct core_config *cfg)
{
	cfg->idle_ms = 60000;
	cfg->warning_ms = 20000;
	cfg->toast_ms = 6000;
	cfg->default_lang = CORE_LANG_EN;
	cfg->service_idle_ms = 120000;
	cfg->max_payment_cents = 0; /* no limit, no fee, both languages */
	memset(&cfg->card_fee, 0, sizeof(cfg->card_fee));
	cfg->single_lang = false;
	cfg->wait_for_reconcile = false; /* the kiosk (main.c) turns it on */
	cfg->cash = false;		 /* no validator: Continue, as ever */
	cfg->card = CORE_CARD_READER;	 /* [payments] card: the magstripe reader unless told */
}

int64_t core_card_fee(const struct core_state *s, int64_t amount_cents)
{
	/* Only the terminal charges it (a swipe's payment is the portal's, with no fee line),
	 * and never cash. */
	if (s->cfg.card != CORE_CARD_TERMINAL || s->tender != CORE_TENDER_CARD)
		return 0;
	return money_card_fee(&s->cfg.card_fee, amount_cents);
}

static void copy_str(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static void add_fx(struct core_effects *fx, enum core_effect_type type, const struct core_state *s)
{
	struct core_effect *e;

	if (fx->count >= CORE_MAX_EFFECTS)
		return; /* cannot happen: no transition emits more than CORE_MAX_EFFECTS */
	e = &fx->fx[fx->count++];
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->request_id = s->request_id;
	e->verify = s->verify;
	e->bill = s->bill;
	e->amount_cents = s->amount_cents;
	e->tender = s->tender;
	e->credit_to = s->credit_to;
	if (type == CORE_FX_PAY)
		e->fee_cents = core_card_fee(s, s->amount_cents);
	if (type == CORE_FX_PAY && s->basket_count > 1) {
		/* Several bills, one tender: the whole basket, amount_cents its total. */
		e->basket_count = s->basket_count;
		memcpy(e->basket, s->basket, sizeof(e->basket));
	}
}

static void notice(struct core_state *s, const char *msgid, const char *arg, bool is_error,
		   int64_t until_ms)
{
	memset(&s->notice, 0, sizeof(s->notice));
	s->notice.msgid = msgid;
	copy_str(s->notice.arg, sizeof(s->notice.arg), arg);
	s->notice.is_error = is_error;
	s->notice.until_ms = until_ms;
}

static void clear_notice(struct core_state *s)
{
	memset(&s->notice, 0, sizeof(s->notice));
}

/* Everything a session held goes, its language too: the next resident starts afresh. */
static void wipe_session(struct core_state *s)
{
	struct core_config cfg = s->cfg;
	uint32_t req = s->request_id;
	enum core_printer printer = s->printer; /* the device's, not the session's */
	enum core_terminal terminal = s->terminal;
	struct core_service svc = s->svc; /* staff's settings and lockout outlive sessions */
	bool oos = s->out_of_service;	  /* the kiosk's, not the session's */
	char reason[sizeof(s->out_of_service_reason)];
	bool reconciled = s->reconciled;
	bool cash_ready = s->cash_ready; /* the validator's, not the session's */
	enum core_cash_problem cash_problem = s->cash_problem; /* and why it cannot take notes */

	memcpy(reason, s->out_of_service_reason, sizeof(reason));
	memset(s, 0, sizeof(*s));
	s->cfg = cfg;
	s->printer = printer;
	s->terminal = terminal;
	s->out_of_service = oos;
	memcpy(s->out_of_service_reason, reason, sizeof(reason));
	s->reconciled = reconciled;
	s->cash_ready = cash_ready;
	s->cash_problem = cash_problem;
	s->lang = cfg.default_lang;
	s->request_id = req + 1; /* anything still in flight belongs to the old session */
	s->svc.locked_until_ms = svc.locked_until_ms;
	s->svc.locked_for_good = svc.locked_for_good;
	s->svc.status = svc.status;
	s->svc.status_loaded = svc.status_loaded;
	/* Between sessions is the only moment out of service takes over the screen. */
	s->screen = oos ? CORE_SCREEN_OUT_OF_SERVICE : CORE_SCREEN_WELCOME;
}

bool core_in_session(const struct core_state *s)
{
	return core_screen_flow(s->screen) != CORE_FLOW_IDLE;
}

bool core_set_config(struct core_state *s, const struct core_config *cfg, int64_t now_ms)
{
	if (core_in_session(s))
		return false;
	s->cfg = *cfg;
	s->lang = cfg->default_lang;
	s->last_activity_ms = now_ms;
	return true;
}

static void go(struct core_state *s, enum core_screen screen);

static void set_out_of_service(struct core_state *s, const struct core_event *ev)
{
	s->out_of_service = ev->choice != 0;
	copy_str(s->out_of_service_reason, sizeof(s->out_of_service_reason),
		 s->out_of_service ? ev->text : "");
	if (core_in_session(s))
		return; /* the resident finishes first; wipe_session takes it from there */
	enum core_screen want =
	    s->out_of_service ? CORE_SCREEN_OUT_OF_SERVICE : CORE_SCREEN_WELCOME;
	if (s->screen != want) {
		s->lang = s->cfg.default_lang;
		go(s, want);
	}
}

static void go(struct core_state *s, enum core_screen screen)
{
	const struct core_screen_def *d = core_screen_def(screen);

	s->screen = screen;
	s->ask = CORE_ASK_NONE;
	clear_notice(s);
	s->focus = d->first_fn ? d->first_fn(s) : d->first;
	s->shift = false;
}

enum core_field pay_amount_first_field(const struct core_state *s)
{
	return s->other_amount ? CORE_FIELD_AMOUNT : CORE_FIELD_NONE;
}

static const char *printer_msg(enum core_printer p)
{
	switch (p) {
	case CORE_PRINTER_PAPER_OUT:
		return N_("The printer is out of paper, so no receipt can be printed. You can "
			  "still pay and write down your reference number.");
	case CORE_PRINTER_COVER_OPEN:
		return N_("The printer's cover is open, so no receipt can be printed. You can "
			  "still pay and write down your reference number.");
	default:
		return N_("The printer is not working, so no receipt can be printed. You can "
			  "still pay and write down your reference number.");
	}
}

/* Whether the card step pays through a terminal (it asks for the card) rather than waiting
 * for a swipe at the reader. */
bool core_card_by_terminal(const struct core_state *s)
{
	return s->cfg.card == CORE_CARD_TERMINAL && s->tender == CORE_TENDER_CARD;
}

/* The terminal is asked for the amount at once: it takes the card and answers later. A new
 * payment (a new sale id) each time: a decline is never retried under the same one. */
static void start_terminal_payment(struct core_state *s, struct core_effects *fx)
{
	s->brand[0] = s->last4[0] = '\0';
	s->request_id++;
	s->busy = CORE_BUSY_PAYING;
	s->taking = true;
	s->cancelling = false;
	s->prompt = CORE_PROMPT_NONE; /* the terminal says what it shows for this one */
	add_fx(fx, CORE_FX_PAY, s);
}

/* The terminal's own prompt, mirrored while its card step or the result of its payment is on
 * screen; once the answer is in, only the card's removal still matters. */
static bool terminal_prompt(struct core_state *s, const struct core_event *ev)
{
	enum core_terminal_prompt p = (enum core_terminal_prompt)ev->choice;

	if (!core_card_by_terminal(s) || ev->choice < CORE_PROMPT_NONE ||
	    ev->choice > CORE_PROMPT_TEXT ||
	    (s->screen != CORE_SCREEN_PAY_CARD && s->screen != CORE_SCREEN_PAY_RESULT))
		return false;
	if (s->screen == CORE_SCREEN_PAY_RESULT && p != CORE_PROMPT_REMOVE_CARD &&
	    p != CORE_PROMPT_NONE)
		return false;
	s->prompt = p;
	/* The terminal's words are cut to what the card step has room for. */
	snprintf(s->prompt_text, sizeof(s->prompt_text), "%.*s", (int)sizeof(s->prompt_text) - 1,
		 p == CORE_PROMPT_TEXT ? ev->text : "");
	return true;
}

/* The card step may take the card now: the reader goes on, or the terminal is asked. */
static void card_step_ready(struct core_state *s, struct core_effects *fx)
{
	if (core_card_by_terminal(s))
		start_terminal_payment(s, fx);
	else
		add_fx(fx, CORE_FX_READER_ON, s);
}

/* The card step. When no receipt can be printed the resident hears it before paying, and
 * the reader waits for their choice. */
static void enter_card_step(struct core_state *s, struct core_effects *fx)
{
	go(s, CORE_SCREEN_PAY_CARD);
	s->receipt_choice = s->printer != CORE_PRINTER_OK && !s->no_receipt;
	if (s->receipt_choice)
		notice(s, printer_msg(s->printer), NULL, true, 0);
	else
		card_step_ready(s, fx);
}

static void end_session(struct core_state *s, struct core_effects *fx)
{
	wipe_session(s);
	add_fx(fx, CORE_FX_READER_OFF, s);
	add_fx(fx, CORE_FX_END_SESSION, s);
}

const char *core_terminal_name(enum core_terminal t)
{
	static const char *const names[] = {
	    [CORE_TERMINAL_NONE] = "none",	     [CORE_TERMINAL_OK] = "ok",
	    [CORE_TERMINAL_BUSY] = "busy",	     [CORE_TERMINAL_UNREACHABLE] = "unreachable",
	    [CORE_TERMINAL_UNTRUSTED] = "untrusted",
	};
	_Static_assert(sizeof(names) / sizeof(names[0]) == CORE_TERMINAL_COUNT,
		       "every terminal state has a name");
	return (unsigned)t < CORE_TERMINAL_COUNT ? names[t] : "none";
}

struct core_event core_ev(enum core_event_type type)
{
	struct core_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	return ev;
}

void core_init(struct core_state *s, const struct core_config *cfg, int64_t now_ms)
{
	memset(s, 0, sizeof(*s));
	if (cfg)
		s->cfg = *cfg;
	else
		core_config_defaults(&s->cfg);
	s->screen = CORE_SCREEN_WELCOME;
	s->lang = s->cfg.default_lang;
	s->last_activity_ms = now_ms;
	s->reconciled = !s->cfg.wait_for_reconcile;
}

enum core_field_kind core_field_kind(enum core_field f)
{
	switch (f) {
	case CORE_FIELD_CUSTOMER: return CORE_KIND_DIGITS;
	case CORE_FIELD_LAST_BILL:
	case CORE_FIELD_AMOUNT: return CORE_KIND_MONEY;
	case CORE_FIELD_MOBILE:
	case CORE_FIELD_CODE:
	case CORE_FIELD_ROUTING:
	case CORE_FIELD_BANK_ACCOUNT: return CORE_KIND_DIGITS;
	case CORE_FIELD_AP_MAX: return CORE_KIND_MONEY;
	case CORE_FIELD_SERVICE_PIN: return CORE_KIND_DIGITS;
	case CORE_FIELD_REFERENCE: return CORE_KIND_EMAIL;
	case CORE_FIELD_EMAIL: return CORE_KIND_EMAIL;
	case CORE_FIELD_PASSWORD:
	case CORE_FIELD_PASSWORD2: return CORE_KIND_SECRET;
	default: return CORE_KIND_TEXT;
	}
}

static char *field_buf(struct core_state *s, enum core_field f, size_t *n)
{
	switch (f) {
	case CORE_FIELD_CUSTOMER: *n = sizeof(s->customer_number); return s->customer_number;
	case CORE_FIELD_LAST_NAME: *n = sizeof(s->last_name); return s->last_name;
	case CORE_FIELD_LAST_BILL: *n = sizeof(s->last_bill); return s->last_bill;
	case CORE_FIELD_AMOUNT: *n = sizeof(s->amount_text); return s->amount_text;
	case CORE_FIELD_EMAIL: *n = sizeof(s->email); return s->email;
	case CORE_FIELD_PASSWORD: *n = sizeof(s->password); return s->password;
	case CORE_FIELD_PASSWORD2: *n = sizeof(s->password2); return s->password2;
	case CORE_FIELD_FIRST_NAME: *n = sizeof(s->first_name); return s->first_name;
	case CORE_FIELD_REG_LAST_NAME: *n = sizeof(s->reg_last_name); return s->reg_last_name;
	case CORE_FIELD_MOBILE: *n = sizeof(s->mobile); return s->mobile;
	case CORE_FIELD_CODE: *n = sizeof(s->code); return s->code;
	case CORE_FIELD_AP_MAX: *n = sizeof(s->ap_max); return s->ap_max;
	case CORE_FIELD_ROUTING: *n = sizeof(s->routing); return s->routing;
	case CORE_FIELD_BANK_ACCOUNT: *n = sizeof(s->bank_account); return s->bank_account;
	case CORE_FIELD_BANK_NAME: *n = sizeof(s->bank_name); return s->bank_name;
	default: *n = 0; return NULL;
	}
}

const char *core_field_text(const struct core_state *s, enum core_field f)
{
	size_t n;
	const char *p = field_buf((struct core_state *)s, f, &n);
	return p ? p : "";
}

void core_normalize_customer(const char *in, char *out, size_t n)
{
	size_t o = 0;

	if (n == 0)
		return;
	for (; in && *in && o + 1 < n; in++) {
		if (*in >= '0' && *in <= '9')
			out[o++] = *in;
	}
	out[o] = '\0';
}

/* Whether ch may go into a money field holding cur: digits, one point, two decimals. */
static bool money_accepts(const char *cur, char ch)
{
	const char *point = strchr(cur, '.');
	size_t len = strlen(cur);

	if (ch == '.')
		return point == NULL;
	if (ch < '0' || ch > '9')
		return false;
	if (point)
		return strlen(point + 1) < 2;
	if (len == 1 && cur[0] == '0')
		return false; /* no "05" */
	return len < 7;
}

static bool name_accepts(unsigned char ch)
{
	/* Letters of any script (UTF-8 lead and continuation bytes), space, hyphen, apostrophe. */
	return ch >= 0x80 || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == ' ' ||
	       ch == '-' || ch == '\'' || ch == '.';
}

/* Bytes in the well-formed UTF-8 character at p, or 0 when p does not start one. */
static size_t utf8_char_len(const unsigned char *p)
{
	size_t len;

	if (*p < 0x80)
		return 1;
	if (*p >= 0xC2 && *p <= 0xDF)
		len = 2;
	else if (*p >= 0xE0 && *p <= 0xEF)
		len = 3;
	else if (*p >= 0xF0 && *p <= 0xF4)
		len = 4;
	else
		return 0; /* a stray continuation byte or an invalid lead */
	for (size_t i = 1; i < len; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0; /* truncated (the terminator stops this too) */
	return len;
}

/* What the email keyboard types: letters, digits and the few signs of an address; a
 * password may also hold the other printable ASCII a hardware keyboard sends. */
static bool email_accepts(enum core_field f, unsigned char ch)
{
	if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	    strchr("@.-_+", ch))
		return ch != '\0';
	return core_field_kind(f) == CORE_KIND_SECRET && ch > ' ' && ch < 0x7F;
}

bool core_shift_on(const struct core_state *s)
{
	const char *text = core_field_text(s, s->focus);

	if (core_field_kind(s->focus) == CORE_KIND_TEXT)
		return s->shift != (!text || !text[0]);
	return s->shift;
}

/* The capital of a lower-case letter at p (ASCII or Latin-1 in UTF-8: á, ñ, ü...), in place. */
static void capitalize(unsigned char *p, size_t len)
{
	if (len == 1 && *p >= 'a' && *p <= 'z')
		*p = (unsigned char)(*p - 'a' + 'A');
	else if (len == 2 && p[0] == 0xC3 && p[1] >= 0xA0 && p[1] <= 0xBE && p[1] != 0xB7)
		p[1] = (unsigned char)(p[1] - 0x20);
}

static bool core_kind_is_text(const struct core_state *s)
{
	return core_field_kind(s->focus) == CORE_KIND_TEXT;
}

static bool is_letter(const unsigned char *p, size_t len)
{
	return (len == 1 && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) || len > 1;
}

/* Appends typed text to the focused field, keeping only what that field may hold. */
static bool type_text(struct core_state *s, const char *text)
{
	size_t n, step, max = account_field_max(s->focus);
	char *buf = field_buf(s, s->focus, &n);
	bool changed = false, full = false;

	if (!buf)
		return false;
	if (max && max + 1 < n)
		n = max + 1;
	for (const unsigned char *p = (const unsigned char *)text; *p; p += step) {
		size_t len = strlen(buf);
		bool ok;

		step = 1;
		switch (core_field_kind(s->focus)) {
		case CORE_KIND_DIGITS:
			/* Dashes, dots and spaces from the bill are dropped, as the portal asks. */
			ok = *p >= '0' && *p <= '9' &&
			     (s->focus != CORE_FIELD_CUSTOMER || len < CUSTOMER_MAX_DIGITS);
			if (*p >= '0' && *p <= '9' && s->focus == CORE_FIELD_CUSTOMER &&
			    len >= CUSTOMER_MAX_DIGITS) {
				/* Refused at the field, and said there: not dropped in silence. */
				notice(s, N_("A customer number has 6 to 12 digits."), NULL, true,
				       0);
				s->notice.field = CORE_FIELD_CUSTOMER;
				return true;
			}
			break;
		case CORE_KIND_MONEY: ok = money_accepts(buf, (char)*p); break;
		case CORE_KIND_EMAIL:
		case CORE_KIND_SECRET: {
			unsigned char ch = *p;
			/* Shift makes the next letter a capital, then lets go. */
			if (s->shift && ch >= 'a' && ch <= 'z') {
				ch = (unsigned char)(ch - 'a' + 'A');
				s->shift = false;
				changed = true;
			}
			ok = email_accepts(s->focus, ch) && len + 1 < n;
			full = full || (email_accepts(s->focus, ch) && len + 1 >= n);
			if (ok) {
				buf[len] = (char)ch;
				buf[len + 1] = '\0';
				changed = true;
			}
			continue;
		}
		default:
			/* A whole UTF-8 character or nothing: never half of one in the field. */
			step = utf8_char_len(p);
			ok = step > 0 && name_accepts(*p) && !(len == 0 && *p == ' ');
			if (!step)
				step = 1;
			break;
		}
		if (ok && len + step < n) {
			bool cap = core_kind_is_text(s) && core_shift_on(s) && is_letter(p, step);

			memcpy(buf + len, p, step);
			buf[len + step] = '\0';
			/* The name is kept as typed; Shift (or the first letter) makes a capital,
			 * then lets go. */
			if (cap)
				capitalize((unsigned char *)buf + len, step);
			if (core_kind_is_text(s) && is_letter(p, step))
				s->shift = false;
			changed = true;
		} else if (ok && core_screen_flow(s->screen) == CORE_FLOW_ACCOUNT) {
			full = true;
		}
	}
	if (changed && s->notice.is_error)
		clear_notice(s);
	if (full) {
		/* Said at the field, not silently dropped. */
		notice(s, N_("That is as long as this field can be."), NULL, true, 0);
		s->notice.field = s->focus;
		return true;
	}
	return changed;
}

static bool backspace(struct core_state *s)
{
	size_t n, len;
	char *buf = field_buf(s, s->focus, &n);

	if (!buf || !(len = strlen(buf)))
		return false;
	/* Remove one whole UTF-8 character. */
	do {
		len--;
	} while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80);
	buf[len] = '\0';
	return true;
}

/* Trims surrounding spaces of the typed name into out. */
static void trimmed(const char *in, char *out, size_t n)
{
	size_t len;

	while (*in == ' ')
		in++;
	copy_str(out, n, in);
	len = strlen(out);
	while (len > 0 && out[len - 1] == ' ')
		out[--len] = '\0';
}

void guest_lookup_next(struct core_state *s, struct core_effects *fx, int64_t now)
{
	char digits[sizeof(s->customer_number)];
	int64_t cents = 0;

	core_normalize_customer(s->customer_number, digits, sizeof(digits));
	if (strlen(digits) < CUSTOMER_MIN_DIGITS) {
		s->focus = CORE_FIELD_CUSTOMER;
		notice(s,
		       digits[0] ? N_("A customer number has 6 to 12 digits.")
				 : N_("Enter the customer number from the top of your bill, digits "
				      "only."),
		       NULL, true, 0);
		s->notice.field = CORE_FIELD_CUSTOMER;
		return;
	}
	memset(&s->bill, 0, sizeof(s->bill));
	copy_str(s->bill.customer_number, sizeof(s->bill.customer_number), digits);
	if (s->verify == CORE_VERIFY_LAST_NAME) {
		trimmed(s->last_name, s->bill.last_name, sizeof(s->bill.last_name));
		if (!s->bill.last_name[0]) {
			s->focus = CORE_FIELD_LAST_NAME;
			notice(s, N_("Enter the last name on the account."), NULL, true, 0);
			return;
		}
	} else {
		if (money_parse(s->last_bill, &cents) != 0) {
			s->focus = CORE_FIELD_LAST_BILL;
			notice(s, N_("Enter the amount of your last bill, for example 84.17."),
			       NULL, true, 0);
			return;
		}
		s->bill.last_bill_cents = cents;
	}
	clear_notice(s);
	s->request_id++;
	s->busy = CORE_BUSY_LOOKUP;
	s->by_scan = false;
	s->last_activity_ms = now;
	add_fx(fx, CORE_FX_LOOKUP, s);
}

/* A portal that fails the certificate check may be an impostor: say so, and that nothing
 * about the resident or their card left the kiosk. */
static const char *const untrusted_msg =
    N_("This kiosk could not verify the city's payment system, so nothing was sent. No money "
       "was taken. Please ask staff for help.");

static void lookup_done(struct core_state *s, const struct core_event *ev, int64_t now)
{
	s->busy = CORE_BUSY_NONE;
	s->last_activity_ms = now;
	if (s->by_scan) {
		scan_lookup_done(s, ev);
		return;
	}
	switch (ev->failure) {
	case CORE_FAIL_NONE:
		s->bill = ev->bill;
		/* Nothing due is said by the bill summary itself. */
		go(s, CORE_SCREEN_BILL_SUMMARY);
		break;
	case CORE_FAIL_NOT_FOUND:
		notice(s,
		       s->verify == CORE_VERIFY_LAST_NAME
			   ? N_("We could not find that account. Check the customer number and "
				"the last name on your bill.")
			   : N_("We could not find that account. Check the customer number and "
				"the last bill amount."),
		       NULL, true, 0);
		break;
	default: core_lookup_failed(s, ev->failure); break;
	}
}

void core_lookup_failed(struct core_state *s, enum core_failure f)
{
	switch (f) {
	case CORE_FAIL_GARBLED:
		notice(s,
		       N_("The city's payment system sent an answer we could not read. Please try "
			  "again."),
		       NULL, true, 0);
		break;
	case CORE_FAIL_UNTRUSTED: notice(s, untrusted_msg, NULL, true, 0); break;
	default:
		notice(s,
		       N_("We can't reach the city's payment system right now. Please try again in "
			  "a few minutes, or pay at the cashier's window."),
		       NULL, true, 0);
		break;
	}
}

/* The amount step's choice checked and kept in s->amount_cents; false (said at the field)
 * when it cannot be paid. */
bool core_amount_chosen(struct core_state *s)
{
	int64_t cents;
	char due[24];

	if (!s->other_amount) {
		if (s->cfg.max_payment_cents > 0 &&
		    s->bill.balance_cents > s->cfg.max_payment_cents) {
			money_format(s->cfg.max_payment_cents, due, sizeof(due));
			notice(
			    s,
			    N_("The most you can pay at this kiosk is %s. Choose another amount."),
			    due, true, 0);
			return false;
		}
		s->amount_cents = s->bill.balance_cents;
	} else {
		if (money_parse(s->amount_text, &cents) != 0 || cents <= 0) {
			s->focus = CORE_FIELD_AMOUNT;
			notice(s,
			       money_parse(s->amount_text, &cents) == 0
				   ? N_("The amount must be more than zero.")
				   : N_("Enter an amount, for example 20.00."),
			       NULL, true, 0);
			return false;
		}
		if (cents > s->bill.balance_cents) {
			money_format(s->bill.balance_cents, due, sizeof(due));
			s->focus = CORE_FIELD_AMOUNT;
			notice(s, N_("The amount can't be more than the amount due, %s."), due,
			       true, 0);
			return false;
		}
		if (s->cfg.max_payment_cents > 0 && cents > s->cfg.max_payment_cents) {
			money_format(s->cfg.max_payment_cents, due, sizeof(due));
			s->focus = CORE_FIELD_AMOUNT;
			notice(
			    s,
			    N_("The most you can pay at this kiosk is %s. Choose another amount."),
			    due, true, 0);
			return false;
		}
		s->amount_cents = cents;
	}
	return true;
}

void pay_amount_next(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)now;
	/* With a validator the resident chooses Card or Cash: there is no Continue to press,
	 * except for a bill joining a basket (paid from the basket's screen). */
	if ((s->cfg.cash && s->basket_count == 0) || !core_amount_chosen(s))
		return;
	/* Several bills: this one joins the basket, which is paid from its own screen. */
	if (s->basket_count > 0) {
		basket_take(s);
		return;
	}
	enter_card_step(s, fx);
}

void core_enter_card_step(struct core_state *s, struct core_effects *fx)
{
	enter_card_step(s, fx);
}

static void card_read(struct core_state *s, const struct core_event *ev, struct core_effects *fx,
		      int64_t now)
{
	if (s->screen != CORE_SCREEN_PAY_CARD || s->busy != CORE_BUSY_NONE)
		return; /* a swipe outside the card step is ignored; the reader is off anyway */
	s->last_activity_ms = now;
	if (ev->failure != CORE_FAIL_NONE) {
		notice(s, core_card_failure_text(ev->failure), NULL, true, 0);
		return;
	}
	clear_notice(s);
	copy_str(s->brand, sizeof(s->brand), ev->brand);
	copy_str(s->last4, sizeof(s->last4), ev->last4);
	s->request_id++;
	s->busy = CORE_BUSY_PAYING;
	add_fx(fx, CORE_FX_READER_OFF, s);
	add_fx(fx, CORE_FX_PAY, s);
}

/* What the resident is told when the card was declined at the terminal. */
static const char *decline_msg(enum core_decline d)
{
	switch (d) {
	case CORE_DECLINE_FUNDS:
		return N_("Your card was declined: not enough funds. No money was taken. You can "
			  "use another card now.");
	case CORE_DECLINE_CARD_REMOVED:
		return N_("The card was removed too early. No money was taken. Please insert it "
			  "again and leave it in until the terminal says to remove it.");
	case CORE_DECLINE_PIN_TRIES:
		return N_("The PIN was entered wrong too many times, so this card can't be used "
			  "now. No money was taken. You can use another card.");
	default:
		return N_("Your card was declined. No money was taken. You can use another card "
			  "now.");
	}
}

/* The terminal's answer when it did not end in a result screen: the card step says what
 * happened, and after a decline the terminal waits for another card right away (Cancel stops
 * it). Returns false when the answer goes to the result screen instead. */
static bool terminal_pay_done(struct core_state *s, const struct core_event *ev,
			      struct core_effects *fx)
{
	bool again = false;

	s->taking = false;
	s->cancelling = false;
	switch (ev->failure) {
	case CORE_FAIL_NONE:
		if (ev->outcome != CORE_OUTCOME_DECLINED)
			return false;
		s->decline = ev->decline;
		if (ev->decline == CORE_DECLINE_NO_CARD) {
			/* Nobody presented a card: the terminal gave up; the resident may be gone,
			 * so the kiosk does not ask again by itself. */
			notice(s,
			       N_("No card was presented. No money was taken. Tap Try again to "
				  "pay by card."),
			       NULL, true, 0);
		} else {
			notice(s, decline_msg(ev->decline), NULL, true, 0);
			again = true;
		}
		break;
	case CORE_FAIL_CANCELLED:
		go(s, CORE_SCREEN_PAY_AMOUNT);
		notice(s, N_("The payment was cancelled. No money was taken."), NULL, false,
		       ev->now_ms + s->cfg.toast_ms);
		return true;
	case CORE_FAIL_OFFLINE:
	case CORE_FAIL_UNREACHABLE:
		notice(s,
		       N_("Card payments will be back in a minute: the card terminal is "
			  "restarting. No money was taken. Please try again shortly."),
		       NULL, true, 0);
		break;
	case CORE_FAIL_STORE:
		notice(s,
		       N_("This kiosk can't take payments right now. No money was taken. Please "
			  "ask staff for help."),
		       NULL, true, 0);
		break;
	case CORE_FAIL_NOT_ACCEPTED:
		notice(s,
		       N_("The city's payment system did not accept this payment, so the charge "
			  "on your card was cancelled. No money was taken. Please ask staff for "
			  "help."),
		       NULL, true, 0);
		break;
	default:
		/* Refused by the terminal itself, or its certificate not trusted. */
		notice(s,
		       N_("The card terminal is not working right now. No money was taken. "
			  "Please ask staff for help."),
		       NULL, true, 0);
		break;
	}
	if (again)
		start_terminal_payment(s, fx);
	return true;
}

static void pay_done(struct core_state *s, const struct core_event *ev, struct core_effects *fx,
		     int64_t now)
{
	if (s->paying_cash && cash_pay_done(s, ev, fx, now))
		return;
	s->busy = CORE_BUSY_NONE;
	if (s->taking) {
		copy_str(s->brand, sizeof(s->brand), ev->brand);
		copy_str(s->last4, sizeof(s->last4), ev->last4);
		if (terminal_pay_done(s, ev, fx)) {
			s->last_activity_ms = now;
			return;
		}
	}
	s->last_activity_ms = now;
	copy_str(s->reference, sizeof(s->reference), ev->reference);
	s->decline_reason[0] = '\0';
	s->receipt_printed = false;
	if (ev->failure == CORE_FAIL_STORE || ev->failure == CORE_FAIL_UNREACHABLE ||
	    ev->failure == CORE_FAIL_REFUSED || ev->failure == CORE_FAIL_UNTRUSTED ||
	    ev->failure == CORE_FAIL_NOT_ACCEPTED) {
		/* Nothing was charged (journal refused, portal never reached, or the portal
		 * turned the request down), so the resident may simply try again. */
		const char *msg =
		    ev->failure == CORE_FAIL_STORE
			? N_("This kiosk can't take payments right now. No money was taken. "
			     "Please ask staff for help.")
		    : ev->failure == CORE_FAIL_REFUSED || ev->failure == CORE_FAIL_NOT_ACCEPTED
			? N_("The city's payment system did not accept this payment. No money "
			     "was taken. Please ask staff for help.")
		    : ev->failure == CORE_FAIL_UNTRUSTED
			? untrusted_msg
			: N_("We can't reach the city's payment system right now. No money was "
			     "taken. Please try again in a few minutes.");
		notice(s, msg, NULL, true, 0);
		/* The swipe turned the reader off and dropped the card: turn it back on. */
		add_fx(fx, CORE_FX_READER_ON, s);
		return;
	}
	if (ev->failure != CORE_FAIL_NONE || ev->outcome == CORE_OUTCOME_IN_DOUBT) {
		s->outcome = CORE_OUTCOME_IN_DOUBT;
	} else {
		s->outcome = ev->outcome;
		if (s->outcome == CORE_OUTCOME_DECLINED)
			copy_str(s->decline_reason, sizeof(s->decline_reason), ev->text);
	}
	/* A terminal's approval the portal has not taken yet is in the outbox: the screen says
	 * it will appear on the account shortly, as the receipt does (and as cash does). */
	s->posting_later = s->outcome == CORE_OUTCOME_APPROVED && ev->posting_later;
	go(s, CORE_SCREEN_PAY_RESULT);
	if (s->cash_walked_away) {
		/* Nobody is there to press Print: the receipt goes to the tray by itself. */
		if (s->printer == CORE_PRINTER_OK) {
			s->busy = CORE_BUSY_PRINTING;
			add_fx(fx, CORE_FX_PRINT, s);
		} else {
			end_session(s, fx);
		}
	}
}

static void print_done(struct core_state *s, const struct core_event *ev, struct core_effects *fx,
		       int64_t now)
{
	s->busy = CORE_BUSY_NONE;
	if (s->cash_walked_away) {
		/* Nobody is there to take it: the receipt is in the tray; the session ends. */
		end_session(s, fx);
		s->last_activity_ms = now;
		return;
	}
	s->last_activity_ms = now;
	if (ev->failure == CORE_FAIL_NONE) {
		s->receipt_printed = true;
		notice(s, N_("Please take your receipt."), NULL, false, now + s->cfg.toast_ms);
	} else if (ev->failure == CORE_FAIL_PAPER_OUT) {
		notice(s,
		       N_("The printer is out of paper. Please write down your reference number: "
			  "%s."),
		       s->reference, true, 0);
	} else {
		notice(s,
		       N_("The receipt could not be printed. Please write down your reference "
			  "number: %s."),
		       s->reference, true, 0);
	}
}

/* ---- Continue and Back of the guest and payment steps (the screen table) ---- */

void guest_lookup_back(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)now;
	if (s->basket_count > 0)
		go(s, CORE_SCREEN_BASKET); /* looking up another bill: the basket is kept */
	else
		end_session(s, fx);
}

void bill_summary_next(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)fx;
	(void)now;
	if (s->bill.balance_cents > 0) {
		s->other_amount = false;
		go(s, CORE_SCREEN_PAY_AMOUNT);
	}
}

void bill_summary_back(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)fx;
	(void)now;
	go(s, CORE_SCREEN_GUEST_LOOKUP);
}

/* Signed in, the amount step was reached from the utility bill, not a guest's summary. */
void pay_amount_back(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)fx;
	(void)now;
	if (s->basket_count > 0 && s->signed_in)
		go(s, CORE_SCREEN_BASKET); /* an account picked from the basket */
	else
		go(s, s->signed_in ? CORE_SCREEN_UTILITY_BILL : CORE_SCREEN_BILL_SUMMARY);
}

void pay_card_back(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)now;
	if (!core_card_by_terminal(s))
		add_fx(fx, CORE_FX_READER_OFF, s);
	s->receipt_choice = false;
	go(s, s->basket_count > 1 ? CORE_SCREEN_BASKET : CORE_SCREEN_PAY_AMOUNT);
}

void core_stay(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)s;
	(void)fx;
	(void)now;
}

/* Events a resident makes; the adapters' answers are not a sign of life. */
static bool is_touch(enum core_event_type t)
{
	return t != CORE_EV_TICK && t != CORE_EV_LOOKUP_DONE && t != CORE_EV_PAY_DONE &&
	       t != CORE_EV_PRINT_DONE && t != CORE_EV_ACCOUNT_DONE && t != CORE_EV_RECONCILED &&
	       t != CORE_EV_OUT_OF_SERVICE && t != CORE_EV_RECEIPT_SENT;
}

static bool tick(struct core_state *s, struct core_effects *fx, int64_t now)
{
	bool changed = false;

	if (s->notice.msgid && s->notice.until_ms && now >= s->notice.until_ms) {
		clear_notice(s);
		changed = true;
	}
	if (s->warning) {
		if (now - s->warning_started_ms >= s->cfg.warning_ms) {
			end_session(s, fx);
			s->last_activity_ms = now;
		}
		return true; /* the countdown changed */
	}
	if (cash_tick(s, fx, now))
		return true;
	/* A payment in flight is never abandoned: the resident must see how it ended. */
	if (core_in_session(s) && s->busy != CORE_BUSY_PAYING &&
	    now - s->last_activity_ms >= s->cfg.idle_ms) {
		s->warning = true;
		s->warning_started_ms = now;
		changed = true;
	}
	return changed;
}

static bool handle(struct core_state *s, const struct core_event *ev, struct core_effects *fx)
{
	int64_t now = ev->now_ms;
	bool changed = true;

	fx->count = 0;
	if (ev->type == CORE_EV_STRAY_SWIPE) {
		/* Nothing was typed; only a word, wherever the resident is (staff too). */
		core_set_notice(s, N_("Please use the card reader."), NULL, true,
				now + s->cfg.toast_ms);
		return true;
	}
	if (ev->type == CORE_EV_TERMINAL_STATUS) {
		/* Staff see it, the welcome screen's promise follows it, residents paying hear of
		 * it: a change redraws whatever is up, and the heartbeat reports after a frame (an
		 * idle kiosk once kept saying "unreachable" after the terminal was back). */
		enum core_terminal was = s->terminal;

		s->terminal = (enum core_terminal)ev->choice;
		return s->terminal != was || service_is_staff_screen(s->screen);
	}
	if (ev->type == CORE_EV_CASH_PROBLEM) {
		/* Wherever anyone is: the amount step words it, staff see it, the heartbeat too. */
		s->cash_problem = (enum core_cash_problem)ev->choice;
		s->svc.status.cash = s->cash_problem; /* staff's screens follow it live */
		return true;
	}
	if (ev->type == CORE_EV_CASH_AVAILABLE && service_owns(s, ev)) {
		/* The validator's readiness counts on staff's screens too (a box emptied there). */
		s->cash_ready = ev->choice != 0;
		return false;
	}
	if (ev->type == CORE_EV_TICK)
		return service_is_staff_screen(s->screen) ? service_tick(s, fx, now)
							  : tick(s, fx, now);
	if (service_owns(s, ev))
		return service_handle(s, ev, fx);

	if (is_touch(ev->type)) {
		s->last_activity_ms = now;
		if (s->warning) {
			/* While warned, only "I need more time" (or the language) counts. */
			if (ev->type == CORE_EV_MORE_TIME || ev->type == CORE_EV_TOUCH) {
				s->warning = false;
				return true;
			}
			/* A swipe or a scan is someone at the kiosk: it ends the warning and
			 * goes through. */
			if (ev->type == CORE_EV_CARD_READ || ev->type == CORE_EV_BARCODE)
				s->warning = false;
			else if (ev->type != CORE_EV_TOGGLE_LANG)
				return false;
		}
	}

	if (s->ask && is_touch(ev->type)) {
		/* A question is up: only its answers (Back, the keypad's Cancel, is "No"). */
		if (ev->type == CORE_EV_BACK) {
			s->ask = CORE_ASK_NONE;
			return true;
		}
		if (ev->type != CORE_EV_ASK_YES && ev->type != CORE_EV_ASK_NO &&
		    ev->type != CORE_EV_TOGGLE_LANG && ev->type != CORE_EV_TOUCH &&
		    ev->type != CORE_EV_MORE_TIME)
			return false;
	}

	switch (ev->type) {
	case CORE_EV_TOUCH:
	case CORE_EV_MORE_TIME: return false;
	case CORE_EV_OUT_OF_SERVICE: set_out_of_service(s, ev); break;
	case CORE_EV_TOGGLE_LANG:
		if (s->cfg.single_lang)
			return false;
		s->lang = s->lang == CORE_LANG_EN ? CORE_LANG_ES : CORE_LANG_EN;
		break;
	case CORE_EV_PAY_BILL:
		if (s->screen != CORE_SCREEN_WELCOME)
			return false;
		if (!s->reconciled) {
			/* A payment left unfinished by a power cut is settled before a new
			 * one starts; the resident waits a moment, then goes on by itself. */
			s->pay_pending = true;
			notice(s, N_("One moment, please: the kiosk is checking earlier payments."),
			       NULL, false, 0);
			break;
		}
		go(s, CORE_SCREEN_GUEST_LOOKUP);
		break;
	case CORE_EV_RECONCILED:
		s->reconciled = true;
		if (!s->pay_pending)
			return false;
		s->pay_pending = false;
		if (s->screen == CORE_SCREEN_WELCOME)
			go(s, CORE_SCREEN_GUEST_LOOKUP);
		if (s->scan_pending)
			scan_resume(s, fx, now);
		break;
	case CORE_EV_BARCODE: return scan_bill(s, ev, fx);
	case CORE_EV_SIGN_IN:
		if (s->screen != CORE_SCREEN_WELCOME)
			return false;
		go(s, CORE_SCREEN_SIGN_IN);
		break;
	case CORE_EV_FOCUS:
		if (ev->field == CORE_FIELD_AMOUNT && s->screen == CORE_SCREEN_PAY_AMOUNT)
			s->other_amount = true;
		s->focus = ev->field;
		s->shift = false; /* a new field starts from its own default case */
		break;
	case CORE_EV_KEY:
		if (s->busy)
			return false;
		return type_text(s, ev->text);
	case CORE_EV_BACKSPACE:
		if (s->busy)
			return false;
		return backspace(s);
	case CORE_EV_CLEAR: {
		size_t n;
		char *buf = field_buf(s, s->focus, &n);
		if (!buf || s->busy)
			return false;
		buf[0] = '\0';
		break;
	}
	case CORE_EV_SET_VERIFY:
		if ((s->screen != CORE_SCREEN_GUEST_LOOKUP &&
		     s->screen != CORE_SCREEN_LINK_ACCOUNT) ||
		    s->busy)
			return false;
		s->verify = ev->verify;
		s->focus = ev->verify == CORE_VERIFY_LAST_NAME ? CORE_FIELD_LAST_NAME
							       : CORE_FIELD_LAST_BILL;
		clear_notice(s);
		break;
	case CORE_EV_PAY_FULL:
		if (s->screen != CORE_SCREEN_PAY_AMOUNT)
			return false;
		s->other_amount = false;
		s->focus = CORE_FIELD_NONE;
		clear_notice(s);
		break;
	case CORE_EV_PAY_OTHER:
		if (s->screen != CORE_SCREEN_PAY_AMOUNT)
			return false;
		s->other_amount = true;
		s->focus = CORE_FIELD_AMOUNT;
		clear_notice(s);
		break;
	case CORE_EV_CONTINUE:
		if (s->busy)
			return false;
		core_screen_def(s->screen)->next(s, fx, now);
		break;
	case CORE_EV_BACK:
		if (s->busy == CORE_BUSY_PAYING || s->screen == CORE_SCREEN_PAY_RESULT)
			return false;
		s->busy = CORE_BUSY_NONE;
		core_screen_def(s->screen)->back(s, fx, now);
		break;
	case CORE_EV_CANCEL:
		if (s->busy == CORE_BUSY_PAYING && s->taking) {
			/* The terminal is waiting for the card: Cancel asks it to stop; how it
			 * ended (stopped, or approved if the card was faster) comes back. */
			if (s->cancelling)
				return false;
			s->cancelling = true;
			add_fx(fx, CORE_FX_PAY_ABORT, s);
			break;
		}
		if (s->busy == CORE_BUSY_PAYING)
			return false;
		if (s->signed_in)
			account_home(s, fx, false);
		else
			end_session(s, fx);
		break;
	case CORE_EV_DONE:
		if (s->busy == CORE_BUSY_PAYING)
			return false;
		if (s->signed_in)
			account_home(s, fx, s->screen == CORE_SCREEN_PAY_RESULT);
		else
			end_session(s, fx);
		break;
	case CORE_EV_TRY_ANOTHER_CARD:
		if (s->screen == CORE_SCREEN_PAY_CARD && core_card_by_terminal(s) &&
		    s->busy == CORE_BUSY_NONE && !s->receipt_choice) {
			/* "Try again" after the terminal gave up or could not be reached. */
			clear_notice(s);
			start_terminal_payment(s, fx);
			break;
		}
		if (s->screen != CORE_SCREEN_PAY_RESULT || s->outcome != CORE_OUTCOME_DECLINED)
			return false;
		s->outcome = CORE_OUTCOME_NONE;
		enter_card_step(s, fx);
		break;
	case CORE_EV_PRINT_RECEIPT:
		if (s->screen != CORE_SCREEN_PAY_RESULT || s->busy)
			return false;
		s->busy = CORE_BUSY_PRINTING;
		clear_notice(s);
		add_fx(fx, CORE_FX_PRINT, s);
		break;
	case CORE_EV_EMAIL_RECEIPT:
	case CORE_EV_TEXT_RECEIPT:
	case CORE_EV_RECEIPT_SENT: return receipt_send_handle(s, ev, fx);
	case CORE_EV_ADD_BILL:
	case CORE_EV_BASKET_ACCOUNT:
		if (s->busy)
			return false;
		return basket_handle(s, ev, fx);
	case CORE_EV_CONTINUE_NO_RECEIPT:
		if (s->screen != CORE_SCREEN_PAY_CARD || !s->receipt_choice)
			return false;
		s->no_receipt = true;
		s->receipt_choice = false;
		clear_notice(s);
		card_step_ready(s, fx);
		break;
	case CORE_EV_PRINTER_STATUS:
		s->printer = ev->printer;
		if (s->screen != CORE_SCREEN_PAY_CARD || !s->receipt_choice)
			return false; /* nothing visible changes */
		if (s->printer == CORE_PRINTER_OK) {
			s->receipt_choice = false;
			clear_notice(s);
			card_step_ready(s, fx);
		} else {
			notice(s, printer_msg(s->printer), NULL, true, 0);
		}
		break;
	case CORE_EV_DISMISS:
		/* The printer question is answered with its buttons, not dismissed. */
		if (!s->notice.msgid || s->receipt_choice)
			return false;
		clear_notice(s);
		break;
	case CORE_EV_LOOKUP_DONE:
		if (ev->request_id != s->request_id || s->busy != CORE_BUSY_LOOKUP)
			return false; /* the resident went back or the session ended meanwhile */
		lookup_done(s, ev, now);
		break;
	case CORE_EV_CARD_READ:
		if (!account_card_read(s, ev, fx))
			card_read(s, ev, fx, now);
		break;
	case CORE_EV_PAY_DONE:
		if (ev->request_id != s->request_id || s->busy != CORE_BUSY_PAYING)
			return false;
		pay_done(s, ev, fx, now);
		break;
	case CORE_EV_PRINT_DONE:
		if (s->busy != CORE_BUSY_PRINTING)
			return false;
		print_done(s, ev, fx, now);
		break;
	case CORE_EV_PAY_BY_CASH:
		if (s->screen == CORE_SCREEN_PAY_CARD && core_card_by_terminal(s) &&
		    s->busy == CORE_BUSY_NONE && s->cfg.cash)
			/* The terminal is down or gave up: cash, the other way to pay, from here,
			 * for the amount already chosen. */
			go(s, CORE_SCREEN_PAY_AMOUNT);
		return cash_handle(s, ev, fx, now);
	case CORE_EV_TERMINAL_PROMPT: return terminal_prompt(s, ev);
	default:
		if (cash_owns(ev->type))
			return cash_handle(s, ev, fx, now);
		return account_handle(s, ev, fx);
	}
	return changed;
}

int64_t core_next_deadline(const struct core_state *s, int64_t now_ms)
{
	int64_t next = -1;

	if (service_is_staff_screen(s->screen))
		return service_deadline(s);

	if (s->notice.msgid && s->notice.until_ms)
		next = s->notice.until_ms;
	if (s->warning) {
		/* Once a second for the countdown, and at its end. */
		int64_t end = s->warning_started_ms + s->cfg.warning_ms;
		int64_t elapsed = now_ms - s->warning_started_ms;
		int64_t t = now_ms + (1000 - (elapsed % 1000 + 1000) % 1000);

		if (t > end)
			t = end;
		if (next < 0 || t < next)
			next = t;
		return next;
	}
	if (core_in_session(s) && (s->busy != CORE_BUSY_PAYING || cash_waiting(s))) {
		int64_t t = s->last_activity_ms + s->cfg.idle_ms;

		if (next < 0 || t < next)
			next = t;
	}
	return next;
}

int core_warning_seconds_left(const struct core_state *s, int64_t now_ms)
{
	int64_t left;

	if (!s->warning)
		return 0;
	left = s->warning_started_ms + s->cfg.warning_ms - now_ms;
	if (left < 0)
		left = 0;
	return (int)((left + 999) / 1000);
}

const char *core_screen_id(const struct core_state *s)
{
	if (s->warning)
		return "timeout-warning";
	return core_screen_name(s->screen);
}

/* ---- shared with account.c (core_internal.h) ---- */

const char *core_card_failure_text(enum core_failure f)
{
	switch (f) {
	case CORE_FAIL_BAD_SWIPE: return N_("We couldn't read your card. Please swipe again.");
	case CORE_FAIL_EXPIRED: return N_("This card has expired. Please use another card.");
	case CORE_FAIL_USE_CHIP:
		return N_("This card has a chip. Please insert it in the card terminal.");
	case CORE_FAIL_PIN_REQUIRED:
		return N_("This card needs a PIN, which this kiosk cannot take. Please use another "
			  "card.");
	case CORE_FAIL_ATM_ONLY:
		return N_("This card only works at cash machines. Please use another card.");
	default: return N_("The card reader is not working. Please ask staff for help.");
	}
}

void core_set_notice(struct core_state *s, const char *msgid, const char *arg, bool is_error,
		     int64_t until_ms)
{
	notice(s, msgid, arg, is_error, until_ms);
}

void core_clear_notice(struct core_state *s)
{
	clear_notice(s);
}

void core_go(struct core_state *s, enum core_screen screen)
{
	go(s, screen);
}

void core_add_fx(struct core_effects *fx, enum core_effect_type type, const struct core_state *s)
{
	add_fx(fx, type, s);
}

void core_end_session(struct core_state *s, struct core_effects *fx)
{
	end_session(s, fx);
}

void core_copy(char *dst, size_t n, const char *src)
{
	copy_str(dst, n, src);
}

void core_trim(const char *in, char *out, size_t n)
{
	trimmed(in, out, n);
}

int64_t core_taps_from_ms(const struct core_state *s)
{
	return s->shown_ms + CORE_GHOST_TAP_MS;
}

int64_t core_touch_ms(int64_t now_ms, uint32_t ticks_now, uint32_t ticks_at)
{
	/* Unsigned: right across the 49-day wrap of a 32-bit ms clock. */
	int64_t age = (int64_t)(uint32_t)(ticks_now - ticks_at);
	/* floor(now) - (floor(tn) - floor(ta)) > t - 2 for the true time t: one ms back in the
	 * resident's favour, so a tap is never dated before the ms it was made in (a journey's
	 * tap sent at the first ms taps count was once taken for a ghost: "999" became "99"). */
	int64_t t = now_ms - age + 1;

	if (t > now_ms)
		t = now_ms;
	return t > 0 ? t : 1;
}

/* What the resident sees, as far as a tap can land on it: a change restarts the ghost guard. */
static unsigned view_of(const struct core_state *s)
{
	return (unsigned)s->screen | (s->busy != CORE_BUSY_NONE) << 8 | (unsigned)s->warning << 9 |
	       (unsigned)s->ask << 10;
}

bool core_basket_offered(const struct core_state *s)
{
	return (s->cfg.card == CORE_CARD_READER || s->cfg.card == CORE_CARD_TERMINAL) &&
	       s->basket_count < CORE_MAX_BASKET;
}

bool core_handle(struct core_state *s, const struct core_event *ev, struct core_effects *fx)
{
	unsigned before = view_of(s);
	bool changed;

	if (ev->touch_ms && ev->touch_ms < core_taps_from_ms(s)) {
		/* A ghost tap: the finger went down on what was there before. Someone is at the
		 * kiosk, so it keeps the session alive, and nothing else. */
		fx->count = 0;
		if (!s->warning)
			s->last_activity_ms = ev->now_ms;
		return false;
	}
	changed = handle(s, ev, fx);
	if (view_of(s) != before)
		s->shown_ms = ev->now_ms;
	return changed;
}
