/* Several bills, one tender: a guest adds bills by looking each up, a signed-in resident picks
 * among their linked accounts. Each bill keeps the amount chosen for it (the full balance or
 * another amount); the basket screen shows them with their total, and "Pay" takes the total
 * with one card (or cash). */
#include <stdio.h>
#include <string.h>

#include "app/core/core_internal.h"
#include "app/core/money.h"

static int find(const struct core_state *s, const char *customer_number)
{
	for (int i = 0; i < s->basket_count; i++)
		if (strcmp(s->basket[i].bill.customer_number, customer_number) == 0)
			return i;
	return -1;
}

int64_t basket_total(const struct core_state *s)
{
	int64_t sum = 0;

	for (int i = 0; i < s->basket_count; i++)
		sum += s->basket[i].amount_cents;
	return sum;
}

void basket_take(struct core_state *s)
{
	int at = find(s, s->bill.customer_number);

	if (at < 0 && s->basket_count >= CORE_MAX_BASKET) {
		core_set_notice(s, N_("You can pay up to 6 bills at once."), NULL, true, 0);
		return;
	}
	if (at < 0)
		at = s->basket_count++;
	/* The same bill again: the amount chosen last counts. */
	s->basket[at].bill = s->bill;
	s->basket[at].amount_cents = s->amount_cents;
	s->other_amount = false;
	s->amount_text[0] = '\0';
	core_go(s, CORE_SCREEN_BASKET);
}

bool basket_ready(struct core_state *s)
{
	int64_t total = basket_total(s);
	char most[24];

	if (s->basket_count == 0)
		return false;
	if (s->cfg.max_payment_cents > 0 && total > s->cfg.max_payment_cents) {
		money_format(s->cfg.max_payment_cents, most, sizeof(most));
		core_set_notice(s,
				N_("The most you can pay at this kiosk is %s. Choose another "
				   "amount."),
				most, true, 0);
		return false;
	}
	if (s->basket_count == 1) {
		/* One bill after all: paid as any single bill. */
		s->bill = s->basket[0].bill;
		s->amount_cents = s->basket[0].amount_cents;
		s->basket_count = 0;
		memset(s->basket, 0, sizeof(s->basket));
	} else {
		s->bill = s->basket[0].bill;
		s->amount_cents = total;
	}
	return true;
}

void basket_next(struct core_state *s, struct core_effects *fx, int64_t now)
{
	(void)now;
	/* With a validator, Card and Cash stand where Pay would be (cash_handle). */
	if (s->cfg.cash || !basket_ready(s))
		return;
	core_enter_card_step(s, fx);
}

/* Back: the last bill added comes out of the basket to have its amount changed. */
void basket_back(struct core_state *s, struct core_effects *fx, int64_t now)
{
	struct core_basket_item *last;

	(void)fx;
	(void)now;
	if (s->basket_count == 0)
		return;
	last = &s->basket[--s->basket_count];
	s->bill = last->bill;
	s->amount_cents = last->amount_cents;
	s->other_amount = last->amount_cents != last->bill.balance_cents;
	s->amount_text[0] = '\0';
	if (s->other_amount) {
		char typed[48];

		snprintf(typed, sizeof(typed), "%lld.%02lld", (long long)(last->amount_cents / 100),
			 (long long)(last->amount_cents % 100));
		core_copy(s->amount_text, sizeof(s->amount_text), typed);
	}
	memset(last, 0, sizeof(*last));
	core_go(s, CORE_SCREEN_PAY_AMOUNT);
}

/* A guest looks up the next bill: the fields of the last one go, the basket stays. */
static void next_lookup(struct core_state *s)
{
	s->customer_number[0] = s->last_name[0] = s->last_bill[0] = '\0';
	memset(&s->bill, 0, sizeof(s->bill));
	s->amount_cents = 0;
	core_go(s, CORE_SCREEN_GUEST_LOOKUP);
}

bool basket_handle(struct core_state *s, const struct core_event *ev, struct core_effects *fx)
{
	const struct core_account *a;

	(void)fx;
	if (!core_basket_offered(s))
		return false;
	switch (ev->type) {
	case CORE_EV_ADD_BILL:
		if (s->screen == CORE_SCREEN_BILL_SUMMARY && s->bill.balance_cents > 0) {
			/* From the bill: its full amount (Back on the basket changes it). */
			s->other_amount = false;
			if (core_amount_chosen(s))
				basket_take(s);
			return true;
		}
		if (s->screen == CORE_SCREEN_PAY_AMOUNT) {
			if (core_amount_chosen(s))
				basket_take(s);
			return true;
		}
		if (s->screen != CORE_SCREEN_BASKET || s->signed_in ||
		    s->basket_count >= CORE_MAX_BASKET)
			return false; /* signed in, the accounts are listed on the basket */
		next_lookup(s);
		return true;
	case CORE_EV_BASKET_ACCOUNT:
		if (s->screen != CORE_SCREEN_BASKET || !s->signed_in || ev->choice < 0 ||
		    ev->choice >= s->account_count || s->basket_count >= CORE_MAX_BASKET)
			return false;
		a = &s->accounts[ev->choice];
		if (a->bill.balance_cents <= 0 || find(s, a->bill.customer_number) >= 0)
			return false;
		s->bill = a->bill;
		s->other_amount = false;
		s->amount_text[0] = '\0';
		core_go(s, CORE_SCREEN_PAY_AMOUNT);
		return true;
	default: return false;
	}
}
