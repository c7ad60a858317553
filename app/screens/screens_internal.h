/* What the screen files share: the frame around every step and the one-screen draw functions. */
#ifndef KIOSK_SCREENS_INTERNAL_H
#define KIOSK_SCREENS_INTERNAL_H

#include "app/i18n.h"
#include "app/screens/screens.h"

#define _(s) i18n_tr(ui->lang, s)

/* A widget's tag: the core event a tap sends, by its type and its one argument (.field for
 * CORE_EV_FOCUS, .verify for CORE_EV_SET_VERIFY, .choice for the rest; 0 to 255).
 * screens_event turns it back into the event. */
int screen_tag(enum core_event_type type, int arg);
#define TAG(type) screen_tag(type, 0)

/* Layout of the design space (1080x1920). */
#define MARGIN 60
#define CONTENT_W (UI_W - 2 * MARGIN)
#define TOP_BAR_H 150
#define NAV_Y 1730
#define NAV_H 150
#define KEY_H 96	/* a key of the keypads and keyboards: 24 mm at 102 dpi */
#define FIELD_BOX_H 110 /* a field's box, under its label */

/* The bar at the top of every screen (the city or Sign Out, the looks, the language); returns
 * its height: TOP_BAR_H, or more when Sign Out needs a row of its own. */
int chrome_top_bar(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
/* Where a screen's content starts: below the top bar, moved by the scroll view. Every screen's
 * content is in the scroll view (chrome.c opens it), measured, then placed. */
int chrome_top(struct ui *ui);
/* Ends the scrolling content: what follows is fixed at the bottom (the navigation). */
void chrome_content_end(struct ui *ui);
/* Step title and optional subtitle; returns the y below them. */
int chrome_title(struct ui *ui, const char *title, const char *subtitle);
/* A screen's own button at the right of the navigation (Done, Confirm, Unlink Account), as
 * wide as its label needs; ends the scrolling content. */
void chrome_nav_right(struct ui *ui, const char *label, enum ui_style style, bool enabled, int tag);
/* Back / Cancel / main button. main_label NULL: none. */
void chrome_nav(struct ui *ui, bool back, bool cancel, const char *main_label, bool main_enabled);
/* With a bill validator: Back, and two main buttons, Card and Cash, where Continue would be. */
void chrome_nav_card_or_cash(struct ui *ui);
/* An error notice in place at y (returns its height), or nothing for non-errors. */
int chrome_notice(struct ui *ui, const struct core_state *s, int y);
/* Non-error notices as a toast in the lower-right corner; busy and timeout overlays. */
void chrome_overlays(struct ui *ui, const struct core_state *s, int64_t now_ms);
/* The notice's text, translated, with its argument in place. */
void chrome_notice_text(struct ui *ui, const struct core_state *s, char *buf, size_t n);
/* A label/value row in a summary panel; returns the height used. */
int chrome_row(struct ui *ui, int x, int y, int w, const char *label, const char *value);

/* An error about field f, drawn at (x, y) under it; returns the height used. */
int chrome_field_notice(struct ui *ui, const struct core_state *s, enum core_field f, int x, int y,
			int w);
/* The heights those notices would take, to size a panel before drawing into it. */
int chrome_field_notice_height(struct ui *ui, const struct core_state *s, enum core_field f, int w);
int chrome_notice_height(struct ui *ui, const struct core_state *s);
/* The keyboard or keypad for the focused field at its own size, from top (or lower, near the
 * navigation, when there is room); returns the y below it. */
int chrome_keys(struct ui *ui, const struct core_state *s, int top);
/* Its height (0: no keys for the focus). */
int chrome_keys_height(const struct core_state *s);
/* A field of a form (label, hint, box, then its message) at x, y in width w, at least min_h
 * tall (0: its own height; two fields side by side pass the taller's); returns the height
 * used. */
int chrome_field(struct ui *ui, const struct core_state *s, int x, int y, int w, int min_h,
		 enum core_field f, const char *label, const char *value, const char *hint,
		 bool masked);
/* Customer number, the name-or-amount toggle (labelled by_name / by_bill) and the field it
 * picks, with their messages; returns the y below them. */
int chrome_account_proof(struct ui *ui, const struct core_state *s, int y,
			 const char *by_name_label, const char *by_bill_label);
/* A tile of a two-column grid: a button with an optional detail line. */
struct chrome_tile {
	const char *label, *detail;
	enum ui_style style;
	int tag;
};
/* Two tiles side by side (right may be NULL), both as tall as the taller needs and at least
 * min_h; returns the row's height. */
int chrome_tile_row(struct ui *ui, int y, int min_h, const struct chrome_tile *left,
		    const struct chrome_tile *right);

/* A white panel with a border; returns its height. */
int chrome_panel(struct ui *ui, SDL_Rect r);
/* A panel that grows with what is drawn in it (measured, then placed) down to pad below its
 * lowest box; returns y. chrome_panel_end returns the y below it. */
int chrome_panel_begin(struct ui *ui, int x, int y, int w, int pad);
int chrome_panel_end(struct ui *ui);

/* Words from data (words.c): an Auto Pay method in the resident's language ("Checking ending
 * 6789"); whether a bill is past due (its due date before ctx->today, something still owed);
 * a YYYY-MM-DD date written out ("December 15, 2026"), "—" for none. */
void words_autopay_method(struct ui *ui, const struct core_account *a, char *out, size_t n);
bool words_past_due(const struct core_bill *b, const struct screen_ctx *ctx);
void words_date(struct ui *ui, const char *iso, char *out, size_t n);
/* A configured text in the frame's language: in Spanish the Spanish setting es, else the
 * catalog's translation of en (the defaults are in it), else NULL: nothing rather than
 * English on a Spanish screen. */
const char *words_configured(struct ui *ui, const char *en, const char *es);

/* Draws one screen's content (the top bar and overlays are chrome's). */
typedef void screen_draw_fn(struct ui *ui, const struct core_state *s,
			    const struct screen_ctx *ctx);
/* The screens' table (screen_table.c): how each screen is drawn, NULL for none. */
screen_draw_fn *screens_drawer(enum core_screen screen);

void screen_welcome(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_guest_lookup(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_bill_summary(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_pay_amount(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_pay_card(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
/* The payment terminal's prompt (core_state.prompt) in the resident's language, or NULL for
 * none; buf holds the terminal's own words when the kiosk does not know them. */
const char *screen_terminal_prompt(struct ui *ui, const struct core_state *s, char *buf, size_t n);
void screen_pay_cash(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_pay_result(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
/* several bills (basket.c) */
void screen_basket(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
/* "Email receipt" and "Text receipt" (receipt_send.c) */
void screen_receipt_send(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
/* a resident's account */
void screen_sign_in(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_register(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_verify_email(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_home(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_link_account(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_utility_bill(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_bills_payments(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_autopay(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_autopay_review(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_autopay_done(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_paperless(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
/* staff service mode (service.c) */
void screen_service(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);
void screen_out_of_service(struct ui *ui, const struct core_state *s, const struct screen_ctx *ctx);

#endif
