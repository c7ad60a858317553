/* A small immediate-mode widget toolkit on SDL2 + SDL2_ttf for a portrait touch screen.
 * Screens call the widget functions while drawing; each call draws and registers the widget
 * so that taps, keypad focus and the journey runner all see exactly what was drawn. */
#ifndef KIOSK_UI_H
#define KIOSK_UI_H

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>

#include "app/ui/layout.h"
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
enum ui_action {
	UI_ACT_NONE,
	UI_ACT_CONTRAST,
	UI_ACT_LARGE_TEXT,
	UI_ACT_SCROLL_UP, /* the scroll bar's arrows: the toolkit's own (ui_scroll_by) */
	UI_ACT_SCROLL_DOWN,
};

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
	SDL_Rect hit;	/* the part a tap reaches: rect, less what the scroll view hides */
	bool scrolls;	/* drawn in the scroll view */
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

#define UI_MAX_WIDGETS 128
#define UI_TEXT_LOG 4096
#define UI_MAX_ITEMS 400
#define UI_SCROLL_PAD 30 /* room below the scrolling content's lowest box */
#define UI_MAX_GROUPS 48
#define UI_GROUP_DEPTH 8

/* The screen's scrolling content: the view it shows, and how far it is scrolled. */
struct ui_scroll {
	SDL_Rect view;
	int offset;    /* content pixels above the view */
	int content_h; /* measured in the measure pass */
	bool open;     /* between ui_scroll_begin and ui_scroll_end */
	int item;      /* its group in the frame's items */
	int top;       /* where its content starts this frame (view.y - offset) */
	bool scrolls;  /* the last frame painted it taller than its view (with a scroll bar) */
};

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

	/* Layout: every frame is drawn twice, first measuring (nothing painted) so that boxes
	 * grow with what they hold, then painting at the measured sizes. The frame's boxes are
	 * kept for the layout check. */
	bool measuring;
	struct layout_item items[UI_MAX_ITEMS];
	int item_count;
	int parents[UI_GROUP_DEPTH]; /* the open groups, innermost last */
	int depth;
	int layer;
	int group_seq;			  /* groups begun so far this pass */
	int group_h[UI_MAX_GROUPS];	  /* their heights, measured in the measure pass */
	int group_bottom[UI_GROUP_DEPTH]; /* lowest content seen in each open group */
	int group_pad[UI_GROUP_DEPTH];	  /* padding below that content */
	int group_seq_of[UI_GROUP_DEPTH]; /* each open group's number (group_h) */
	struct ui_scroll scroll;
	bool redraw;		/* the frame must be drawn again (the view scrolled to the focus) */
	bool check_layout;	/* --check-layout: check every frame (layout_error) */
	int min_target_px;	/* smallest widget allowed both ways (15 mm), 0: not checked */
	char layout_error[768]; /* the frame's first layout violation, "" if none */
	SDL_Rect clip;		/* the clip in force, w 0: none */
};

/* fonts_dir holds DejaVuSans.ttf and DejaVuSans-Bold.ttf. */
int ui_open(struct ui *ui, SDL_Renderer *renderer, const char *fonts_dir);
void ui_close(struct ui *ui);

/* Starts a pass of a frame: clears the widget list, the text log and the boxes. measure: the
 * measure pass, which paints nothing; then the same drawing again with measure false paints
 * it, with every group and the scroll view at the size the measure pass found. */
void ui_begin(struct ui *ui, bool measure);
/* Ends the paint pass: the focus ring, scrolling the focused widget into view, and (with
 * check_layout) the layout check, whose first violation is left in layout_error. */
void ui_end(struct ui *ui);

/* Layout: measure, then place. A group is a box that grows with its content: what is drawn
 * between ui_group_begin and ui_group_end must lie inside it (the layout check), and no two
 * boxes in one group may overlap. Returns the group's height: min_h in the measure pass,
 * then the height its content took (its lowest box + pad) if that is more. */
int ui_group_begin(struct ui *ui, int x, int y, int w, int min_h, int pad, const char *what);
/* Returns the y below the group. */
int ui_group_end(struct ui *ui);
/* The height the measure pass found for the next group to begin (0 while measuring): to
 * place a box by its height, e.g. centred. */
int ui_group_next_height(const struct ui *ui);
/* A declared overlay (a toast, a dialog): drawn over the screen, checked on its own. */
void ui_overlay(struct ui *ui);

/* The screen's content between the top bar and the navigation: when it is taller than view it
 * scrolls (a scroll bar with arrow buttons, a drag, and the keypad focus bring the rest into
 * view) instead of being squeezed. Returns the y its content starts at. */
int ui_scroll_begin(struct ui *ui, SDL_Rect view);
void ui_scroll_end(struct ui *ui);
/* Scrolls by dy design pixels (kept within the content); the app redraws. */
void ui_scroll_by(struct ui *ui, int dy);
/* Scrolls so that widget i is wholly in view (the runner, before a tap). */
void ui_reveal(struct ui *ui, int i);
/* A new screen: scrolled to its top. */
void ui_scroll_reset(struct ui *ui);
/* Whether x, y lies in the last frame's content and that content scrolls (a drag there
 * scrolls it). */
bool ui_scrolls_at(const struct ui *ui, int x, int y);

/* The text's size when wrapped at words in w (w <= 0: one line). */
int ui_text_height(struct ui *ui, enum ui_font font, int w, const char *text);
/* The largest font, from font down to UI_FONT_SMALL, whose longest word fits in w: a label
 * is set smaller before a word would break. */
enum ui_font ui_fit_font(struct ui *ui, enum ui_font font, int w, const char *text);
/* A value read as one piece (an email address, an account number) on one line in w: set
 * smaller, and failing that shortened in its middle; the whole value is what speech reads
 * and the text log holds. Returns the height used. */
int ui_value(struct ui *ui, enum ui_font font, SDL_Color color, int x, int y, int w,
	     enum ui_align align, const char *value);
/* A sentence with a value in it (fmt's one %s: "We sent a code to %s."), wrapped at words in
 * w; a value too wide for w is shortened in its middle so the sentence still fits, and speech
 * reads the whole. fmt is a translated text, never used as a printf format. Returns the
 * height used. */
int ui_text_value(struct ui *ui, enum ui_font font, SDL_Color color, int x, int y, int w,
		  enum ui_align align, const char *fmt, const char *value);
/* A button's height for its label (and detail) in width w: never under min_h. */
int ui_button_height(struct ui *ui, int w, const char *label, const char *detail, int min_h);
/* A field's height (its label, and its hint, above a box box_h tall) in width w. */
int ui_field_height(struct ui *ui, int w, const char *label, const char *hint, int box_h);
/* A checkbox row's height for its label in width w. */
int ui_checkbox_height(struct ui *ui, int w, const char *label);

/* Text, rendered once and cached. Returns the height used. wrap_w > 0 wraps at words (never
 * inside one: a word wider than wrap_w is left whole for the layout check to report). */
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
/* A text field: its label, then its hint (placeholder, muted, wrapped), then the box below;
 * size r with ui_field_height. */
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

/* msgid as the frame's language shows it (the toolkit's own texts, and the journey runner's
 * translate-labels). */
const char *ui_tr(const struct ui *ui, const char *msgid);

/* Appends to the text log without drawing (for the journey runner: e.g. the screen id). */
void ui_log_text(struct ui *ui, const char *text);

/* Saves what is on screen as PNG. */
int ui_screenshot(struct ui *ui, const char *path);

#endif
