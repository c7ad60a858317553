/* The card step: swipe at the reader, or insert, tap or swipe at the payment terminal (which
 * is asked for the amount at once), with the amount and what became of the last try. */

#include "app/core/money.h"
#include "app/screens/screens_internal.h"

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

/* A payment terminal below the screen: its display, keys, and an arrow down to it. */
static void draw_terminal(struct ui *ui, int cx, int y)
{
	const struct ui_theme *t = &ui->theme;

	ui_round_rect(ui, (SDL_Rect){cx - 150, y - 150, 300, 360}, 30, t->bar);
	ui_round_rect(ui, (SDL_Rect){cx - 115, y - 120, 230, 130}, 12, t->primary);
	for (int r = 0; r < 3; r++)
		for (int c = 0; c < 3; c++)
			ui_round_rect(ui, (SDL_Rect){cx - 95 + c * 70, y + 35 + r * 50, 50, 34}, 8,
				      t->surface);
	for (int i = 0; i < 5; i++)
		ui_fill(ui, (SDL_Rect){cx + 220 + i * 10, y - 40 + i * 14, 60 - i * 20 + 40, 10},
			t->primary);
}

const char *screen_terminal_prompt(struct ui *ui, const struct core_state *s, char *buf, size_t n)
{
	switch (s->prompt) {
	case CORE_PROMPT_PRESENT_CARD: break; /* the step's title says it already */
	case CORE_PROMPT_ENTER_PIN: return _("Enter your PIN on the terminal.");
	case CORE_PROMPT_PROCESSING: return _("Processing. Please wait.");
	case CORE_PROMPT_REMOVE_CARD: return _("Remove your card from the terminal.");
	case CORE_PROMPT_SEE_PHONE:
		return _("See your phone: follow what it says, then hold it to the terminal "
			 "again.");
	case CORE_PROMPT_TRY_ANOTHER_CARD: return _("Try another card.");
	case CORE_PROMPT_CHOOSE_APP: return _("Choose your card's account on the terminal.");
	case CORE_PROMPT_TEXT:
		/* Words the kiosk does not know: shown as the terminal wrote them. */
		snprintf(buf, n, _("The terminal says: %s"), s->prompt_text);
		return buf;
	case CORE_PROMPT_NONE: break;
	}
	return NULL;
}

static void screen_pay_terminal(struct ui *ui, const struct core_state *s,
				const struct screen_ctx *ctx, const char *amount)
{
	const struct ui_theme *t = &ui->theme;
	const char *status, *prompt;
	char said[160];
	int y;

	y = chrome_title(ui, _("Insert, tap or swipe your card on the terminal"),
			 _("The card terminal is below this screen. Phone wallets work too."));
	ui_text(ui, UI_FONT_BODY, t->muted, MARGIN, y + 20, CONTENT_W, UI_CENTER,
		_("Amount to pay"));
	ui_text(ui, UI_FONT_HUGE, t->text, MARGIN, y + 80, CONTENT_W, UI_CENTER, amount);
	draw_terminal(ui, UI_W / 2 - 40, y + 460);
	y += 720;
	/* What the terminal's own screen says, mirrored (its display notifications). */
	prompt =
	    s->taking && !s->cancelling ? screen_terminal_prompt(ui, s, said, sizeof(said)) : NULL;
	status = s->cancelling ? _("Cancelling the payment…")
		 : s->taking   ? _("Follow the instructions on the terminal. Keep your card in "
				     "until it says to remove it.")
			       : NULL;
	if (prompt)
		y += ui_text(ui, ui_fit_font(ui, UI_FONT_HEADING, CONTENT_W, prompt), t->primary,
			     MARGIN, y, CONTENT_W, UI_CENTER, prompt) +
		     30;
	if (status)
		y += ui_text(ui, UI_FONT_BODY, t->text, MARGIN, y, CONTENT_W, UI_CENTER, status) +
		     30;
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_CENTER,
		_("This kiosk never sees your card number. Only the last four digits are "
		  "printed."));
	y += 90;
	y += chrome_notice(ui, s, y);
	if (s->receipt_choice) {
		ui_button(ui, (SDL_Rect){MARGIN, y + 20, CONTENT_W, 130},
			  _("Continue without receipt"), UI_PRIMARY,
			  TAG(CORE_EV_CONTINUE_NO_RECEIPT));
	} else if (s->busy == CORE_BUSY_NONE) {
		/* The terminal gave up or could not be reached: the resident asks again, or pays
		 * the other way the kiosk has. */
		bool cash = s->cfg.cash && s->cash_ready;
		int bw = cash ? (CONTENT_W - 30) / 2 : CONTENT_W;

		ui_button(ui, (SDL_Rect){MARGIN, y + 20, bw, 130}, _("Try again"), UI_PRIMARY,
			  TAG(CORE_EV_TRY_ANOTHER_CARD));
		if (cash)
			ui_button(ui, (SDL_Rect){MARGIN + bw + 30, y + 20, bw, 130},
				  _("Pay with cash"), UI_SECONDARY, TAG(CORE_EV_PAY_BY_CASH));
		if (s->notice.msgid && ctx->out_of_service_message)
			ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y + 180, CONTENT_W, UI_CENTER,
				ctx->out_of_service_message);
	}
	/* Cancel stays live while the terminal waits: it sends the terminal an Abort. */
	chrome_nav(ui, s->busy == CORE_BUSY_NONE, s->busy == CORE_BUSY_NONE || !s->cancelling, NULL,
		   false);
}

void screen_pay_card(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	char amount[32];
	int y;

	money_format(s->amount_cents, amount, sizeof(amount));
	if (core_card_by_terminal(s)) {
		screen_pay_terminal(ui, s, ctx, amount);
		return;
	}
	y = chrome_title(ui, _("Swipe your card"), _("Use the card reader next to this screen."));
	y += 20;
	y += 10 + ui_text(ui, UI_FONT_BODY, t->muted, MARGIN, y, CONTENT_W, UI_CENTER,
			  _("Amount to pay"));
	y += 40 + ui_text(ui, ui_fit_font(ui, UI_FONT_HUGE, CONTENT_W, amount), t->text, MARGIN, y,
			  CONTENT_W, UI_CENTER, amount);
	/* The picture is a box of its own: no text may run over it. */
	ui_group_begin(ui, UI_W / 2 - 300, y, 600, 380, 0, "card reader picture");
	draw_reader(ui, UI_W / 2 - 40, y + 130);
	y = ui_group_end(ui) + 30;
	y += 30 + ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_CENTER,
			  _("Your card number is never stored. Only the last four digits are "
			    "printed."));
	y += chrome_notice(ui, s, y);
	if (s->receipt_choice) {
		int ev = TAG(CORE_EV_CONTINUE_NO_RECEIPT);

		ui_button(ui,
			  (SDL_Rect){MARGIN, y + 20, CONTENT_W,
				     ui_button_height(ui, CONTENT_W, _("Continue without receipt"),
						      NULL, 130)},
			  _("Continue without receipt"), UI_PRIMARY, ev);
	}
	chrome_nav(ui, s->busy == CORE_BUSY_NONE, s->busy == CORE_BUSY_NONE, NULL, false);
}
