/* Widgets' tags and the core events they stand for: the toolkit reports which widget was
 * tapped and its tag, the screens say what that means to the core. */
#include <stdio.h>

#include "app/screens/screens_internal.h"

#define ARG_BITS 8
#define ARG_MASK ((1 << ARG_BITS) - 1)

/* The toolkit's languages are the core's (i18n_tr takes enum core_lang's values). */
_Static_assert(I18N_EN == (int)CORE_LANG_EN && I18N_ES == (int)CORE_LANG_ES,
	       "enum i18n_lang numbers the languages as enum core_lang does");

int screen_tag(enum core_event_type type, int arg)
{
	/* An argument that does not fit would tap as another choice: a touch is harmless. */
	if (arg < 0 || arg > ARG_MASK)
		return UI_TAG_TOUCH;
	return ((int)type << ARG_BITS) | arg;
}

struct core_event screens_event(const struct ui_widget *w)
{
	struct core_event ev;
	int arg;

	switch (w->tag) {
	case UI_TAG_KEY:
		ev = core_ev(CORE_EV_KEY);
		snprintf(ev.text, sizeof(ev.text), "%s", w->key);
		return ev;
	case UI_TAG_DELETE: return core_ev(CORE_EV_BACKSPACE);
	case UI_TAG_CLEAR: return core_ev(CORE_EV_CLEAR);
	case UI_TAG_SHIFT: return core_ev(CORE_EV_SHIFT);
	default: break;
	}
	if (w->tag < 0)
		return core_ev(CORE_EV_TOUCH);
	ev = core_ev((enum core_event_type)(w->tag >> ARG_BITS));
	arg = w->tag & ARG_MASK;
	if (ev.type == CORE_EV_FOCUS)
		ev.field = (enum core_field)arg;
	else if (ev.type == CORE_EV_SET_VERIFY)
		ev.verify = (enum core_verify)arg;
	else
		ev.choice = arg;
	return ev;
}
