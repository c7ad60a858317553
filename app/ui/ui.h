/* A small immediate-mode widget toolkit on SDL2 + SDL2_ttf for a portrait touch screen.
 * Screens call the widget functions while drawing; each call draws and registers the widget
 * so that taps, keypad focus and the journey runner all see exactly what was drawn. */
#ifndef KIOSK_UI_H
#define KIOSK_UI_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>

#include "app/ui/theme.h"

/* The design space: every screen is laid out in 1080x1920 and scaled to the display. */
#define UI_W 1080
#define UI_H 1920

enum ui_font {
	UI_FONT_SMALL,	 /* 30 px: hints, footers */
	UI_FONT_BODY,	 /* 38 px */
	UI_FONT_LABEL,	 /* 38 px bold: field labels */
	UI_FONT_BUTTON,	 /* 46 px bold */
	UI_FONT_HEADING, /* 58 px bold */
	UI_FONT_TITLE,	 /* 80 px bold */
	UI_FONT_HUGE,	 /* 120 px bold: amounts, results */
	UI_FONT_COUNT
};

enum ui_widget_kind { UI_BUTTON, UI_FIELD, UI_TILE, UI_CHECKBOX, UI_KEY };

enum ui_style { UI_PRIMARY, UI_SECONDARY, UI_QUIET, UI_DANGER, UI_SELECTED };

enum ui_align { UI_LEFT, UI_CENTER, UI_RIGHT };

/* What a widget does besides its tag: the look is the app's, not the screens'. */
enum ui_action { UI_ACT_NONE, UI_ACT_CONTRAST, UI_ACT_LARGE_TEXT };

/* What a tap on a widget means. The toolkit knows nothing of what its users do with a tap:
 * a widget carries the tag its caller gave it (>= 0, the caller's meaning), or one of the
 * toolkit's own below (< 0) for what its keyboards and look buttons draw. */
enum ui_tag {
	UI_TAG_TOUCH = -1,  /* nothing but a touch (the look buttons) */
	UI_TAG_KEY = -2,    /* a keyboard or keypad key: what it types is in .key */
	UI_TAG_DELETE = -3, /* the keyboards' Delete */
	UI_TAG_CLEAR = -4,  /* the keyboards' Clear */
	UI_TAG_SHIFT = -5,  /* the email keyboard's Shift */
};

/* A widget as drawn in the last frame. */
struct ui_widget {
	enum ui_widget_kind kind;
	SDL_Rect rect;
	char label[96]; /* as shown (translated) */
	int tag;	/* what a tap means: enum ui_tag, or the caller's own (>= 0) */
	char key[8];	/* UI_TAG_KEY: what the key types, one UTF-8 character */
	bool enabled;
	bool active; /* a toggle that is on (Shift, a ticked checkbox) */
	/* For speech: a choice drawn as selected, or the field being typed in; a field's value
	 * (a masked one as "" with masked set: its text never leaves the field); and what to say
	 * in place of a label that is a symbol ("Aa"). */
	bool selected;
	bool masked;
	char value[64];
	char spoken[64];
	enum ui_action action; /* handled by the app, not the core (e.g. the theme) */
};

#define UI_MAX_WIDGETS 96
#define UI_TEXT_LOG 4096

struct ui_text_cache;

struct ui {
	SDL_Renderer *renderer;
	TTF_Font *fonts[UI_FONT_COUNT];
	struct ui_text_cache *cache;
	struct ui_theme theme;

	/* What the last frame showed: widgets in focus order, and every string drawn. */
	struct ui_widget widgets[UI_MAX_WIDGETS];
	int widget_count;
	int focus_index; /* keypad focus ring, -1 when none */
	char text_log[UI_TEXT_LOG];
	size_t text_log_len;
	int pressed_index; /* widget under a finger, drawn pressed */
	int lang;	   /* language of the frame being drawn (for i18n_tr) */
	char toast[512];   /* the toast shown in this frame, "" if none (for the runner) */

	/* Accessibility (ADA 707): the theme and text size; what speech reads of the frame: every
	 * text drawn outside a widget and outside the top bar, in drawing order. */
	enum theme_id theme_id;
	bool large_text;
	char fonts_dir[512];
	int in_widget;	  /* >0 while a widget draws its own texts */
	bool content_off; /* the top bar: the same on every screen, not read out */
	char content[UI_TEXT_LOG];
	size_t content_len;
	char next_spoken[64]; /* ui_set_spoken: for the next widget */
};

