/* The cash step: Card or Cash on the amount step, notes into the bill validator against the
 * amount due, Done, and a resident who walks away (the timeout closes the payment, what went in
 * is posted and the receipt printed). Pure, like the rest of the core. */
#include <stdlib.h>
#include <string.h>

#include "app/common/err.h"
#include "app/core/core_internal.h"

int core_cash_denominations(const char *text, int64_t *cents, int cap, int *n)
{
	const char *p = text;

	*n = 0;
	while (p && *p) {
		char *end;
		long d = strtol(p, &end, 10);

		if (end == p || d <= 0 || d > 10000 || (*end && *end != ',') || *n == cap)
			return KIOSK_EINVAL;
		cents[(*n)++] = (int64_t)d * 100;
		p = *end ? end + 1 : end;
	}
	return *n > 0 ? 0 : KIOSK_EINVAL;
}

const char *core_cash_refusal_text(enum core_cash_refusal r)
{
	switch (r) {
	case CORE_CASH_REFUSED_DENOMINATION:
		return N_("This kiosk does not take $%s notes. Your note was returned.");
	case CORE_CASH_REFUSED_MAX_PAYMENT:
		return N_("This kiosk takes at most $%s in cash for one payment. Your note was "
			  "returned.");
	case CORE_CASH_REFUSED_MAX_CREDIT:
		return N_("That note would put more than $%s over the amount due. Your note was "
			  "returned.");
	case CORE_CASH_REFUSED_NO_CREDIT:
		return N_("That note is more than the amount still due. Your note was returned.");
	case CORE_CASH_REFUSED_CLOSED:
		return N_("This payment is finished. Your note was returned.");
	default: return N_("This note could not be accepted. Please try another note.");
	}
}

const char *core_cash_refusal_name(enum core_cash_refusal r)
{
	static const char *const names[] = {
	    [CORE_CASH_REFUSED_NONE] = "none",
	    [CORE_CASH_REFUSED_DENOMINATION] = "denomination not taken",
	    [CORE_CASH_REFUSED_MAX_PAYMENT] = "over the most per payment",
	    [CORE_CASH_REFUSED_MAX_CREDIT] = "over the most credit",
	    [CORE_CASH_REFUSED_NO_CREDIT] = "over the amount due",
	    [CORE_CASH_REFUSED_CLOSED] = "payment closing",
	    [CORE_CASH_REFUSED_DEVICE] = "refused by the validator",
	};
	return (unsigned)r < sizeof(names) / sizeof(names[0]) ? names[r] : "unknown";
}

bool cash_owns(enum core_event_type t)
{
	return t == CORE_EV_PAY_BY_CARD || t == CORE_EV_PAY_BY_CASH || t == CORE_EV_CASH_DONE ||
	       t == CORE_EV_CASH_PROGRESS || t == CORE_EV_CASH_REFUSED ||
	       t == CORE_EV_CASH_AVAILABLE || t == CORE_EV_CREDIT_TO;
}

bool cash_waiting(const struct core_state *s)
{
	return s->screen == CORE_SCREEN_PAY_CASH && s->paying_cash && !s->cash_closing &&
	       s->busy == CORE_BUSY_PAYING;
}

/* Done, or the timeout: the payment is stopped (the validator closes) and what went in is
 * settled; the answer is CORE_EV_PAY_DONE. */
static void close_payment(struct core_state *s, struct core_effects *fx, bool walked_away)
{
	s->cash_closing = true;
	s->cash_walked_away = walked_away;
	core_clear_notice(s);
	core_add_fx(fx, CORE_FX_PAY_ABORT, s);
}

static void start_cash(struct core_state *s, struct core_effects *fx)
{
	if (!core_cash_usable(s)) {
		const char *why = core_cash_problem_resident(s->cash_problem);
		core_set_notice(
		    s, why ? why : N_("Cash can't be taken right now. Please pay by card."), NULL,
		    true, 0);
		return;
	}
	core_go(s, CORE_SCREEN_PAY_CASH);
	s->tender = CORE_TENDER_CASH;
	s->paying_cash = true;
	s->cash_taken_cents = 0;
	s->cash_closing = false;
	s->cash_walked_away = false;
	s->posting_later = false;
	s->credit_to = 0; /* a basket's credit: the first bill's account unless chosen */
	s->request_id++;
	s->busy = CORE_BUSY_PAYING;
	core_add_fx(fx, CORE_FX_PAY, s);
}

