/* Translation: every string a resident reads goes through here (gettext catalogs, domain "kiosk").
 */
#ifndef KIOSK_I18N_H
#define KIOSK_I18N_H

#include <stddef.h>
#include <time.h>

/* Marks a string for extraction without translating it where it stands. */
#ifndef N_
#define N_(s) s
#endif

/* Binds the catalogs under locale_dir (<dir>/es/LC_MESSAGES/kiosk.mo). Call once, before any
 * thread starts: it sets the process locale. Returns 0, or KIOSK_EIO when the Spanish
 * catalog is missing (English still works). */
int i18n_init(const char *locale_dir);

/* The languages, numbered as enum core_lang numbers them (app/screens checks that at compile
 * time); i18n knows nothing of the core, so the toolkit can use it too. */
enum i18n_lang { I18N_EN, I18N_ES };

/* The text for msgid in lang (enum i18n_lang); English is the msgid itself. Thread-safe. */
const char *i18n_tr(int lang, const char *msgid);

/* The form of a message about a count n (ngettext): msgid for one, plural for the rest in
 * English; Spanish by its catalog's Plural-Forms. Thread-safe. */
const char *i18n_ntr(int lang, const char *msgid, const char *plural, unsigned long n);

/* A date as residents read it: "2026-12-15" becomes "December 15, 2026" in English and
 * "15 de diciembre de 2026" in Spanish. Anything that is not a YYYY-MM-DD date is copied as
 * it is. Thread-safe. */
void i18n_date(int lang, const char *iso, char *out, size_t n);

/* A moment as a receipt states it, in local time: the date written out as i18n_date writes it,
 * then the time on the 24-hour clock: "December 15, 2026 17:05", "15 de diciembre de 2026
 * 17:05". Thread-safe. */
void i18n_when(int lang, time_t t, char *out, size_t n);

/* fmt with its %s replaced, in order, by a and then b (a catalog's text is never a printf
 * format). */
void i18n_fill(char *out, size_t n, const char *fmt, const char *a, const char *b);

/* The language's own name for the language switch: "Español" in English, "English" in Spanish. */
const char *i18n_other_language_name(int lang);

#endif