/* fonts_dir holds DejaVuSans.ttf and DejaVuSans-Bold.ttf. */
int ui_open(struct ui *ui, SDL_Renderer *renderer, const char *fonts_dir);
void ui_close(struct ui *ui);

/* Starts a frame: clears the widget list and the text log, paints the background. */
void ui_begin(struct ui *ui);
void ui_end(struct ui *ui);

/* Text, rendered once and cached. Returns the height used. wrap_w > 0 wraps. */
int ui_text(struct ui *ui, enum ui_font font, SDL_Color color, int x, int y, int wrap_w,
	    enum ui_align align, const char *text);
/* Size a text would take. */
void ui_text_size(struct ui *ui, enum ui_font font, int wrap_w, const char *text, int *w, int *h);

void ui_fill(struct ui *ui, SDL_Rect r, SDL_Color c);
void ui_round_rect(struct ui *ui, SDL_Rect r, int radius, SDL_Color c);
void ui_frame(struct ui *ui, SDL_Rect r, int radius, int thickness, SDL_Color c);
void ui_circle(struct ui *ui, int cx, int cy, int radius, SDL_Color c);

/* A widget: drawn, then registered with the tag a tap reports. */
void ui_button(struct ui *ui, SDL_Rect r, const char *label, enum ui_style style, int tag);
void ui_button_ex(struct ui *ui, SDL_Rect r, const char *label, const char *detail,
		  enum ui_style style, bool enabled, int tag);
/* A text field with its label above; the value is shown masked when mask is set. */
void ui_field(struct ui *ui, SDL_Rect r, const char *label, const char *value,
	      const char *placeholder, bool focused, bool error, int tag);

/* The same, with the value shown as dots when masked (passwords); a value wider than the box
 * shows its end, where the typing happens. */
void ui_field_ex(struct ui *ui, SDL_Rect r, const char *label, const char *value,
		 const char *placeholder, bool focused, bool error, bool masked, int tag);
/* A checkbox with its label to the right; the whole row is the tap target. */
void ui_checkbox(struct ui *ui, SDL_Rect r, const char *label, bool checked, int tag);

/* Keypads and keyboard: each key is a widget tagged UI_TAG_KEY with what it types in .key,
 * or UI_TAG_DELETE, UI_TAG_CLEAR, UI_TAG_SHIFT. */
void ui_keypad(struct ui *ui, SDL_Rect area, bool with_point);
/* The name keyboard: lower-case letters with Spanish accents, - and ', Space and Shift; like
 * the email keyboard, a letter key types its lower case and the caller applies Shift. */
void ui_keyboard(struct ui *ui, SDL_Rect area, bool shifted);
/* The email and password keyboard: digits, lower-case letters, @ . - _ + and Shift (tagged
 * UI_TAG_SHIFT; a letter key always types its lower case, the caller applies Shift). */
void ui_keyboard_email(struct ui *ui, SDL_Rect area, bool shifted);

/* The widget at a point, or -1. */
int ui_hit(const struct ui *ui, int x, int y);

/* Keypad focus ring: move (+1/-1) among enabled widgets. */
void ui_focus_move(struct ui *ui, int delta);
/* Arrow keys: on a keyboard or keypad grid, to the nearest key in that direction (dx, dy of
 * -1, 0, 1); elsewhere, or off the edge of the grid, like ui_focus_move(dx + dy). */
void ui_focus_dir(struct ui *ui, int dx, int dy);

/* Switches theme and text size (large text: the small and body fonts grow to 46 px and more).
 * Reopens the fonts; returns 0 or KIOSK_EIO. */
int ui_set_look(struct ui *ui, enum theme_id theme, bool large_text);

/* What speech says for the next widget registered, when its label is a symbol. */
void ui_set_spoken(struct ui *ui, const char *spoken);

/* A button that switches the look (high contrast, large text); drawn selected while on. */
void ui_look_button(struct ui *ui, SDL_Rect r, const char *label, const char *spoken,
		    enum ui_action action, bool on);

/* Appends to the text log without drawing (for the journey runner: e.g. the screen id). */
void ui_log_text(struct ui *ui, const char *text);

/* Saves what is on screen as PNG. */
int ui_screenshot(struct ui *ui, const char *path);

#endif
