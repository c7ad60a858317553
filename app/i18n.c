/* Translation through gettext. Spanish is selected once with LANGUAGE at start-up and English
 * is served from the msgids, so switching language at the screen never touches the environment
 * while other threads run. */
#include "app/i18n.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

void i18n_fill(char *out, size_t n, const char *fmt, const char *a, const char *b)
{
	const char *args[2] = {a ? a : "", b ? b : ""};
	size_t len = 0;
	int used = 0;

	if (!n)
		return;
	for (const char *p = fmt ? fmt : ""; *p && len + 1 < n; p++) {
		if (p[0] == '%' && p[1] == 's' && used < 2) {
			for (const char *q = args[used++]; *q && len + 1 < n; q++)
				out[len++] = *q;
			p++;
		} else {
			out[len++] = *p;
		}
	}
	out[len] = '\0';
}

/* Replaces each {name} of a template by its value (one pass, in any order). */
static void fill_named(char *out, size_t n, const char *tpl, const char *const names[],
		       const char *const values[], int count)
{
	size_t len = 0;

	for (const char *p = tpl; *p && len + 1 < n;) {
		int hit = -1;
		for (int i = 0; i < count && *p == '{'; i++)
			if (!strncmp(p + 1, names[i], strlen(names[i])) &&
			    p[1 + strlen(names[i])] == '}')
				hit = i;
		if (hit < 0) {
			out[len++] = *p++;
			continue;
		}
		for (const char *q = values[hit]; *q && len + 1 < n; q++)
			out[len++] = *q;
		p += strlen(names[hit]) + 2;
	}
	out[len] = '\0';
}

void i18n_date(int lang, const char *iso, char *out, size_t n)
{
	static const char *const months[12] = {N_("January"), N_("February"), N_("March"),
					       N_("April"),   N_("May"),      N_("June"),
					       N_("July"),    N_("August"),   N_("September"),
					       N_("October"), N_("November"), N_("December")};
	static const char *const names[3] = {"month", "day", "year"};
	const char *values[3];
	char day[4], year[8];
	int y, m, d, used = 0;

	if (!n)
		return;
	if (!iso || strlen(iso) != 10 || sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 ||
	    used != 10 || m < 1 || m > 12 || d < 1 || d > 31) {
		snprintf(out, n, "%s", iso ? iso : "");
		return;
	}
	snprintf(day, sizeof(day), "%d", d);
	snprintf(year, sizeof(year), "%d", y);
	values[0] = i18n_tr(lang, months[m - 1]);
	values[1] = day;
	values[2] = year;
	/* TRANSLATORS: a date; keep {month}, {day} and {year}, in your language's order. */
	fill_named(out, n, i18n_tr(lang, N_("{month} {day}, {year}")), names, values, 3);
}

void i18n_when(int lang, time_t t, char *out, size_t n)
{
	char iso[16], date[96], hm[8];
	struct tm tm;

	if (!n)
		return;
	if (!localtime_r(&t, &tm)) {
		out[0] = '\0';
		return;
	}
	strftime(iso, sizeof(iso), "%Y-%m-%d", &tm);
	strftime(hm, sizeof(hm), "%H:%M", &tm);
	i18n_date(lang, iso, date, sizeof(date));
	snprintf(out, n, "%s %s", date, hm);
}

const char *i18n_other_language_name(int lang)
{
	return lang == I18N_ES ? "English" : "Español";
}
