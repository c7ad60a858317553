/* The forgiving comparisons a person at a kiosk needs: customer numbers typed with or
 * without separators, last names in any case, with or without accents, spaces, apostrophes
 * and hyphens ("OBRIEN" and "O BRIEN" find O'Brien), as the city's portal matches them. */
#include <ctype.h>
#include <string.h>

#include "app/common/err.h"
#include "tools/portal-sim/sim.h"

int match_customer_number(const char *in, char *out, size_t n)
{
	size_t len = 0;

	for (const char *c = in; *c; c++) {
		if (*c == '-' || *c == '.' || *c == ' ')
			continue;
		if (!isdigit((unsigned char)*c) || len + 1 >= n)
			return KIOSK_EINVAL;
		out[len++] = *c;
	}
	out[len] = '\0';
	return len > 0 ? 0 : KIOSK_EINVAL;
}

/* Latin-1 letters U+00C0..U+00FF (UTF-8 0xC3 0x80..0xBF) folded to a plain lower-case
 * letter, so "PEÑA", "Peña" and "pena" all match; a kiosk keyboard may have no ñ. */
static const char latin1_fold[] = "aaaaaaaceeeeiiiidnooooo*ouuuuyts"
				  "aaaaaaaceeeeiiiidnooooo/ouuuuyty";

/* Signs a name may be written with or without: they never tell two residents apart. */
static size_t ignored_sign(const unsigned char *s, size_t left)
{
	if (*s == ' ' || *s == '\t' || *s == '\'' || *s == '-' || *s == '.')
		return 1;
	/* U+2019 (’) and U+2010 (‐): the apostrophe and hyphen of a phone's keyboard. */
	if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x99 || s[2] == 0x90))
		return 3;
	return 0;
}

static size_t fold_name(const char *in, char *out, size_t n)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t end = strlen(in);
	size_t len = 0, skip;

	for (size_t i = 0; i < end && len + 1 < n; i++) {
		if ((skip = ignored_sign(s + i, end - i)) > 0) {
			i += skip - 1;
		} else if (s[i] == 0xC3 && i + 1 < end && s[i + 1] >= 0x80 && s[i + 1] <= 0xBF) {
			out[len++] = latin1_fold[s[i + 1] - 0x80];
			i++;
		} else {
			out[len++] = (char)tolower(s[i]);
		}
	}
	out[len] = '\0';
	return len;
}

int match_last_name(const char *typed, const char *on_file)
{
	char a[128], b[128];

	if (fold_name(typed, a, sizeof(a)) == 0)
		return 0;
	fold_name(on_file, b, sizeof(b));
	return strcmp(a, b) == 0;
}

int match_account(struct sim_db *db, const char *number, const char *last_name,
		  const int64_t *last_bill_cents, char *digits, size_t n, struct sim_account *acc)
{
	/* A wrong number, name or amount all get the same answer: the reply must not tell a
	 * stranger which customer numbers exist. */
	int rc = match_customer_number(number, digits, n);

	if (rc == 0)
		rc = db_find_account(db, digits, acc);
	if (rc == 0 && last_name && !match_last_name(last_name, acc->last_name))
		rc = KIOSK_ENOTFOUND;
	if (rc == 0 && last_bill_cents && *last_bill_cents != acc->last_bill_cents)
		rc = KIOSK_ENOTFOUND;
	return rc;
}
