/* The result: approved, declined or not yet confirmed, with receipt and Done. */
#include <stdio.h>
#include <string.h>

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

static void draw_mark(struct ui *ui, int cx, int cy, bool ok, SDL_Color c)
{
	ui_circle(ui, cx, cy, 110, c);
	SDL_SetRenderDrawColor(ui->renderer, 255, 255, 255, 255);
	for (int d = -9; d <= 9 && !ui->measuring; d++) {
		if (ok) {
			SDL_RenderDrawLine(ui->renderer, cx - 55, cy + d, cx - 15, cy + 40 + d);
			SDL_RenderDrawLine(ui->renderer, cx - 15, cy + 40 + d, cx + 60,
					   cy - 45 + d);
		} else {
			SDL_RenderDrawLine(ui->renderer, cx - 45 + d, cy - 45, cx + 45 + d,
					   cy + 45);
			SDL_RenderDrawLine(ui->renderer, cx + 45 + d, cy - 45, cx - 45 + d,
					   cy + 45);
		}
	}
}

void screen_pay_result(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	int ev;
	char amount[32], card[64];
	int y = chrome_top(ui) + 30, h;
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
		sub =
		    _("We could not confirm your payment yet. Do not pay again: we will confirm it "
		      "with the city and you can check it with your reference number.");
		c = t->warning;
		break;
	}
	draw_mark(ui, UI_W / 2, y + 110, s->outcome == CORE_OUTCOME_APPROVED, c);
	y += 260;
	y += ui_text(ui, ui_fit_font(ui, UI_FONT_TITLE, CONTENT_W, title), c, MARGIN, y, CONTENT_W,
		     UI_CENTER, title) +
	     20;
	y += ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 40, y, CONTENT_W - 80, UI_CENTER, sub) +
	     40;
	if (s->outcome == CORE_OUTCOME_DECLINED && s->decline_reason[0])
		y += ui_text(ui, UI_FONT_BODY, t->error, MARGIN + 40, y, CONTENT_W - 80, UI_CENTER,
			     _(s->decline_reason)) +
		     40;
	if (s->prompt == CORE_PROMPT_REMOVE_CARD && core_card_by_terminal(s)) {
		/* The chip card is still in the terminal: its screen says to take it out. */
		char said[160];
		const char *prompt = screen_terminal_prompt(ui, s, said, sizeof(said));
		y += ui_text(ui, ui_fit_font(ui, UI_FONT_HEADING, CONTENT_W, prompt), t->primary,
			     MARGIN, y, CONTENT_W, UI_CENTER, prompt) +
		     30;
	}

	int x = MARGIN + 50, w = CONTENT_W - 100,
	    py = chrome_panel_begin(ui, MARGIN, y, CONTENT_W, 12) + 40;
	money_format(s->amount_cents, amount, sizeof(amount));
	snprintf(card, sizeof(card), "%s •••• %s", s->brand, s->last4);
	if (s->reference[0])
		py += chrome_row(ui, x, py, w, _("Reference number"), s->reference);
	if (s->paying_cash) {
		/* Cash: what the notes came to, and what went over the amount due. */
		money_format(s->cash_taken_cents, amount, sizeof(amount));
		py += chrome_row(ui, x, py, w, _("Paid in cash"), amount);
		if (s->cash_taken_cents > s->amount_cents) {
			money_format(s->cash_taken_cents - s->amount_cents, amount, sizeof(amount));
			py += chrome_row(ui, x, py, w, _("Credit to your account"), amount);
			/* A basket: the account the resident chose for it. */
			if (s->basket_count > 1 && s->credit_to < s->basket_count)
				py += chrome_row(ui, x, py, w, _("Credited to"),
						 s->basket[s->credit_to].bill.display_number);
		}
	} else {
		py += chrome_row(
		    ui, x, py, w,
		    s->outcome == CORE_OUTCOME_APPROVED ? _("Amount paid") : _("Amount"), amount);
		py += chrome_row(ui, x, py, w, _("Card"), card);
	}
	y = chrome_panel_end(ui) + 30;
	if (s->posting_later && s->outcome == CORE_OUTCOME_APPROVED)
		y += ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 40, y, CONTENT_W - 80, UI_CENTER,
			     _("The city's system is not reachable right now. This payment will "
			       "appear on your account shortly.")) +
		     20;
	y += chrome_notice(ui, s, y);

	int bw = (CONTENT_W - 30) / 2;
	if (s->outcome == CORE_OUTCOME_APPROVED && s->reference[0]) {
		/* The receipt can also go to an email address or a mobile number. */
		ev = TAG(CORE_EV_EMAIL_RECEIPT);
		h = ui_button_height(ui, bw, _("Email receipt"), NULL, 150);
		if (ui_button_height(ui, bw, _("Text receipt"), NULL, 150) > h)
			h = ui_button_height(ui, bw, _("Text receipt"), NULL, 150);
		ui_button_ex(ui, (SDL_Rect){MARGIN, y + 20, bw, h}, _("Email receipt"), NULL,
			     UI_SECONDARY, !s->receipt_emailed, ev);
		ev = TAG(CORE_EV_TEXT_RECEIPT);
		ui_button_ex(ui, (SDL_Rect){MARGIN + bw + 30, y + 20, bw, h}, _("Text receipt"),
			     NULL, UI_SECONDARY, !s->receipt_texted, ev);
		y += h + 20;
	}
	if (s->outcome == CORE_OUTCOME_DECLINED) {
		ev = TAG(CORE_EV_TRY_ANOTHER_CARD);
		h = ui_button_height(ui, CONTENT_W, _("Try another card"), NULL, 150);
		ui_button(ui, (SDL_Rect){MARGIN, y + 20, CONTENT_W, h}, _("Try another card"),
			  UI_SECONDARY, ev);
	}
	ev = TAG(CORE_EV_PRINT_RECEIPT);
	chrome_content_end(ui);
	ui_button_ex(ui, (SDL_Rect){MARGIN, NAV_Y, bw, NAV_H}, _("Print receipt"), NULL,
		     UI_SECONDARY, !s->receipt_printed, ev);
	ev = TAG(CORE_EV_DONE);
	ui_button(ui, (SDL_Rect){MARGIN + bw + 30, NAV_Y, bw, NAV_H}, _("Done"), UI_PRIMARY, ev);
}
