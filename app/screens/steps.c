/* The guest-pay steps: welcome, find your bill, bill summary, amount, card, result. */
#include <stdio.h>
#include <string.h>

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

void screen_welcome(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	struct core_event pay = ui_ev(CORE_EV_PAY_BILL), sign = ui_ev(CORE_EV_SIGN_IN);
	int y = 420;

	(void)s;
	y += ui_text(ui, UI_FONT_TITLE, t->text, MARGIN, y, CONTENT_W, UI_CENTER, _("Welcome"));
	y += 30;
	ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 60, y, CONTENT_W - 120, UI_CENTER,
		_("Pay your city utility bill here, quickly and securely."));
	ui_button_ex(ui, (SDL_Rect){MARGIN + 60, 820, CONTENT_W - 120, 240}, _("Pay a Bill"),
		     _("No account needed"), UI_PRIMARY, true, &pay);
	ui_button_ex(ui, (SDL_Rect){MARGIN + 60, 1110, CONTENT_W - 120, 200}, _("Sign In"),
		     _("With your city portal account"), UI_SECONDARY, true, &sign);
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, 1560, CONTENT_W, UI_CENTER,
		_("We accept Visa, Mastercard, American Express and Discover."));
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, 1610, CONTENT_W, UI_CENTER,
		_(ctx->help_text));
}

void screen_guest_lookup(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	struct core_event ev;
	bool by_name = s->verify == CORE_VERIFY_LAST_NAME;
	int y;

	(void)ctx;
	y = chrome_title(ui, _("Pay a Bill"), _("Enter the details from your utility bill."));
	ev = ui_ev(CORE_EV_FOCUS);
	ev.field = CORE_FIELD_CUSTOMER;
	ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Customer number"),
		 s->customer_number, _("Digits only, from the top of your bill"),
		 s->focus == CORE_FIELD_CUSTOMER, false, &ev);
	y += 190;

	/* Which proof the resident has at hand: the name or the last bill's amount. */
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_LEFT,
		_("Confirm the account with one of these:"));
	y += 50;
	ev = ui_ev(CORE_EV_SET_VERIFY);
	ev.verify = CORE_VERIFY_LAST_NAME;
	ui_button(ui, (SDL_Rect){MARGIN, y, CONTENT_W / 2 - 10, 100}, _("Use last name"),
		  by_name ? UI_SELECTED : UI_QUIET, &ev);
	ev.verify = CORE_VERIFY_LAST_BILL;
	ui_button(ui, (SDL_Rect){MARGIN + CONTENT_W / 2 + 10, y, CONTENT_W / 2 - 10, 100},
		  _("Use bill amount"), by_name ? UI_QUIET : UI_SELECTED, &ev);
	y += 130;

	ev = ui_ev(CORE_EV_FOCUS);
	if (by_name) {
		ev.field = CORE_FIELD_LAST_NAME;
		ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Last name"), s->last_name,
			 _("As printed on your bill"), s->focus == CORE_FIELD_LAST_NAME, false,
			 &ev);
	} else {
		char shown[24];
		snprintf(shown, sizeof(shown), "%s%s", s->last_bill[0] ? "$" : "", s->last_bill);
		ev.field = CORE_FIELD_LAST_BILL;
		ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Last bill amount"), shown,
			 _("For example 84.17"), s->focus == CORE_FIELD_LAST_BILL, false, &ev);
	}
	y += 180;
	y += chrome_notice(ui, s, y);

	SDL_Rect keys = {MARGIN, 1060, CONTENT_W, 620};
	if (s->focus == CORE_FIELD_LAST_NAME) {
		ui_keyboard(ui, keys, false);
	} else if (s->focus != CORE_FIELD_NONE) {
		SDL_Rect pad = {(UI_W - 660) / 2, keys.y, 660, keys.h};
		ui_keypad(ui, pad, s->focus == CORE_FIELD_LAST_BILL);
	}
	chrome_nav(ui, true, true, _("Continue"), true);
}

