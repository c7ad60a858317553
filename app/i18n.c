/* Translation through gettext. Spanish is selected once with LANGUAGE at start-up and English
 * is served from the msgids, so switching language at the screen never touches the environment
 * while other threads run. */
#include "app/i18n.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "app/common/err.h"
#include "app/common/log.h"

#define DOMAIN "kiosk"

int i18n_init(const char *locale_dir)
{
	char mo[1024];
	struct stat st;

	/* gettext ignores LANGUAGE in the "C" locale; C.UTF-8 is always present on Debian. */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		log_warn("i18n", "C.UTF-8 locale missing; translations may not load");
	setenv("LANGUAGE", "es", 1);
	bindtextdomain(DOMAIN, locale_dir);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	snprintf(mo, sizeof(mo), "%s/es/LC_MESSAGES/%s.mo", locale_dir, DOMAIN);
	if (stat(mo, &st) != 0) {
		log_error("i18n", "Spanish catalog %s not found", mo);
		return KIOSK_EIO;
	}
	return 0;
}

const char *i18n_tr(int lang, const char *msgid)
{
	if (!msgid || !*msgid)
		return "";
	if (lang == I18N_ES)
		return dgettext(DOMAIN, msgid);
	return msgid;
}

const char *i18n_ntr(int lang, const char *msgid, const char *plural, unsigned long n)
{
	if (!msgid || !plural)
		return i18n_tr(lang, msgid);
	if (lang == I18N_ES)
		return dngettext(DOMAIN, msgid, plural, n);
	return n == 1 ? msgid : plural;
}

const char *i18n_other_language_name(int lang)
{
	return lang == I18N_ES ? "English" : "Español";
}
