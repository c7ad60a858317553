/* Translation: every string a resident reads goes through here (gettext catalogs, domain "kiosk").
 */
#ifndef KIOSK_I18N_H
#define KIOSK_I18N_H

#include "app/core/core.h"

/* Marks a string for extraction without translating it where it stands. */
#ifndef N_
#define N_(s) s
#endif

/* Binds the catalogs under locale_dir (<dir>/es/LC_MESSAGES/kiosk.mo). Call once, before any
 * thread starts: it sets the process locale. Returns 0, or KIOSK_EIO when the Spanish
 * catalog is missing (English still works). */
int i18n_init(const char *locale_dir);

/* The text for msgid in lang; English is the msgid itself. Thread-safe. */
const char *i18n_tr(enum core_lang lang, const char *msgid);

/* The language's own name for the language switch: "Español" in English, "English" in Spanish. */
const char *i18n_other_language_name(enum core_lang lang);

#endif