void screen_bill_summary(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	char due[32];
	int y;
	bool nothing_due = s->bill.balance_cents <= 0;

	(void)ctx;
	y = chrome_title(ui, _("Your bill"), NULL);
	SDL_Rect panel = {MARGIN, y, CONTENT_W, 640};
	ui_round_rect(ui, panel, 24, t->surface);
	ui_frame(ui, panel, 24, 2, t->border);
	int x = MARGIN + 50, w = CONTENT_W - 100, py = y + 50;
	py += chrome_row(ui, x, py, w, _("Customer number"), s->bill.display_number);
	py += chrome_row(ui, x, py, w, _("Name"), s->bill.last_name);
	if (s->bill.due_date[0])
		py += chrome_row(ui, x, py, w, _("Due date"), s->bill.due_date);
	ui_fill(ui, (SDL_Rect){x, py, w, 2}, t->border);
	py += 40;
	ui_text(ui, UI_FONT_BODY, t->muted, x, py, w, UI_CENTER, _("Amount due"));
	money_format(s->bill.balance_cents, due, sizeof(due));
	ui_text(ui, UI_FONT_HUGE, nothing_due ? t->success : t->text, x, py + 60, w, UI_CENTER,
		due);
	y += panel.h + 40;
	if (nothing_due) {
		struct core_event done = ui_ev(CORE_EV_DONE);
		ui_text(ui, UI_FONT_BODY, t->success, MARGIN, y, CONTENT_W, UI_CENTER,
			_("There is nothing to pay on this account right now."));
		ui_button(ui, (SDL_Rect){UI_W - MARGIN - 420, NAV_Y, 420, NAV_H}, _("Done"),
			  UI_PRIMARY, &done);
		chrome_nav(ui, true, false, NULL, false);
		return;
	}
	y += chrome_notice(ui, s, y);
	chrome_nav(ui, true, true, _("Continue"), true);
}

void screen_pay_amount(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	struct core_event ev;
	char due[32], shown[24];
	int y;

	(void)ctx;
	money_format(s->bill.balance_cents, due, sizeof(due));
	y = chrome_title(ui, _("How much would you like to pay?"), NULL);
	ev = ui_ev(CORE_EV_PAY_FULL);
	ui_button_ex(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 170}, _("Pay full amount"), due,
		     s->other_amount ? UI_QUIET : UI_SELECTED, true, &ev);
	y += 200;
	ev = ui_ev(CORE_EV_PAY_OTHER);
	ui_button(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 130}, _("Other amount"),
		  s->other_amount ? UI_SELECTED : UI_QUIET, &ev);
	y += 170;
	if (s->other_amount) {
		snprintf(shown, sizeof(shown), "%s%s", s->amount_text[0] ? "$" : "", s->amount_text);
		ev = ui_ev(CORE_EV_FOCUS);
		ev.field = CORE_FIELD_AMOUNT;
		ui_field(ui, (SDL_Rect){MARGIN, y, CONTENT_W, 160}, _("Amount"), shown,
			 _("For example 20.00"), s->focus == CORE_FIELD_AMOUNT, false, &ev);
		y += 180;
	}
	y += chrome_notice(ui, s, y);
	if (s->other_amount && s->focus == CORE_FIELD_AMOUNT) {
		SDL_Rect pad = {(UI_W - 660) / 2, 1100, 660, 580};
		ui_keypad(ui, pad, true);
	}
	chrome_nav(ui, true, true, _("Continue"), true);
}

/* A card reader with a card half-way through it. */
static void draw_reader(struct ui *ui, int cx, int y)
{
	const struct ui_theme *t = &ui->theme;

	ui_round_rect(ui, (SDL_Rect){cx - 260, y + 60, 520, 150}, 24, t->bar);
	ui_fill(ui, (SDL_Rect){cx - 230, y + 110, 460, 14}, (SDL_Color){0x05, 0x12, 0x22, 255});
	ui_round_rect(ui, (SDL_Rect){cx - 170, y - 120, 340, 215}, 18, t->primary);
	ui_fill(ui, (SDL_Rect){cx - 170, y - 80, 340, 36}, (SDL_Color){0x05, 0x12, 0x22, 255});
	ui_round_rect(ui, (SDL_Rect){cx - 140, y - 20, 70, 50}, 8, t->focus);
	/* The direction of the swipe. */
	for (int i = 0; i < 6; i++)
		ui_fill(ui, (SDL_Rect){cx + 300 + i * 6, y + 20 + i * 12, 12, 140 - i * 24},
			t->primary);
}

void screen_pay_card(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	char amount[32];
	int y;

	(void)ctx;
	money_format(s->amount_cents, amount, sizeof(amount));
	y = chrome_title(ui, _("Swipe your card"), _("Use the card reader next to this screen."));
	ui_text(ui, UI_FONT_BODY, t->muted, MARGIN, y + 20, CONTENT_W, UI_CENTER,
		_("Amount to pay"));
	ui_text(ui, UI_FONT_HUGE, t->text, MARGIN, y + 80, CONTENT_W, UI_CENTER, amount);
	draw_reader(ui, UI_W / 2 - 40, y + 480);
	y += 780;
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_CENTER,
		_("Your card number is never stored. Only the last four digits are printed."));
	y += 90;
	chrome_notice(ui, s, y);
	chrome_nav(ui, s->busy == CORE_BUSY_NONE, s->busy == CORE_BUSY_NONE, NULL, false);
}

