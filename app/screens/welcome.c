/* The welcome screen: pay as a guest or sign in. */

#include "app/screens/screens_internal.h"

void screen_welcome(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	int pay = TAG(CORE_EV_PAY_BILL), sign = TAG(CORE_EV_SIGN_IN);
	int y = chrome_top(ui) + 220, bw = CONTENT_W - 120, h;

	y += ui_text(ui, ui_fit_font(ui, UI_FONT_TITLE, CONTENT_W, _("Welcome")), t->text, MARGIN,
		     y, CONTENT_W, UI_CENTER, _("Welcome"));
	y += 30;
	y += 80 + ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 60, y, CONTENT_W - 120, UI_CENTER,
			  _("Pay your city utility bill here, quickly and securely."));
	h = ui_button_height(ui, bw, _("Pay a Bill"), _("No account needed"), 240);
	ui_button_ex(ui, (SDL_Rect){MARGIN + 60, y, bw, h}, _("Pay a Bill"), _("No account needed"),
		     UI_PRIMARY, true, pay);
	y += h + 50;
	h = ui_button_height(ui, bw, _("Sign In"), _("With your city portal account"), 200);
	ui_button_ex(ui, (SDL_Rect){MARGIN + 60, y, bw, h}, _("Sign In"),
		     _("With your city portal account"), UI_SECONDARY, true, sign);
	y += h + 100;
	if (ctx->scanner)
		y +=
		    20 + ui_text(ui, UI_FONT_SMALL, t->text, MARGIN, y, CONTENT_W, UI_CENTER,
				 _("Have your paper bill? Scan its barcode to go straight to it."));
	/* What the kiosk takes, truthfully: the terminal reads chip, tap and phone wallets (and
	 * swipes); a reader only swipes. The footer lines one under the other, however many
	 * lines each takes. */
	bool terminal_down =
	    s->terminal == CORE_TERMINAL_UNREACHABLE || s->terminal == CORE_TERMINAL_UNTRUSTED;
	y += 16 +
	     ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_CENTER,
		     s->cfg.card != CORE_CARD_TERMINAL
			 ? _("Pay by card: swipe it at the card reader.")
		     : terminal_down
			 ? _("Card payments are not available at this kiosk right now.")
			 : _("Pay by card: chip, tap or phone wallet (Apple Pay, Google Pay)."));
	/* The brands only while a card can be taken: a down terminal takes none. */
	if (!(s->cfg.card == CORE_CARD_TERMINAL && terminal_down))
		y += 16 + ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_CENTER,
				  _("We accept Visa, Mastercard, American Express and Discover."));
	/* Cash, where a validator is configured and has answered: a full cash box is said here
	 * too, so nobody queues with notes for a kiosk that cannot take them. */
	const char *cash = NULL;
	if (core_cash_usable(s))
		cash = _("Pay in cash: bills only. This kiosk does not give change.");
	else if (s->cfg.cash && s->cash_problem != CORE_CASH_NONE) /* NONE: not heard from yet */
		cash = _("Cash payments are not available at this kiosk right now.");
	if (cash)
		y += 16 +
		     ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_CENTER, cash);
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, y, CONTENT_W, UI_CENTER,
		words_configured(ui, ctx->help_text, ctx->help_text_es));
}