bool cash_handle(struct core_state *s, const struct core_event *ev, struct core_effects *fx,
		 int64_t now)
{
	switch (ev->type) {
	case CORE_EV_PAY_BY_CARD:
	case CORE_EV_PAY_BY_CASH:
		if ((s->screen != CORE_SCREEN_PAY_AMOUNT && s->screen != CORE_SCREEN_BASKET) ||
		    s->busy || !s->cfg.cash)
			return false;
		/* The basket's screen pays the whole basket; the amount step one bill. */
		if (s->screen == CORE_SCREEN_BASKET ? !basket_ready(s) : !core_amount_chosen(s))
			return true; /* the notice says what to fix */
		s->paying_cash = false;
		s->tender = CORE_TENDER_CARD;
		if (ev->type == CORE_EV_PAY_BY_CARD)
			core_enter_card_step(s, fx);
		else
			start_cash(s, fx);
		return true;
	case CORE_EV_CREDIT_TO:
		/* A basket: the resident picks the account that takes what goes over; it is
		 * told to the payment with Done (or the timeout). */
		if (!cash_waiting(s) || s->basket_count < 2 || ev->choice < 0 ||
		    ev->choice >= s->basket_count || ev->choice == s->credit_to)
			return false;
		s->credit_to = ev->choice;
		s->last_activity_ms = now;
		return true;
	case CORE_EV_CASH_DONE:
		if (!cash_waiting(s))
			return false;
		close_payment(s, fx, false);
		return true;
	case CORE_EV_CASH_PROGRESS:
		if (!s->paying_cash || s->busy != CORE_BUSY_PAYING ||
		    ev->cents <= s->cash_taken_cents)
			return false;
		/* Journaled before this event was made: the resident sees the city's money. */
		s->cash_taken_cents = ev->cents;
		s->last_activity_ms = now; /* a note going in is someone at the kiosk */
		core_clear_notice(s);
		return true;
	case CORE_EV_CASH_REFUSED:
		if (!s->paying_cash || s->screen != CORE_SCREEN_PAY_CASH)
			return false;
		s->last_activity_ms = now;
		core_set_notice(s, core_cash_refusal_text((enum core_cash_refusal)ev->choice),
				ev->text, true, 0);
		return true;
	case CORE_EV_CASH_AVAILABLE:
		s->cash_ready = ev->choice != 0;
		return s->screen == CORE_SCREEN_PAY_AMOUNT;
	default: return false;
	}
}

bool cash_tick(struct core_state *s, struct core_effects *fx, int64_t now)
{
	if (!cash_waiting(s) || now - s->last_activity_ms < s->cfg.idle_ms)
		return false;
	/* Walked away mid-payment: what went in is the city's and the resident's; it is posted
	 * and the receipt printed, as if Done was pressed. */
	close_payment(s, fx, true);
	return true;
}

bool cash_pay_done(struct core_state *s, const struct core_event *ev, struct core_effects *fx,
		   int64_t now)
{
	bool walked_away = s->cash_walked_away;

	s->last_activity_ms = now;
	if (ev->failure == CORE_FAIL_NONE) {
		s->posting_later = ev->posting_later;
		if (ev->cents > 0)
			s->cash_taken_cents =
			    ev->cents; /* the journal's word, notes still moving */
		return false;	       /* the common path: the result screen */
	}
	s->busy = CORE_BUSY_NONE;
	s->paying_cash = false;
	s->tender = CORE_TENDER_CARD;
	s->cash_closing = false;
	if (walked_away) {
		/* Nothing went in and nobody is there. */
		core_end_session(s, fx);
		return true;
	}
	core_go(s, CORE_SCREEN_PAY_AMOUNT);
	if (ev->failure == CORE_FAIL_CASH_OFF)
		core_set_notice(s, N_("Cash can't be taken right now. Please pay by card."), NULL,
				true, 0);
	else if (ev->failure == CORE_FAIL_STORE)
		core_set_notice(s,
				N_("This kiosk can't take payments right now. No money was taken. "
				   "Please ask staff for help."),
				NULL, true, 0);
	return true;
}