static void draw_mark(struct ui *ui, int cx, int cy, bool ok, SDL_Color c)
{
	ui_circle(ui, cx, cy, 110, c);
	SDL_SetRenderDrawColor(ui->renderer, 255, 255, 255, 255);
	for (int d = -9; d <= 9; d++) {
		if (ok) {
			SDL_RenderDrawLine(ui->renderer, cx - 55, cy + d, cx - 15, cy + 40 + d);
			SDL_RenderDrawLine(ui->renderer, cx - 15, cy + 40 + d, cx + 60, cy - 45 + d);
		} else {
			SDL_RenderDrawLine(ui->renderer, cx - 45 + d, cy - 45, cx + 45 + d, cy + 45);
			SDL_RenderDrawLine(ui->renderer, cx + 45 + d, cy - 45, cx - 45 + d, cy + 45);
		}
	}
}

void screen_pay_result(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	struct core_event ev;
	char amount[32], card[64];
	int y = TOP_BAR_H + 80;
	const char *title, *sub;
	SDL_Color c;

	(void)ctx;
	switch (s->outcome) {
	case CORE_OUTCOME_APPROVED:
		title = _("Approved");
		sub = _("Thank you. Your payment has been received.");
		c = t->success;
		break;
	case CORE_OUTCOME_DECLINED:
		title = _("Declined");
		sub = _("Your card was declined. No money was taken.");
		c = t->error;
		break;
	default:
		title = _("Payment not yet confirmed");
		sub = _("We could not confirm your payment yet. Do not pay again: we will confirm it "
			"with the city and you can check it with your reference number.");
		c = t->focus;
		break;
	}
	draw_mark(ui, UI_W / 2, y + 110, s->outcome == CORE_OUTCOME_APPROVED, c);
	y += 260;
	y += ui_text(ui, UI_FONT_TITLE, c, MARGIN, y, CONTENT_W, UI_CENTER, title) + 20;
	y += ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 40, y, CONTENT_W - 80, UI_CENTER, sub) + 40;
	if (s->outcome == CORE_OUTCOME_DECLINED && s->decline_reason[0])
		y += ui_text(ui, UI_FONT_BODY, t->error, MARGIN + 40, y, CONTENT_W - 80, UI_CENTER,
			     _(s->decline_reason)) + 40;

	SDL_Rect panel = {MARGIN, y, CONTENT_W, 330};
	ui_round_rect(ui, panel, 24, t->surface);
	ui_frame(ui, panel, 24, 2, t->border);
	int x = MARGIN + 50, w = CONTENT_W - 100, py = y + 40;
	money_format(s->amount_cents, amount, sizeof(amount));
	snprintf(card, sizeof(card), "%s •••• %s", s->brand, s->last4);
	if (s->reference[0])
		py += chrome_row(ui, x, py, w, _("Reference number"), s->reference);
	py += chrome_row(ui, x, py, w,
			 s->outcome == CORE_OUTCOME_APPROVED ? _("Amount paid") : _("Amount"),
			 amount);
	py += chrome_row(ui, x, py, w, _("Card"), card);
	y += panel.h + 30;
	chrome_notice(ui, s, y);

	int bw = (CONTENT_W - 30) / 2;
	if (s->outcome == CORE_OUTCOME_DECLINED) {
		ev = ui_ev(CORE_EV_TRY_ANOTHER_CARD);
		ui_button(ui, (SDL_Rect){MARGIN, NAV_Y - 200, CONTENT_W, 150},
			  _("Try another card"), UI_SECONDARY, &ev);
	}
	ev = ui_ev(CORE_EV_PRINT_RECEIPT);
	ui_button_ex(ui, (SDL_Rect){MARGIN, NAV_Y, bw, NAV_H}, _("Print receipt"), NULL,
		     UI_SECONDARY, !s->receipt_printed, &ev);
	ev = ui_ev(CORE_EV_DONE);
	ui_button(ui, (SDL_Rect){MARGIN + bw + 30, NAV_Y, bw, NAV_H}, _("Done"), UI_PRIMARY, &ev);
}
