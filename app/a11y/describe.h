/* What speech says about the screen (ADA 707.5): from each frame the ui drew, the screen's
 * texts when the screen changes, new texts (errors, toasts) when they appear, the focused
 * control with its state and role, and the characters typed (a masked one as "star"). */
#ifndef KIOSK_A11Y_DESCRIBE_H
#define KIOSK_A11Y_DESCRIBE_H

#include <stddef.h>

#include "app/a11y/speech.h"
#include "app/ui/ui.h"

struct a11y {
	char screen[32];
	char content[UI_TEXT_LOG];
	int focus;
	char focus_desc[256];
	char field_label[96];
	char field_value[64];
};

/* Forgets what was said: the next frame is described in full. */
void a11y_reset(struct a11y *a);

/* Compares the frame just drawn with the last one and queues what changed. */
void a11y_frame(struct a11y *a, const struct ui *ui, const char *screen_id, struct speech *sp);

/* "Use last name, selected, button": a widget as speech says it, in the frame's language. */
void a11y_describe(const struct ui *ui, const struct ui_widget *w, char *buf, size_t n);

/* Text made fit to be spoken: "•••• 1111" becomes "ending in 1111", digit strings are read
 * digit by digit. */
void a11y_speakable(enum core_lang lang, const char *in, char *out, size_t n);

#endif
