/* The welcome screen: pay as a guest or sign in. */

#include "app/screens/screens_internal.h"

void screen_welcome(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx)
{
	const struct ui_theme *t = &ui->theme;
	int pay = TAG(CORE_EV_PAY_BILL), sign = TAG(CORE_EV_SIGN_IN);
	int y = 420;

	y += ui_text(ui, UI_FONT_TITLE, t->text, MARGIN, y, CONTENT_W, UI_CENTER, _("Welcome"));
	y += 30;
	ui_text(ui, UI_FONT_BODY, t->muted, MARGIN + 60, y, CONTENT_W - 120, UI_CENTER,
		_("Pay your city utility bill here, quickly and securely."));
	ui_button_ex(ui, (SDL_Rect){MARGIN + 60, 820, CONTENT_W - 120, 240}, _("Pay a Bill"),
		     _("No account needed"), UI_PRIMARY, true, pay);
	ui_button_ex(ui, (SDL_Rect){MARGIN + 60, 1110, CONTENT_W - 120, 200}, _("Sign In"),
		     _("With your city portal account"), UI_SECONDARY, true, sign);
	if (ctx->scanner)
		ui_text(ui, UI_FONT_SMALL, t->text, MARGIN, 1400, CONTENT_W, UI_CENTER,
			_("Have your paper bill? Scan its barcode to go straight to it."));
	/* What the kiosk takes, truthfully: the terminal reads chip, tap and phone wallets (and
	 * swipes); a reader only swipes. */
	bool terminal_down =
	    s->terminal == CORE_TERMINAL_UNREACHABLE || s->terminal == CORE_TERMINAL_UNTRUSTED;
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, 1500, CONTENT_W, UI_CENTER,
		s->cfg.card != CORE_CARD_TERMINAL ? _("Pay by card: swipe it at the card reader.")
		: terminal_down
		    ? _("Card payments are not available at this kiosk right now.")
		    : _("Pay by card: chip, tap or phone wallet (Apple Pay, Google Pay)."));
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, 1560, CONTENT_W, UI_CENTER,
		_("We accept Visa, Mastercard, American Express and Discover."));
	ui_text(ui, UI_FONT_SMALL, t->muted, MARGIN, 1610, CONTENT_W, UI_CENTER,
		words_configured(ui, ctx->help_text, ctx->help_text_es));
}
